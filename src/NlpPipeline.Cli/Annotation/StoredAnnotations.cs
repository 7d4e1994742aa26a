using NlpPipeline.Core.Annotation;
using NlpPipeline.Core.Domain;
using NlpPipeline.Storage;

namespace NlpPipeline.Cli.Annotation;

/// <summary>The store's annotations as annotated passages (LABELS.md), by <see cref="Consensus"/>.</summary>
internal sealed record StoredCorpus(IReadOnlyList<AnnotatedPassage> Passages, int Adjudicated, int Single, int Agreed, int Unresolved);

/// <summary>
/// The one place that turns stored annotations into training passages, for `nlp train` and
/// `nlp annotate export-corpus` alike: adjudicated labels, else the labels all annotators agree on; passages
/// with an unresolved disagreement are left out (and counted).
/// </summary>
internal static class StoredAnnotations
{
    public static StoredCorpus Read(NlpDatabase db)
    {
        var passages = new List<AnnotatedPassage>();
        int adjudicated = 0, single = 0, agreed = 0, unresolved = 0;
        foreach (var p in new AnnotationStore(db).AnnotatedPassages())
        {
            if (Consensus.Of(p.Adjudication, p.Annotations) is not { } c) { unresolved++; continue; }
            switch (c.Origin)
            {
                case LabelOrigin.Adjudicated: adjudicated++; break;
                case LabelOrigin.SingleAnnotator: single++; break;
                default: agreed++; break;
            }
            passages.Add(new AnnotatedPassage(Consensus.CorpusId(p.CanonicalUrl, p.Ordinal), p.Text, c.Labels.Language, c.Labels.Intent,
                c.Labels.Topics, c.Labels.Sentiment, p.SourceKind, c.Annotator, p.Note));
        }
        return new StoredCorpus(passages, adjudicated, single, agreed, unresolved);
    }
}
