using System.Numerics;
using System.Runtime.InteropServices;
using Microsoft.ML.Data;

namespace NlpPipeline.Classification.Training;

/// <summary>A sparse input vector: the active slots and their values, as the featurizer writes them.</summary>
public readonly record struct SparseInput(int[] Indices, float[] Values)
{
    public static SparseInput Of(VBuffer<float> v)
    {
        var values = v.GetValues().ToArray();
        return new SparseInput(v.IsDense ? [.. Enumerable.Range(0, values.Length)] : v.GetIndices().ToArray(), values);
    }
}

/// <summary>
/// Tenth round (b) (docs/classifier.md): a one-hidden-layer network, x (sparse) → h = ReLU(W₁x + b₁) → z = W₂h + b₂, whose first
/// <see cref="TopicOutputs"/> outputs are the topics' logits (sigmoid, binary cross-entropy summed over topics) and, in a multi-task
/// network, the next 6 the intent's and the last 3 the sentiment's (softmax each, their cross-entropies weighted by a task weight).
/// W₁ is stored row by row (one row of <see cref="Hidden"/> floats per input slot), so a passage touches only its active slots' rows.
/// Everything is single-threaded and drawn from one seeded <see cref="Random"/>: the same data, options and seed give the same weights.
/// </summary>
public sealed partial class TopicNetwork
{
    public const int TopicOutputs = 11;
    public const int IntentOutputs = 6;
    public const int SentimentOutputs = 3;

    /// <summary>One training passage: its vector, its topics (one flag per topic, in label order), its intent and sentiment (label indices).</summary>
    public sealed record Example(SparseInput X, bool[] Topics, int Intent, int Sentiment);

    internal TopicNetwork(int inputs, int hidden, int outputs, bool linear = false)
    {
        if (hidden % Vector<float>.Count != 0) throw new ArgumentException($"The hidden layer's size must be a multiple of {Vector<float>.Count}.", nameof(hidden));
        if (outputs is not TopicOutputs and not TopicOutputs + IntentOutputs + SentimentOutputs)
            throw new ArgumentException($"A network has {TopicOutputs} topic outputs, or {TopicOutputs + IntentOutputs + SentimentOutputs} with intent and sentiment.", nameof(outputs));
        Inputs = inputs;
        Hidden = hidden;
        Outputs = outputs;
        Linear = linear;
        W1 = new float[(long)inputs * hidden];
        B1 = new float[hidden];
        W2 = new float[outputs * hidden];
        B2 = new float[outputs];
    }

    public int Inputs { get; }
    public int Hidden { get; }
    public int Outputs { get; }
    public bool MultiTask => Outputs > TopicOutputs;

    /// <summary>The control: identity hidden units instead of ReLU, so the network is a linear model of rank <see cref="Hidden"/>, trained alike.</summary>
    public bool Linear { get; }

    // W1: inputs × hidden, row i at i·hidden; W2: outputs × hidden, row o at o·hidden.
    internal float[] W1 { get; }
    internal float[] B1 { get; }
    internal float[] W2 { get; }
    internal float[] B2 { get; }

