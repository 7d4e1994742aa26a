using System.Numerics;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms;
using NlpPipeline.Classification.Schema;

namespace NlpPipeline.Classification.Scoring;

/// <summary>
/// The learners of a saved model, read out of its ML.NET transformers once at load and scored without ML.NET: each
/// linear learner's weights and bias (intent and sentiment: one per class of a one-versus-all or maximum-entropy
/// model; topics: one per topic), laid out slot-major in one dense matrix (for each feature slot, the weights of all
/// learners side by side, padded to whole SIMD vectors), so a passage is scored by one pass over its sparse features
/// that reads one short run of contiguous floats per feature. What ML.NET applies after the dot products is applied
/// the same way: each binary learner's own calibrator (<see cref="ICalibrator.PredictProbability"/>, ML.NET's method),
/// the one-versus-all combination the model was saved with (probabilities normalised to sum to one, raw scores, or a
/// softmax), the maximum-entropy softmax. <see cref="TryRead"/> refuses (with the reason) a model of any other shape,
/// and <see cref="ModelBundle"/> then keeps ML.NET's batch <c>Transform</c>. Thread-safe (read-only after load).
/// </summary>
internal sealed unsafe partial class LinearScorer
{
    private enum Combination { NormaliseProbabilities, Raw, Softmax }

    /// <summary>A multiclass head: learners <c>First..First+Count-1</c>, combined as ML.NET combines them.</summary>
    private sealed record Head(int First, int Count, Combination How, ICalibrator[]? Calibrators);

    private readonly int _dimension;
    private readonly int _stride;
    /// <summary>
    /// The weight matrix, in native memory aligned to 2 MB and marked for transparent huge pages where Linux offers
    /// them: a passage reads some 800 rows scattered over ~20 MB, and with 4 KB pages nearly every read also missed the
    /// TLB. Freed by the finalizer (the scorer lives as long as its bundle).
    /// </summary>
    private readonly float* _weights;
    private readonly float[] _bias;
    private readonly Head _intent;
    private readonly Head _sentiment;
    private readonly (int Learner, ICalibrator Calibrator)[] _topics;

