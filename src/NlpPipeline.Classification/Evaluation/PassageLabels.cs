using NlpPipeline.Core.Corpora;
using NlpPipeline.Core.Domain;
using NlpPipeline.Core.Labels;

namespace NlpPipeline.Classification.Evaluation;

/// <summary>The labels of one passage, gold or predicted by some system.</summary>
public sealed record PassageLabels(Intent Intent, Sentiment Sentiment, IReadOnlySet<Topic> Topics)
{
    public static PassageLabels Of(AnnotatedPassage p) => new(p.Intent, p.Sentiment, p.Topics.ToHashSet());

    public static PassageLabels Of(PassageScores s) => new(s.Intent, s.Sentiment, s.Topics.ToHashSet());

    public static PassageLabels Of(SecondAnnotation a) => new(a.Intent, a.Sentiment, a.Topics.ToHashSet());
}
