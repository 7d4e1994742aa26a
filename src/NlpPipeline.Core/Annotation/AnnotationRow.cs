using NlpPipeline.Core.Labels;

namespace NlpPipeline.Core.Annotation;

/// <summary>
/// A labelled line of an annotation file: the passage id as written, the batch the line says it belongs
/// to (if the file carries one), the language when the annotator gave one, and the labels.
/// </summary>
public sealed record AnnotationRow(int Line, string Id, long? Batch, Language? Language, Intent Intent, IReadOnlyList<Topic> Topics,
    Sentiment Sentiment, string? Note);

/// <summary>
/// The labelled rows of a file, how many rows were left entirely unlabelled (skipped, not an error), the batch
/// its rows name, and the line and id of every labelled line (<see cref="Ids"/>, also those whose labels are wrong).
/// </summary>
public sealed record AnnotationFile(string Path, string Sha256, IReadOnlyList<AnnotationRow> Rows, int Unlabelled, long? Batch,
    IReadOnlyList<(int Line, string Id)> Ids);
