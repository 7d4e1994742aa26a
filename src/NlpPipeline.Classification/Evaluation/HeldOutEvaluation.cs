using NlpPipeline.Core.Domain;
using NlpPipeline.Core.Labels;

namespace NlpPipeline.Classification.Evaluation;

/// <summary>One system's figures over all passages and per language.</summary>
public sealed record SystemFigures(string System, string Description, Figures Overall, IReadOnlyDictionary<string, Figures> ByLanguage);

/// <summary>Counts of gold label (row) against predicted label (column), in LABELS.md order.</summary>
public sealed record ConfusionMatrix(IReadOnlyList<string> Labels, IReadOnlyList<IReadOnlyList<int>> Counts)
{
    public static ConfusionMatrix Of<T>(WireNames<T> names, IEnumerable<(T Gold, T Predicted)> pairs) where T : struct, Enum
    {
        var labels = names.All.ToList();
        var counts = labels.Select(_ => new int[labels.Count]).ToArray();
        foreach (var (g, p) in pairs) counts[labels.IndexOf(g)][labels.IndexOf(p)]++;
        return new ConfusionMatrix(names.Names, counts);
    }
}

/// <summary>
/// What <c>nlp evaluate</c> reports (and <c>nlp train</c> records in the manifest): the model and two
/// baselines on the same passages, each figure with a 95 % bootstrap interval, and the model's
/// confusion matrices for intent and sentiment.
/// </summary>
public sealed record HeldOutEvaluation(
    string ModelVersion,
    int Passages,
    int Resamples,
    int Seed,
    IReadOnlyList<SystemFigures> Systems,
    ConfusionMatrix IntentConfusion,
    ConfusionMatrix SentimentConfusion)
{
    public const string Model = "model";
    public const string Majority = "majority";
    public const string Keyword = "keyword";

    public SystemFigures System(string name) => Systems.First(s => s.System == name);
}

/// <summary>Builds a <see cref="HeldOutEvaluation"/> from gold passages and each system's predictions.</summary>
public static class HeldOutEvaluator
{
    public const int DefaultResamples = 1000;

    public static HeldOutEvaluation Evaluate(string modelVersion, IReadOnlyList<AnnotatedPassage> test,
        IReadOnlyList<(string Name, string Description, IReadOnlyList<PassageLabels> Predicted)> systems, int resamples, int seed)
    {
        if (test.Count == 0) throw new ArgumentException("No passages to evaluate on.", nameof(test));
        var gold = test.Select(PassageLabels.Of).ToList();
        var results = new List<SystemFigures>();
        foreach (var (name, description, predicted) in systems)
        {
            if (predicted.Count != gold.Count) throw new ArgumentException($"System {name} has {predicted.Count} predictions for {gold.Count} passages.");
            var byLanguage = Enumerable.Range(0, test.Count).GroupBy(i => test[i].Language.ToWire()).OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => Bootstrap.Estimate(g.Select(i => gold[i]).ToList(), g.Select(i => predicted[i]).ToList(), resamples, seed));
            results.Add(new SystemFigures(name, description, Bootstrap.Estimate(gold, predicted, resamples, seed), byLanguage));
        }
        var model = systems[0].Predicted;
        return new HeldOutEvaluation(modelVersion, test.Count, resamples, seed, results,
            ConfusionMatrix.Of(LabelNames.Intents, gold.Zip(model, (g, p) => (g.Intent, p.Intent))),
            ConfusionMatrix.Of(LabelNames.Sentiments, gold.Zip(model, (g, p) => (g.Sentiment, p.Sentiment))));
    }
}
