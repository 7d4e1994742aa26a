using NlpPipeline.Core.Labels;

namespace NlpPipeline.Core.Domain;

/// <summary>One line of an annotated corpus file (LABELS.md's annotated format).</summary>
public sealed record AnnotatedPassage(
    string Id,
    string Text,
    Language Language,
    Intent Intent,
    IReadOnlyList<Topic> Topics,
    Sentiment Sentiment,
    SourceKind SourceKind,
    string Annotator,
    string? Note);