    private LinearScorer(int dimension, List<(IReadOnlyList<float> Weights, float Bias)> learners, Head intent, Head sentiment,
        (int, ICalibrator)[] topics)
    {
        _dimension = dimension;
        _stride = (learners.Count + Vector<float>.Count - 1) / Vector<float>.Count * Vector<float>.Count;
        if ((long)dimension * _stride > int.MaxValue) throw new NotSupportedException("weight matrix too large");
        var bytes = (nuint)dimension * (nuint)_stride * sizeof(float);
        _weights = (float*)NativeMemory.AlignedAlloc(Math.Max(bytes, 1), HugePage);
        GC.AddMemoryPressure((long)bytes);
        _bytes = bytes;
        if (OperatingSystem.IsLinux())
        {
            try { _ = Madvise(_weights, bytes, MadviseHugePage); }   // advice only: ignored where unsupported
            catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException) { }
        }
        NativeMemory.Clear(_weights, bytes);
        _bias = new float[_stride];
        for (var l = 0; l < learners.Count; l++)
        {
            var (weights, bias) = learners[l];
            _bias[l] = bias;
            for (var slot = 0; slot < dimension; slot++) _weights[(nint)slot * _stride + l] = weights[slot];
        }
        _intent = intent;
        _sentiment = sentiment;
        _topics = topics;
        Learners = learners.Count;
    }

    private const int HugePage = 2 * 1024 * 1024, MadviseHugePage = 14;

    /// <summary>
    /// How many features ahead a row of the matrix is asked for (<see cref="Sse.Prefetch0"/>): a row that misses the
    /// caches takes some 100 ns to arrive, scoring a feature a few ns, so the row of the feature ~24 places on is
    /// asked for now. Measured on the 2-core EPYC VM: 38 → 13 µs per passage for the dot products (16–48 all within noise).
    /// </summary>
    private const int PrefetchAhead = 24;
    private readonly nuint _bytes;

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static partial int Madvise(void* address, nuint length, int advice);

    ~LinearScorer()
    {
        NativeMemory.AlignedFree(_weights);
        GC.RemoveMemoryPressure((long)_bytes);
    }

    /// <summary>How many linear learners the matrix holds (its columns before padding).</summary>
    public int Learners { get; }

    /// <summary>
    /// Reads the learners of <paramref name="model"/> (the transformer chain <c>ModelFitter</c> builds: a multiclass
    /// predictor whose score is copied to <see cref="ModelColumns.IntentScores"/>, one copied to
    /// <see cref="ModelColumns.SentimentScores"/>, then per topic a binary predictor, calibrated in itself or by the
    /// calibrator transformer after it, copied to <see cref="ModelColumns.TopicProbability"/>). Null, with
    /// <paramref name="reason"/>, for anything else.
    /// </summary>
    public static LinearScorer? TryRead(ITransformer model, DataViewSchema input, int dimension, int intents, int sentiments, int topics, out string reason)
    {
        try
        {
            return Read(model, input, dimension, intents, sentiments, topics, out reason);
        }
        catch (Exception ex) when (ex is InvalidOperationException or InvalidCastException or TargetException or MemberAccessException or ArgumentException or NotSupportedException)
        {
            reason = $"reading the learners failed: {ex.Message}";
            return null;
        }
    }

    private static LinearScorer? Read(ITransformer model, DataViewSchema schema, int dimension, int intents, int sentiments, int topicCount, out string reason)
    {
        if (model is not IEnumerable<ITransformer> chain)
        {
            reason = $"the model is a {model.GetType().Name}, not a transformer chain";
            return null;
        }
        var learners = new List<(IReadOnlyList<float>, float)>();
        Head? pendingHead = null, intent = null, sentiment = null;
        (int Learner, ICalibrator? Calibrator)? pendingTopic = null;
        var topics = new (int, ICalibrator)?[topicCount];
        string? Add(LinearBinaryModelParameters linear)
        {
            if (linear.Weights.Count != dimension) return $"a learner has {linear.Weights.Count} weights for {dimension} features";
            learners.Add((linear.Weights, linear.Bias));
            return null;
        }
        foreach (var t in chain)
        {
            string? problem = null;
            var input = schema;
            schema = t.GetOutputSchema(input);
            if (t is ColumnConcatenatingTransformer) continue;   // TopicProbs: the topic columns in order (checked by the probes)
            if (t is ColumnCopyingTransformer)
            {
                // The copies' names are not public; a transformer's added columns come after its input's.
                foreach (var output in schema.Skip(input.Count))
                    problem ??= Assign(output.Name, ref pendingHead, ref pendingTopic, ref intent, ref sentiment, topics);
            }
            else if (t is IPredictionTransformer<object> { Model: var parameters })
            {
                if (pendingHead is not null || pendingTopic is { Calibrator: null } && parameters is not ICalibrator)
                    problem = "a predictor's output is not copied to a column of the model's output";
                else problem = parameters switch
                {
                    OneVersusAllModelParameters ova => OneVersusAll(ova, learners, Add, out pendingHead),
                    LinearMulticlassModelParametersBase multi => Multiclass(multi, dimension, learners, out pendingHead),
                    CalibratedModelParametersBase { SubModel: LinearBinaryModelParameters linear, Calibrator: var calibrator } =>
                        Topic(linear, calibrator, learners.Count, Add, ref pendingTopic),
                    LinearBinaryModelParameters linear => Topic(linear, null, learners.Count, Add, ref pendingTopic),
                    ICalibrator calibrator when pendingTopic is { Calibrator: null } p => Calibrate(ref pendingTopic, p.Learner, calibrator),
                    _ => $"it has a {parameters.GetType().Name}, which this scorer cannot read",
                };
            }
            else problem = $"it has a {t.GetType().Name} transformer, which this scorer cannot read";
            if (problem is not null)
            {
                reason = problem;
                return null;
            }
        }
        if (intent is null || sentiment is null || topics.Any(x => x is null) || pendingHead is not null || pendingTopic is not null)
        {
            reason = "the model does not have the intent, sentiment and topic outputs this scorer expects";
            return null;
        }
        if (intent.Count != intents || sentiment.Count != sentiments)
        {
            reason = $"the model scores {intent.Count} intents and {sentiment.Count} sentiments, the manifest names {intents} and {sentiments}";
            return null;
        }
        reason = "";
        return new LinearScorer(dimension, learners, intent, sentiment, topics.Select(x => x!.Value).ToArray());
    }

    private static string? Calibrate(ref (int Learner, ICalibrator? Calibrator)? pending, int learner, ICalibrator calibrator)
    {
        pending = (learner, calibrator);
        return null;
    }

    private static string? Topic(LinearBinaryModelParameters linear, ICalibrator? calibrator, int learner, Func<LinearBinaryModelParameters, string?> add,
        ref (int Learner, ICalibrator? Calibrator)? pending)
    {
        if (pending is not null) return "two binary predictors in a row without their output copied";
        pending = (learner, calibrator);
        return add(linear);
    }

    private static string? Assign(string output, ref Head? head, ref (int Learner, ICalibrator? Calibrator)? topic, ref Head? intent, ref Head? sentiment,
        (int, ICalibrator)?[] topics)
    {
        if (output == ModelColumns.IntentScores || output == ModelColumns.SentimentScores)
        {
            if (head is null) return $"{output} is not copied from a multiclass predictor's score";
            if (output == ModelColumns.IntentScores) intent = head; else sentiment = head;
            head = null;
            return null;
        }
        for (var i = 0; i < topics.Length; i++)
        {
            if (output != ModelColumns.TopicProbability(i)) continue;
            if (topic is not { Calibrator: { } calibrator } t) return $"{output} is not copied from a calibrated binary predictor";
            topics[i] = (t.Learner, calibrator);
            topic = null;
            return null;
        }
        return $"a column is copied to {output}, which this scorer does not know";
    }

    /// <summary>One learner per class, read from the one-versus-all model's binary predictors, and the combination it applies.</summary>
    private static string? OneVersusAll(OneVersusAllModelParameters ova, List<(IReadOnlyList<float>, float)> learners,
        Func<LinearBinaryModelParameters, string?> add, out Head? head)
    {
        head = null;
        // ML.NET 5 does not expose the binary predictors of a loaded one-versus-all model; they are read from its
        // implementation object. If a later ML.NET renames these members, reading fails and scoring stays with ML.NET.
        var impl = Member(ova, "_impl") ?? throw new MissingMemberException("OneVersusAllModelParameters._impl");
        var formula = Member(impl, "OutputFormula")?.ToString();
        if (Member(impl, "Predictors") is not Array predictors || predictors.Length == 0) return "its one-versus-all model has no readable binary predictors";
        var how = formula switch
        {
            "ProbabilityNormalization" => Combination.NormaliseProbabilities,
            "Raw" => Combination.Raw,
            "Softmax" => Combination.Softmax,
            _ => (Combination?)null,
        };
        if (how is null) return $"its one-versus-all model combines its predictors by '{formula}', which this scorer does not know";
        var first = learners.Count;
        var calibrators = new ICalibrator[predictors.Length];
        foreach (var (p, i) in predictors.Cast<object>().Select((p, i) => (p, i)))
        {
            var problem = p switch
            {
                CalibratedModelParametersBase { SubModel: LinearBinaryModelParameters linear, Calibrator: var c } => add(linear) ?? Keep(calibrators, i, c),
                LinearBinaryModelParameters linear when how != Combination.NormaliseProbabilities => add(linear),
                _ => $"a one-versus-all predictor is a {p.GetType().Name}, which this scorer cannot read",
            };
            if (problem is not null) return problem;
        }
        head = new Head(first, predictors.Length, how.Value, how == Combination.NormaliseProbabilities ? calibrators : null);
        return null;
    }

    private static string? Keep(ICalibrator[] calibrators, int i, ICalibrator c)
    {
        calibrators[i] = c;
        return null;
    }

    /// <summary>A maximum-entropy model (softmax over the classes' linear scores) or a plain linear multiclass model (raw scores).</summary>
    private static string? Multiclass(LinearMulticlassModelParametersBase model, int dimension, List<(IReadOnlyList<float>, float)> learners, out Head? head)
    {
        head = null;
        var how = model switch
        {
            MaximumEntropyModelParameters => Combination.Softmax,
            LinearMulticlassModelParameters => Combination.Raw,
            _ => (Combination?)null,
        };
        if (how is null) return $"it has a {model.GetType().Name}, which this scorer cannot read";
        VBuffer<float>[] weights = [];
        model.GetWeights(ref weights, out var classes);
        var biases = model.GetBiases().ToArray();
        if (weights.Length < classes || biases.Length < classes) return "its multiclass model's weights do not match its classes";
        var first = learners.Count;
        for (var k = 0; k < classes; k++)
        {
            if (weights[k].Length != dimension) return $"a class has {weights[k].Length} weights for {dimension} features";
            learners.Add((weights[k].DenseValues().ToArray(), biases[k]));
        }
        head = new Head(first, classes, how.Value, null);
        return null;
    }

    private static object? Member(object target, string name)
    {
        const BindingFlags flags = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
        for (var type = target.GetType(); type is not null; type = type.BaseType)
        {
            if (type.GetField(name, flags) is { } field) return field.GetValue(target);
            if (type.GetProperty(name, flags) is { } property) return property.GetValue(target);
        }
        return null;
    }

    /// <summary>Per-thread buffer for the learners' scores, one padded row of the matrix long.</summary>
    public float[] NewScratch() => new float[_stride];

    /// <summary>
    /// Scores one passage's features as a sparse vector (the featurizer's sorted features, or the probes of
    /// <see cref="ModelBundle"/>'s check) into <paramref name="output"/> (see <see cref="Score(ReadOnlySpan{int}, ReadOnlySpan{float}, float[], ModelOutput)"/>).
    /// </summary>
    public void Score(in VBuffer<float> features, float[] scratch, ModelOutput output)
    {
        if (features.Length != _dimension) throw new ArgumentException($"{features.Length} features, the model reads {_dimension}", nameof(features));
        var values = features.GetValues();
        var indices = features.IsDense ? Enumerable.Range(0, values.Length).ToArray() : features.GetIndices();
        Score(indices, values, scratch, output);
    }

    /// <summary>
    /// Scores one passage's non-zero features (feature indices, in any order, each once, and their values) into
    /// <paramref name="output"/>, whose arrays have the lengths of the model's heads (<see cref="NewOutput"/>).
    /// </summary>
    public void Score(ReadOnlySpan<int> indices, ReadOnlySpan<float> values, float[] scratch, ModelOutput output)
    {
        if (indices.Length != values.Length) throw new ArgumentException($"{indices.Length} indices for {values.Length} values", nameof(indices));
        var lanes = _stride / Vector<float>.Count;
        Span<Vector<float>> sums = stackalloc Vector<float>[lanes];
        sums.Clear();
        foreach (var slot in indices)
            if ((uint)slot >= (uint)_dimension) throw new ArgumentOutOfRangeException(nameof(indices), $"feature {slot} of {_dimension}");
        var rowBytes = _stride * sizeof(float);
        for (var i = 0; i < values.Length; i++)
        {
            if (Sse.IsSupported && i + PrefetchAhead < indices.Length)
            {
                var ahead = (byte*)(_weights + (nint)indices[i + PrefetchAhead] * _stride);
                Sse.Prefetch0(ahead);
                Sse.Prefetch0(ahead + rowBytes - 1);
            }
            var x = new Vector<float>(values[i]);
            var row = _weights + (nint)indices[i] * _stride;
            for (var v = 0; v < lanes; v++)
                sums[v] += x * Vector.Load(row + v * Vector<float>.Count);
        }
        GC.KeepAlive(this);   // the finalizer must not free the matrix while it is read
        for (var v = 0; v < lanes; v++) sums[v].CopyTo(scratch, v * Vector<float>.Count);
        // ML.NET adds the bias to the dot product.
        for (var l = 0; l < Learners; l++) scratch[l] += _bias[l];
        Combine(_intent, scratch, output.IntentScores);
        Combine(_sentiment, scratch, output.SentimentScores);
        for (var t = 0; t < _topics.Length; t++) output.TopicProbs[t] = _topics[t].Calibrator.PredictProbability(scratch[_topics[t].Learner]);
    }

    public ModelOutput NewOutput() => new()
    {
        IntentScores = new float[_intent.Count], SentimentScores = new float[_sentiment.Count], TopicProbs = new float[_topics.Length],
    };

    private static void Combine(Head head, float[] scores, float[] output)
    {
        var raw = scores.AsSpan(head.First, head.Count);
        switch (head.How)
        {
            case Combination.Raw:
                raw.CopyTo(output);
                break;
            case Combination.NormaliseProbabilities:
                // As OneVersusAllModelParameters: each class's calibrated probability, negatives clamped to 0 and NaN
                // skipped, divided by their sum when it is positive.
                var sum = 0.0;
                for (var k = 0; k < raw.Length; k++)
                {
                    var p = head.Calibrators![k].PredictProbability(raw[k]);
                    if (float.IsNaN(p)) { output[k] = p; continue; }
                    if (p >= 0) sum += p; else p = 0;
                    output[k] = p;
                }
                if (sum > 0)
                    for (var k = 0; k < raw.Length; k++) output[k] = (float)(output[k] / sum);
                break;
            case Combination.Softmax:
                var max = double.NegativeInfinity;
                foreach (var s in raw) max = Math.Max(max, s);
                var total = 0.0;
                for (var k = 0; k < raw.Length; k++) total += Math.Exp(raw[k] - max);
                for (var k = 0; k < raw.Length; k++) output[k] = (float)(Math.Exp(raw[k] - max) / total);
                break;
        }
    }
}
