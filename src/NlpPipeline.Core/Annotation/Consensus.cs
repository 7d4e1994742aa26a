using NlpPipeline.Core.Text;

namespace NlpPipeline.Core.Annotation;

/// <summary>Where a passage's training labels come from.</summary>
public enum LabelOrigin { Adjudicated, SingleAnnotator, Agreed }

/// <summary>
/// The labels a stored passage contributes to training and to the exported corpus: the adjudication when
/// there is one; else the annotators' labels when they all say the same (one annotator, or several who
/// agree on every task); else none, until someone resolves the disagreement.
/// </summary>
public static class Consensus
{
    public static (AnnotationLabels Labels, LabelOrigin Origin, string Annotator)? Of(
        (AnnotationLabels Labels, string Adjudicator)? adjudication, IReadOnlyList<(string Annotator, AnnotationLabels Labels)> annotations)
    {
        if (adjudication is { } a) return (a.Labels, LabelOrigin.Adjudicated, a.Adjudicator);
        if (annotations.Count == 0 || annotations.Select(x => x.Labels).Distinct().Count() > 1) return null;
        var names = string.Join("+", annotations.Select(x => x.Annotator).Order(StringComparer.Ordinal));
        return (annotations[0].Labels, annotations.Count == 1 ? LabelOrigin.SingleAnnotator : LabelOrigin.Agreed, names);
    }

    /// <summary>
    /// The corpus id of a stored passage: <c>db-</c> and 16 hex digits of the SHA-256 of its document's canonical
    /// URL and its position, so the same passage has the same id in every database and in the exported corpus.
    /// </summary>
    public static string CorpusId(string canonicalUrl, int ordinal) => "db-" + ContentHash.Sha256Hex($"{canonicalUrl}#{ordinal}")[..16];
}
