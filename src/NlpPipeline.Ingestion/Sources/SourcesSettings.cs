using NlpPipeline.Core.Domain;
using NlpPipeline.Ingestion.Fetching;

namespace NlpPipeline.Ingestion.Sources;

/// <summary>Everything a sources file says: the sources, in file order, and how to fetch them.</summary>
public sealed record SourcesSettings(IReadOnlyList<Source> Sources, FetchOptions Fetch);
