using NlpPipeline.Classification.Scoring;
using NlpPipeline.Classification.Training;
using NlpPipeline.Core.Domain;
using NlpPipeline.Core.Labels;

namespace NlpPipeline.Classification.Evaluation;

/// <summary>
/// Scores a model and the two baselines on the same passages: the model through batch scoring, the
/// majority class of the training part (the model's manifest), and the keyword baseline.
/// </summary>
public static class ModelEvaluation
{
    public static HeldOutEvaluation Run(ModelBundle bundle, string version, TrainingLabelCounts? training, IReadOnlyList<AnnotatedPassage> test,
        int resamples = HeldOutEvaluator.DefaultResamples, int seed = 1)
    {
        var model = bundle.ScoreWithTransform(test.Select(t => new ScoringInput(t.Text, t.SourceKind)).ToList(), version).Select(PassageLabels.Of).ToList();
        var (majority, majorityNote) = Majority(training, test);
        var keywords = new KeywordBaseline();
        var keyword = test.Select(t => keywords.Predict(t.Text)).ToList();
        return HeldOutEvaluator.Evaluate(version, test,
        [
            (HeldOutEvaluation.Model, $"model {version}", model),
            (HeldOutEvaluation.Majority, majorityNote, test.Select(_ => majority).ToList()),
            (HeldOutEvaluation.Keyword, KeywordBaseline.Description, keyword),
        ], resamples, seed);
    }

    /// <summary>The most frequent intent and sentiment, and every topic on more than half the passages (none, in practice).</summary>
    private static (PassageLabels Labels, string Note) Majority(TrainingLabelCounts? training, IReadOnlyList<AnnotatedPassage> test)
    {
        if (training is not null)
            return (new PassageLabels(
                LabelNames.Intents.Parse(training.Intent.MaxBy(kv => kv.Value).Key),
                LabelNames.Sentiments.Parse(training.Sentiment.MaxBy(kv => kv.Value).Key),
                training.Topics.Where(kv => kv.Value * 2 > training.Passages).Select(kv => LabelNames.Topics.Parse(kv.Key)).ToHashSet()),
                "majority class of the model's training part");
        // Manifests written before training label counts were recorded: fall back to the data evaluated on.
        return (new PassageLabels(
            test.GroupBy(t => t.Intent).MaxBy(g => g.Count())!.Key,
            test.GroupBy(t => t.Sentiment).MaxBy(g => g.Count())!.Key,
            LabelNames.Topics.All.Where(x => test.Count(t => t.Topics.Contains(x)) * 2 > test.Count).ToHashSet()),
            "majority class of the evaluated passages (the manifest records no training counts)");
    }
}
