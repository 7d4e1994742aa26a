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
/// <see cref="PassageScores"/>. Two scoring paths give the same outputs (within 1e-5, checked when the bundle is
/// made and by <c>DirectScoringTests</c> over the annotated test part):
/// <list type="bullet">
/// <item><see cref="Score"/>, the direct path when the model's learners can be read (<see cref="LinearScorer"/>):
/// each passage prepared, featurized and scored by one pass over its features through one slot-major weight matrix,
/// no ML.NET call per passage;</item>
/// <item><see cref="ScoreWithTransform"/>, ML.NET's batch <c>Transform</c> over an <c>IDataView</c> of feature
/// vectors (<see cref="FeatureView"/>), the reference (evaluation uses it) and the fallback for a model whose learners
/// the direct path cannot read (<see cref="ScoringPath"/> says which is in use and why).</item>
/// </list>
/// A large batch is cut into one chunk per core, each scored on its own thread (the fitted transformer and the weight
/// matrix are shared and immutable). Thread-safe.
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
    private readonly LinearScorer? _linear;

    /// <summary>Outputs of the two paths may differ by float rounding only; more than this and the direct path is refused.</summary>
    public const float Tolerance = 1e-5f;

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
        _linear = LinearScorer.TryRead(model, FeatureView.Schema(ml, featurizer.Dimension), featurizer.Dimension, _intents.Length, _sentiments.Length, _topics.Length, out var reason);
        if (_linear is not null && Verify(_linear) is { } mismatch)
        {
            _linear = null;
            reason = mismatch;
        }
        ScoringPath = _linear is null
            ? $"ML.NET batch Transform (the direct path cannot score this model: {reason})"
            : $"direct: {_linear.Learners} linear learners read from the model into one slot-major matrix (matches ML.NET's Transform on {Probes} probe vectors)";
    }

    private ModelBundle(ModelBundle other, int parallelism, bool direct = true)
    {
        (_ml, _model, _featurizer, _intents, _sentiments, _topics, _thresholds) =
            (other._ml, other._model, other._featurizer, other._intents, other._sentiments, other._topics, other._thresholds);
        (IntentLabels, SentimentLabels, TopicLabels) = (other.IntentLabels, other.SentimentLabels, other.TopicLabels);
        _linear = direct ? other._linear : null;
        ScoringPath = direct ? other.ScoringPath : "ML.NET batch Transform (direct scoring turned off)";
        Parallelism = parallelism;
    }

    /// <summary>The same model scored by ML.NET's batch Transform only (<c>nlp bench classify</c> compares the two end to end).</summary>
    public ModelBundle WithTransformOnly() => new(this, Parallelism, direct: false);

    /// <summary>Which path <see cref="Score"/> takes, and why: for the log of <c>nlp classify</c> and the benchmark.</summary>
    public string ScoringPath { get; }

    /// <summary>True when <see cref="Score"/> scores directly, without ML.NET.</summary>
    public bool ScoresDirectly => _linear is not null;

    private const int Probes = 64;

    /// <summary>
    /// Scores random sparse unit vectors (and the empty one) both ways; the reason when any output differs by more
    /// than <see cref="Tolerance"/>, else null. A guard against a model the reader misreads, run once per bundle.
    /// </summary>
    private string? Verify(LinearScorer linear)
    {
        var random = new Random(20261128);
        var dimension = _featurizer.Dimension;
        var probes = new List<VBuffer<float>> { new(dimension, 0, [], []) };
        while (probes.Count < Probes)
        {
            var n = random.Next(1, Math.Min(dimension, 1200) + 1);
            var indices = Enumerable.Range(0, n).Select(_ => random.Next(dimension)).Distinct().Order().ToArray();
            var values = indices.Select(_ => (float)random.NextDouble() + 0.01f).ToArray();
            var norm = MathF.Sqrt(values.Sum(v => v * v));
            probes.Add(new VBuffer<float>(dimension, indices.Length, values.Select(v => v / norm).ToArray(), indices));
        }
        var reference = _ml.Data.CreateEnumerable<ModelOutput>(_model.Transform(FeatureView.OfVectors(_ml, dimension, probes)), reuseRowObject: false).ToList();
        var scratch = linear.NewScratch();
        var direct = linear.NewOutput();
        for (var i = 0; i < probes.Count; i++)
        {
            linear.Score(probes[i], scratch, direct);
            var difference = new[] { (direct.IntentScores, reference[i].IntentScores), (direct.SentimentScores, reference[i].SentimentScores), (direct.TopicProbs, reference[i].TopicProbs) }
                .Max(pair => pair.Item1.Length != pair.Item2.Length ? float.PositiveInfinity : pair.Item1.Zip(pair.Item2, (a, b) => Math.Abs(a - b)).DefaultIfEmpty(0).Max());
            if (!(difference <= Tolerance))
                return $"its outputs differ from ML.NET's by {difference:G3} on a probe vector";
        }
        return null;
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
    public ModelBundle WithParallelism(int threads) => new(this, Math.Max(1, threads));

    /// <summary>Whether the model's features read the source kind (featurizer v2); a v1 model ignores the kinds it is given.</summary>
    public bool ReadsSourceKind => _featurizer.Options.SourceKind != SourceKindFeatures.None;

    /// <summary>
    /// Scores <paramref name="texts"/> (raw passage texts, each with its source kind or null when unknown) by the direct
    /// path when the model allows it, else by <see cref="ScoreWithTransform"/>.
    /// </summary>
    public IReadOnlyList<PassageScores> Score(IReadOnlyList<ScoringInput> texts, string modelVersion)
    {
        if (_linear is null) return ScoreWithTransform(texts, modelVersion);
        var result = new PassageScores[texts.Count];
        var chunks = Math.Clamp(texts.Count / MinChunk, 1, Math.Max(1, Parallelism));
        var size = (texts.Count + chunks - 1) / chunks;
        void Chunk(int c)
        {
            var scratch = _linear.NewScratch();
            var output = _linear.NewOutput();
            for (var i = c * size; i < Math.Min(texts.Count, (c + 1) * size); i++)
            {
                var (indices, values) = _featurizer.FeaturizeUnordered(ClassifierText.Prepare(texts[i].Text, Languages), texts[i].Kind);
                _linear.Score(indices.Span, values.Span, scratch, output);
                result[i] = ToScores(output, modelVersion);
            }
        }
        if (chunks == 1) Chunk(0);
        else Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = chunks }, Chunk);
        return result;
    }

    /// <summary>The reference path: ML.NET's batch <c>Transform</c> over an <c>IDataView</c>, one chunk per core.</summary>
    public IReadOnlyList<PassageScores> ScoreWithTransform(IReadOnlyList<ScoringInput> texts, string modelVersion)
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
    public IReadOnlyList<PassageScores> ScoreWithEngines(IReadOnlyList<ScoringInput> texts, string modelVersion, int threads)
    {
        var result = new PassageScores[texts.Count];
        var size = (texts.Count + threads - 1) / Math.Max(1, threads);
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, w =>
        {
            using var engine = _ml.Model.CreatePredictionEngine<ModelInput, ModelOutput>(_model, inputSchemaDefinition: FeatureView.Definition(_featurizer.Dimension));
            var input = new ModelInput();
            for (var i = w * size; i < Math.Min(texts.Count, (w + 1) * size); i++)
            {
                input.Features = _featurizer.Featurize(ClassifierText.Prepare(texts[i].Text, Languages), texts[i].Kind);
                result[i] = ToScores(engine.Predict(input), modelVersion);
            }
        });
        return result;
    }

    /// <summary>
    /// Prepares and featurizes <paramref name="texts"/> on this thread as <see cref="Score"/> does, without scoring them,
    /// returning the number of non-zero features; for <c>nlp bench classify</c>, which shows where scoring time goes.
    /// </summary>
    public long FeaturizeOnly(IReadOnlyList<ScoringInput> texts)
    {
        var slots = 0L;
        foreach (var text in texts)
            slots += _featurizer.FeaturizeUnordered(ClassifierText.Prepare(text.Text, Languages), text.Kind).Indices.Length;
        return slots;
    }

    private IReadOnlyList<PassageScores> ScoreChunk(IReadOnlyList<ScoringInput> texts, int start, int count, string modelVersion)
    {
        var input = FeatureView.Of(_ml, _featurizer, Enumerable.Range(start, count).Select(i => (ClassifierText.Prepare(texts[i].Text, Languages), texts[i].Kind)));
        var output = _model.Transform(input);
        var result = new List<PassageScores>(count);
        foreach (var o in _ml.Data.CreateEnumerable<ModelOutput>(output, reuseRowObject: true))
            result.Add(ToScores(o, modelVersion));
        return result;
    }

    private PassageScores ToScores(ModelOutput o, string modelVersion)
    {
        var (intent, intentProbs) = Distribution(_intents, o.IntentScores);
        var (sentiment, sentimentProbs) = Distribution(_sentiments, o.SentimentScores);
        var topicProbs = new float[_topics.Length];
        var topics = new List<Topic>();
        for (var i = 0; i < _topics.Length; i++)
        {
            var p = Clamp01(o.TopicProbs[i]);
            topicProbs[LabelProbabilities<Topic>.Number(_topics[i])] = p;
            if (p >= _thresholds[i]) topics.Add(_topics[i]);
        }
        return new PassageScores(modelVersion, intent, intentProbs, topics, new LabelProbabilities<Topic>(topicProbs), sentiment, sentimentProbs);
    }

    /// <summary>
    /// The scores as probabilities (negatives as 0, divided by their sum; uniform when none is positive), and the label
    /// of the largest (the first of the model's order on a tie).
    /// </summary>
    private static (T Top, LabelProbabilities<T> Probabilities) Distribution<T>(T[] labels, float[] scores) where T : struct, Enum
    {
        if (scores.Length != labels.Length)
            throw new InvalidOperationException($"The model gave {scores.Length} scores for {labels.Length} {typeof(T).Name} labels.");
        var sum = 0.0;   // in double, as Enumerable.Sum adds floats
        foreach (var s in scores) sum += Math.Max(0, s);
        var total = (float)sum;
        var byLabel = new float[labels.Length];
        var top = -1;
        var best = 0f;
        for (var i = 0; i < labels.Length; i++)
        {
            var p = total > 0 ? Math.Max(0, scores[i]) / total : 1f / labels.Length;
            byLabel[LabelProbabilities<T>.Number(labels[i])] = p;
            if (top < 0 || p.CompareTo(best) > 0) (top, best) = (i, p);   // float.CompareTo: NaN below every number
        }
        return (labels[top], new LabelProbabilities<T>(byLabel));
    }

    private static float Clamp01(float p) => float.IsNaN(p) ? 0 : Math.Clamp(p, 0, 1);
}
