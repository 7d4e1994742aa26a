using Microsoft.ML;
using Microsoft.ML.Data;
using NlpPipeline.Classification.Features;
using NlpPipeline.Classification.Schema;
using NlpPipeline.Core.Domain;
using NlpPipeline.Core.Labels;
using NlpPipeline.Core.Text;

namespace NlpPipeline.Classification.Scoring;

/// <summary>
/// A fitted model with its featurizer, and the label orders and thresholds that turn its raw outputs into
/// <see cref="PassageScores"/>. Scoring goes through batch <c>Transform</c> over an <c>IDataView</c> of feature
/// vectors (<see cref="FeatureView"/>: each passage prepared and featurized as the cursor reaches it); a large batch
/// is cut into one chunk per core, each transformed on its own thread (the fitted transformer is shared and
/// immutable; every chunk gets its own data view and cursor). Thread-safe.
/// </summary>
public sealed class ModelBundle
{
    private readonly MLContext _ml;
    private readonly ITransformer _model;
    private readonly HashedNgramFeaturizer _featurizer;
    private readonly Intent[] _intents;
    private readonly Sentiment[] _sentiments;
    private readonly Topic[] _topics;
    private readonly double[] _thresholds;

    public ModelBundle(MLContext ml, ITransformer model, HashedNgramFeaturizer featurizer, IReadOnlyList<string> intentLabels,
        IReadOnlyList<string> sentimentLabels, IReadOnlyList<string> topicLabels, IReadOnlyDictionary<string, double> topicThresholds)
    {
        _ml = ml;
        _model = model;
        _featurizer = featurizer;
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

    /// <summary>Smallest chunk worth a thread of its own.</summary>
    public const int MinChunk = 256;

    /// <summary>The featurizer the model's learners read.</summary>
    public HashedNgramFeaturizer Featurizer => _featurizer;

    /// <summary>Threads a large batch is spread over (default: one per core).</summary>
    public int Parallelism { get; private init; } = Environment.ProcessorCount;

    /// <summary>The same model, spreading a batch over at most <paramref name="threads"/> threads.</summary>
    public ModelBundle WithParallelism(int threads) =>
        new(_ml, _model, _featurizer, IntentLabels, SentimentLabels, TopicLabels, TopicLabels.Select((t, i) => (t, i)).ToDictionary(x => x.t, x => _thresholds[x.i]))
        { Parallelism = Math.Max(1, threads) };

    public IReadOnlyList<PassageScores> Score(IReadOnlyList<string> texts, string modelVersion)
    {
        if (texts.Count == 0) return [];
        var chunks = Math.Clamp(texts.Count / MinChunk, 1, Math.Max(1, Parallelism));
        if (chunks == 1) return ScoreChunk(texts, 0, texts.Count, modelVersion);
        var size = (texts.Count + chunks - 1) / chunks;
        var parts = new IReadOnlyList<PassageScores>[chunks];
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = chunks },
            c => parts[c] = ScoreChunk(texts, c * size, Math.Min(size, texts.Count - c * size), modelVersion));
        return parts.SelectMany(p => p).ToList();
    }

    /// <summary>
    /// The same scores through one <c>PredictionEngine</c> per worker thread, passage by passage; kept for
    /// <c>nlp bench classify</c>, which compares it with the batch path.
    /// </summary>
    public IReadOnlyList<PassageScores> ScoreWithEngines(IReadOnlyList<string> texts, string modelVersion, int threads)
    {
        var result = new PassageScores[texts.Count];
        var size = (texts.Count + threads - 1) / Math.Max(1, threads);
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, w =>
        {
            using var engine = _ml.Model.CreatePredictionEngine<ModelInput, ModelOutput>(_model, inputSchemaDefinition: FeatureView.Definition(_featurizer.Dimension));
            var input = new ModelInput();
            for (var i = w * size; i < Math.Min(texts.Count, (w + 1) * size); i++)
            {
                input.Features = _featurizer.Featurize(ClassifierText.Prepare(texts[i], Languages));
                result[i] = ToScores(engine.Predict(input), modelVersion);
            }
        });
        return result;
    }

    /// <summary>
    /// Prepares and featurizes <paramref name="texts"/> on this thread without scoring them, returning the number of
    /// non-zero features; for <c>nlp bench classify</c>, which shows where scoring time goes.
    /// </summary>
    public long FeaturizeOnly(IReadOnlyList<string> texts)
    {
        VBuffer<float> features = default;
        var slots = 0L;
        foreach (var text in texts)
        {
            _featurizer.Featurize(ClassifierText.Prepare(text, Languages), ref features);
            slots += features.GetValues().Length;
        }
        return slots;
    }

    private IReadOnlyList<PassageScores> ScoreChunk(IReadOnlyList<string> texts, int start, int count, string modelVersion)
    {
        var input = FeatureView.Of(_ml, _featurizer, Enumerable.Range(start, count).Select(i => ClassifierText.Prepare(texts[i], Languages)));
        var output = _model.Transform(input);
        var result = new List<PassageScores>(count);
        foreach (var o in _ml.Data.CreateEnumerable<ModelOutput>(output, reuseRowObject: true))
            result.Add(ToScores(o, modelVersion));
        return result;
    }

    private PassageScores ToScores(ModelOutput o, string modelVersion)
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
        return new PassageScores(modelVersion,
            intentProbs.MaxBy(kv => kv.Value).Key, intentProbs, topics, topicProbs,
            sentimentProbs.MaxBy(kv => kv.Value).Key, sentimentProbs);
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
