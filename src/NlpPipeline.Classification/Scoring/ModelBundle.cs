using Microsoft.ML;
using NlpPipeline.Classification.Schema;
using NlpPipeline.Core.Domain;
using NlpPipeline.Core.Labels;
using NlpPipeline.Core.Text;

namespace NlpPipeline.Classification.Scoring;

/// <summary>
/// A fitted model with the label orders and thresholds that turn its raw outputs into
/// <see cref="PassageScores"/>. Scoring goes through batch <c>Transform</c>, which is safe to call from
/// one thread at a time per bundle.
/// </summary>
public sealed class ModelBundle
{
    private readonly MLContext _ml;
    private readonly ITransformer _model;
    private readonly Intent[] _intents;
    private readonly Sentiment[] _sentiments;
    private readonly Topic[] _topics;
    private readonly double[] _thresholds;

    public ModelBundle(MLContext ml, ITransformer model, IReadOnlyList<string> intentLabels, IReadOnlyList<string> sentimentLabels,
        IReadOnlyList<string> topicLabels, IReadOnlyDictionary<string, double> topicThresholds)
    {
        _ml = ml;
        _model = model;
        IntentLabels = intentLabels;
        SentimentLabels = sentimentLabels;
        TopicLabels = topicLabels;
        _intents = intentLabels.Select(LabelNames.Intents.Parse).ToArray();
        _sentiments = sentimentLabels.Select(LabelNames.Sentiments.Parse).ToArray();
        _topics = topicLabels.Select(LabelNames.Topics.Parse).ToArray();
        _thresholds = topicLabels.Select(t => topicThresholds.TryGetValue(t, out var th) ? th
            : throw new ArgumentException($"No threshold for topic '{t}'.", nameof(topicThresholds))).ToArray();
        if (_intents.Length != LabelNames.Intents.All.Count || _sentiments.Length != LabelNames.Sentiments.All.Count || _topics.Length != LabelNames.Topics.All.Count)
            throw new ArgumentException("The model's label lists do not cover every label of LABELS.md.");
    }

    private static readonly LanguageIdentifier Languages = new();

    public IReadOnlyList<string> IntentLabels { get; }
    public IReadOnlyList<string> SentimentLabels { get; }
    public IReadOnlyList<string> TopicLabels { get; }

    internal IReadOnlyList<ModelOutput> Predict(IReadOnlyList<string> texts)
    {
        var input = _ml.Data.LoadFromEnumerable(texts.Select(t => new ModelInput { Text = ClassifierText.Prepare(t, Languages) }));
        return _ml.Data.CreateEnumerable<ModelOutput>(_model.Transform(input), reuseRowObject: false).ToList();
    }

    public IReadOnlyList<PassageScores> Score(IReadOnlyList<string> texts, string modelVersion)
    {
        if (texts.Count == 0) return [];
        var outputs = Predict(texts);
        var result = new List<PassageScores>(outputs.Count);
        foreach (var o in outputs)
        {
            var intentProbs = Distribution(_intents, o.IntentScores);
            var sentimentProbs = Distribution(_sentiments, o.SentimentScores);
            var topicProbs = new Dictionary<Topic, float>();
            var topics = new List<Topic>();
            for (var i = 0; i < _topics.Length; i++)
            {
                var p = Clamp01(o.TopicProbs[i]);
                topicProbs[_topics[i]] = p;
                if (p >= _thresholds[i]) topics.Add(_topics[i]);
            }
            result.Add(new PassageScores(modelVersion,
                intentProbs.MaxBy(kv => kv.Value).Key, intentProbs, topics, topicProbs,
                sentimentProbs.MaxBy(kv => kv.Value).Key, sentimentProbs));
        }
        return result;
    }

    private static Dictionary<T, float> Distribution<T>(T[] labels, float[] scores) where T : struct, Enum
    {
        if (scores.Length != labels.Length)
            throw new InvalidOperationException($"The model gave {scores.Length} scores for {labels.Length} {typeof(T).Name} labels.");
        var sum = scores.Sum(s => Math.Max(0, s));
        var d = new Dictionary<T, float>(labels.Length);
        for (var i = 0; i < labels.Length; i++)
            d[labels[i]] = sum > 0 ? Math.Max(0, scores[i]) / sum : 1f / labels.Length;
        return d;
    }

    private static float Clamp01(float p) => float.IsNaN(p) ? 0 : Math.Clamp(p, 0, 1);
}
