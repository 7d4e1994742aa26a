using NlpPipeline.Core.Corpora;
using NlpPipeline.Core.Domain;
using NlpPipeline.Core.Labels;

namespace NlpPipeline.Classification.Evaluation;

/// <summary>The labels of one passage, gold or predicted by some system.</summary>
public sealed record PassageLabels(Intent Intent, Sentiment Sentiment, IReadOnlySet<Topic> Topics)
{
    public static PassageLabels Of(AnnotatedPassage p) => new(p.Intent, p.Sentiment, p.Topics.ToHashSet());

    public static PassageLabels Of(PassageScores s) => new(s.Intent, s.Sentiment, s.Topics.ToHashSet());

    /// <summary>A second annotation's labels; a partial reading takes the tasks it leaves out from <paramref name="corpus"/>
    /// (they are then not compared: <see cref="LabelAgreement.Measure"/> with the reading's tasks).</summary>
    public static PassageLabels Of(SecondAnnotation a, PassageLabels corpus) =>
        new(a.Intent ?? corpus.Intent, a.Sentiment ?? corpus.Sentiment, a.Topics?.ToHashSet() ?? corpus.Topics);
}