    /// <summary>
    /// A network with He-initialised W₁ (normal, variance 2 / the passages' mean number of active slots, the fan-in of a sparse
    /// input), Xavier-initialised W₂ (uniform, ±√(6 / (hidden + outputs))), b₁ = 0 and b₂ the log prior odds of each topic (0 for the
    /// softmax heads).
    /// </summary>
    internal static TopicNetwork Initialised(int inputs, int hidden, int outputs, Random random, double meanActive, double[] topicPriors,
        bool linear = false)
    {
        var net = new TopicNetwork(inputs, hidden, outputs, linear);
        var sd = Math.Sqrt(2 / Math.Max(1, meanActive));
        for (long i = 0; i < net.W1.LongLength; i++) net.W1[i] = (float)(sd * Normal(random));
        var limit = Math.Sqrt(6.0 / (hidden + outputs));
        for (var i = 0; i < net.W2.Length; i++) net.W2[i] = (float)((2 * random.NextDouble() - 1) * limit);
        for (var t = 0; t < TopicOutputs; t++)
        {
            var p = Math.Clamp(topicPriors[t], 1e-4, 1 - 1e-4);
            net.B2[t] = (float)Math.Log(p / (1 - p));
        }
        return net;
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    /// <summary>A copy of the weights (the best epoch's, kept while training goes on).</summary>
    internal TopicNetwork Copy()
    {
        var copy = new TopicNetwork(Inputs, Hidden, Outputs, Linear);
        CopyTo(copy);
        return copy;
    }

    internal void CopyTo(TopicNetwork other)
    {
        Array.Copy(W1, other.W1, W1.LongLength);
        Array.Copy(B1, other.B1, B1.Length);
        Array.Copy(W2, other.W2, W2.Length);
        Array.Copy(B2, other.B2, B2.Length);
    }

    /// <summary>The topics' logits of one passage (no dropout).</summary>
    public float[] TopicLogits(SparseInput x)
    {
        var pre = new float[Hidden];
        var z = new float[Outputs];
        Forward(x, pre, null, z);
        return z[..TopicOutputs];
    }

    /// <summary>
    /// The hidden layer's pre-activations (into <paramref name="pre"/>), then the outputs (into <paramref name="z"/>) of h = ReLU(pre)
    /// times the dropout <paramref name="mask"/> (null: none); <paramref name="pre"/> is left holding h.
    /// </summary>
    internal void Forward(SparseInput x, Span<float> pre, ReadOnlySpan<float> mask, Span<float> z)
    {
        B1.CopyTo(pre);
        var indices = x.Indices;
        var values = x.Values;
        for (var k = 0; k < indices.Length; k++) Axpy(values[k], W1.AsSpan((int)((long)indices[k] * Hidden), Hidden), pre);
        for (var j = 0; j < Hidden; j++)
        {
            var h = pre[j] > 0 || Linear ? pre[j] : 0;
            pre[j] = mask.IsEmpty ? h : h * mask[j];
        }
        for (var o = 0; o < Outputs; o++) z[o] = B2[o] + Dot(W2.AsSpan(o * Hidden, Hidden), pre);
    }

    /// <summary>
    /// The loss of one passage (topic cross-entropies summed, plus <paramref name="taskWeight"/> times the intent's and sentiment's
    /// cross-entropies in a multi-task network) with dropout <paramref name="mask"/> (null: none), its gradient times
    /// <paramref name="scale"/> added to <paramref name="g"/>.
    /// </summary>
    internal double Accumulate(Example e, double taskWeight, ReadOnlySpan<float> mask, float scale, Gradients g)
    {
        Span<float> h = stackalloc float[Hidden];
        Span<float> pre = stackalloc float[Hidden];
        Span<float> z = stackalloc float[Outputs];
        Span<float> dz = stackalloc float[Outputs];
        // Keep the pre-activations for ReLU's derivative: run the forward pass into h, then recompute pre's signs from it and the mask.
        Forward(e.X, h, mask, z);
        var loss = 0.0;
        for (var t = 0; t < TopicOutputs; t++)
        {
            double zt = z[t];
            var y = e.Topics[t] ? 1 : 0;
            loss += Math.Max(zt, 0) - y * zt + Math.Log(1 + Math.Exp(-Math.Abs(zt)));
            dz[t] = (float)(1 / (1 + Math.Exp(-zt)) - y) * scale;
        }
        if (MultiTask)
        {
            loss += taskWeight * Softmax(z, dz, TopicOutputs, IntentOutputs, e.Intent, taskWeight * scale);
            loss += taskWeight * Softmax(z, dz, TopicOutputs + IntentOutputs, SentimentOutputs, e.Sentiment, taskWeight * scale);
        }
        // dh = W₂ᵀ dz; dW₂ += dz hᵀ; db₂ += dz.
        Span<float> dh = pre;
        dh.Clear();
        for (var o = 0; o < Outputs; o++)
        {
            Axpy(dz[o], W2.AsSpan(o * Hidden, Hidden), dh);
            Axpy(dz[o], h, g.W2.AsSpan(o * Hidden, Hidden));
            g.B2[o] += dz[o];
        }
        // Through ReLU and dropout: h > 0 exactly where the unit was active and kept; there dh/dpre is the mask's scale (identity units: everywhere).
        for (var j = 0; j < Hidden; j++) dh[j] = h[j] > 0 || Linear ? dh[j] * (mask.IsEmpty ? 1 : mask[j]) : 0;
        Axpy(1, dh, g.B1);
        var indices = e.X.Indices;
        var values = e.X.Values;
        for (var k = 0; k < indices.Length; k++) Axpy(values[k], dh, g.Row(indices[k]));
        return loss;
    }

    /// <summary>Cross-entropy of the softmax over z[from..from+count) against <paramref name="label"/>; dz there = scale · (softmax − one-hot).</summary>
    private static double Softmax(ReadOnlySpan<float> z, Span<float> dz, int from, int count, int label, double scale)
    {
        var max = double.NegativeInfinity;
        for (var c = 0; c < count; c++) max = Math.Max(max, z[from + c]);
        var sum = 0.0;
        for (var c = 0; c < count; c++) sum += Math.Exp(z[from + c] - max);
        for (var c = 0; c < count; c++) dz[from + c] = (float)((Math.Exp(z[from + c] - max) / sum - (c == label ? 1 : 0)) * scale);
        return max + Math.Log(sum) - z[from + label];
    }

    /// <summary>Mean over <paramref name="examples"/> of the topics' cross-entropy summed over topics (no dropout).</summary>
    public double TopicLogLoss(IEnumerable<Example> examples)
    {
        var pre = new float[Hidden];
        var z = new float[Outputs];
        var sum = 0.0;
        var n = 0;
        foreach (var e in examples)
        {
            Forward(e.X, pre, null, z);
            for (var t = 0; t < TopicOutputs; t++)
            {
                double zt = z[t];
                sum += Math.Max(zt, 0) - (e.Topics[t] ? zt : 0) + Math.Log(1 + Math.Exp(-Math.Abs(zt)));
            }
            n++;
        }
        return n == 0 ? 0 : sum / n;
    }

    internal static void Axpy(float a, ReadOnlySpan<float> x, Span<float> y)
    {
        var vx = MemoryMarshal.Cast<float, Vector<float>>(x);
        var vy = MemoryMarshal.Cast<float, Vector<float>>(y);
        for (var i = 0; i < vx.Length; i++) vy[i] += a * vx[i];
        for (var i = vx.Length * Vector<float>.Count; i < x.Length; i++) y[i] += a * x[i];
    }

    internal static float Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        var vx = MemoryMarshal.Cast<float, Vector<float>>(x);
        var vy = MemoryMarshal.Cast<float, Vector<float>>(y);
        var acc = Vector<float>.Zero;
        for (var i = 0; i < vx.Length; i++) acc += vx[i] * vy[i];
        var sum = Vector.Sum(acc);
        for (var i = vx.Length * Vector<float>.Count; i < x.Length; i++) sum += x[i] * y[i];
        return sum;
    }
}
