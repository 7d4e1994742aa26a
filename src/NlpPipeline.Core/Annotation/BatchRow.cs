using NlpPipeline.Core.Domain;
using NlpPipeline.Core.Labels;

namespace NlpPipeline.Core.Annotation;

/// <summary>One passage of an annotation batch as written for the annotator: text, context and the model's guesses.</summary>
public sealed record BatchRow(long Batch, long PassageId, string Text, Language Language, SourceKind SourceKind, string Source,
    DateTimeOffset? Published, PassageScores Scores, double Uncertainty);
