using NlpPipeline.Core.Annotation;
using NlpPipeline.Core.Domain;
using NlpPipeline.Core.Labels;

namespace NlpPipeline.Storage;

/// <summary>A stored passage that may go into an annotation batch, with its prediction from the sampling model (its text is read apart).</summary>
public sealed record StoredCandidate(long PassageId, Language Language, string SourceId, SourceKind SourceKind,
    DateTimeOffset? Published, DateTimeOffset FetchedAt, PassageScores Scores);

/// <summary>An annotation batch: how it was drawn, and how far its labelling has got.</summary>
public sealed record BatchInfo(long Id, DateTimeOffset CreatedAt, string Strategy, string ParamsJson, string? ModelVersion, DateTimeOffset? ClosedAt,
    int Items, int Annotated, IReadOnlyList<string> Annotators);

/// <summary>What an import changed: new rows, rows of the same annotator with other labels replaced, rows already so.</summary>
public sealed record AnnotationImportOutcome(long? ImportId, int Added, int Replaced, int Unchanged, DateTimeOffset? AlreadyImportedAt);

/// <summary>One labelled passage read for import: the stored passage it names and the annotator's labels.</summary>
public sealed record AnnotationInput(long PassageId, AnnotationLabels Labels, string? Note);

/// <summary>A stored passage with every annotation and the adjudication it has (for consensus and export).</summary>
public sealed record AnnotatedStoredPassage(long PassageId, string CanonicalUrl, int Ordinal, string Text, SourceKind SourceKind,
    IReadOnlyList<(string Annotator, AnnotationLabels Labels)> Annotations, (AnnotationLabels Labels, string Adjudicator)? Adjudication,
    string? Note);
