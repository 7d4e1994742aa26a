using NlpPipeline.Core.Annotation;
using NlpPipeline.Core.Labels;

namespace NlpPipeline.Cli.Annotation;

/// <summary>What `nlp annotate sample` was asked for.</summary>
internal sealed record SampleRequest(int N, SamplingStrategy Strategy, Language? Language, DateOnly? From, DateOnly? To, int Seed, string? Out, char Delimiter);

/// <summary>The batch that was drawn and where its file went.</summary>
internal sealed record SampleResult(long BatchId, string Path, int Passages, int Candidates, string ModelVersion);
