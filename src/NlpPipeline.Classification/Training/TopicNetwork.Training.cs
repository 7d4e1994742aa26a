using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using NlpPipeline.Classification.Features;
using NlpPipeline.Core.Labels;

namespace NlpPipeline.Classification.Training;

public sealed partial class TopicNetwork
{
    /// <summary>A fitted network, the epoch whose weights it holds (1-based), and the hold-out topic log-loss after each epoch.</summary>
    public sealed record Fitted(TopicNetwork Network, int Epoch, IReadOnlyList<double> HoldOutLoss);

    /// <summary>
    /// Fits a network on <paramref name="examples"/> (vectors of <paramref name="inputs"/> slots): a seeded share
    /// (<see cref="TopicNetworkOptions.HoldOutShare"/>) is held out, the rest trained on epoch by epoch in seeded order, and the weights of
    /// the epoch with the least hold-out topic log-loss are returned (without a hold-out: the last epoch's). One thread; the same
    /// examples, options and seed give the same weights.
    /// </summary>
    public static Fitted Fit(IReadOnlyList<Example> examples, int inputs, TopicNetworkOptions options, int seed, Action<string>? progress = null)
    {
        if (examples.Count == 0) throw new ArgumentException("No training passages.", nameof(examples));
        var random = new Random(seed);
        var order = Enumerable.Range(0, examples.Count).ToArray();
        random.Shuffle(order);
        var held = order[..(int)Math.Round(examples.Count * options.HoldOutShare)];
        var train = order[held.Length..];
        var outputs = options.MultiTask ? TopicOutputs + IntentOutputs + SentimentOutputs : TopicOutputs;
        var priors = Enumerable.Range(0, TopicOutputs).Select(t => train.Average(i => examples[i].Topics[t] ? 1.0 : 0.0)).ToArray();
        var net = Initialised(inputs, options.Hidden, outputs, random, train.Average(i => examples[i].X.Indices.Length), priors, options.Linear);
        var optimiser = new AdaGrad(net, options);
        var best = (Loss: double.PositiveInfinity, Epoch: 0, Network: (TopicNetwork?)null);
        var losses = new List<double>();
        var mask = new float[options.Hidden];
        var keep = 1 - options.Dropout;
        var clock = Stopwatch.StartNew();
        for (var epoch = 1; epoch <= options.MaxEpochs; epoch++)
        {
            random.Shuffle(train);
            for (var start = 0; start < train.Length; start += options.BatchSize)
            {
                var end = Math.Min(train.Length, start + options.BatchSize);
                optimiser.Gradients.Clear();
                for (var b = start; b < end; b++)
                {
                    for (var j = 0; j < mask.Length; j++) mask[j] = random.NextDouble() < options.Dropout ? 0 : (float)(1 / keep);
                    net.Accumulate(examples[train[b]], options.TaskWeight, options.Dropout > 0 ? mask : null, 1f / (end - start), optimiser.Gradients);
                }
                optimiser.Step();
            }
            if (held.Length == 0) { best = (double.NaN, epoch, net); continue; }
            var loss = net.TopicLogLoss(held.Select(i => examples[i]));
            losses.Add(loss);
            progress?.Invoke(string.Create(CultureInfo.InvariantCulture, $"network: epoch {epoch}, hold-out topic log-loss {loss:0.0000} ({clock.Elapsed.TotalSeconds:0} s)"));
            if (loss < best.Loss)
            {
                if (best.Network is null) best.Network = net.Copy(); else net.CopyTo(best.Network);
                best = (loss, epoch, best.Network);
            }
            else if (epoch - best.Epoch >= options.Patience) break;
        }
        if (options.Refit && held.Length > 0)
        {
            // The chosen number of epochs again, from the same seed, on every passage (the hold-out's too).
            var refit = Fit(examples, inputs, options with { HoldOutShare = 0, MaxEpochs = best.Epoch, Refit = false }, seed);
            return new Fitted(refit.Network, best.Epoch, losses);
        }
        return new Fitted(best.Network!, best.Epoch, losses);
    }

    /// <summary>
    /// A cross-validation fold's network (<see cref="CrossValidator"/>): fitted on the fold's training passages as the topic learners read
    /// them (<paramref name="featurizer"/>, the fold model's: n-gram slots after pruning, concept block, source kind, hidden for the same
    /// passages as for the learners), then the test passages' topic logits with their kinds and, when <paramref name="withUnknown"/>,
    /// with the kind withheld.
    /// </summary>
    public static (float[][] Known, float[][]? Unknown, IReadOnlyList<Fitted> Fits, double Seconds) FitAndScore(int seed, TopicNetworkOptions options,
        HashedNgramFeaturizer featurizer, IReadOnlyList<TrainingRow> train, IReadOnlyList<(string Text, SourceKind? Kind)> test,
        ClassifierConfig config, bool withUnknown, Action<string>? progress = null)
    {
        if (!config.TopicsSeeKind) throw new NotSupportedException("The topic network reads the topic learners' vectors with the kind block.");
        var clock = Stopwatch.StartNew();
        var examples = train.Select(r => ExampleOf(r, featurizer.Featurize(r.Text, ModelFitter.SeenKind(r, config)))).ToList();
        // An ensemble's members differ by their seed only (initial weights, hold-out, order, dropout).
        var fits = Enumerable.Range(0, Math.Max(1, options.Ensemble)).Select(m => Fit(examples, featurizer.Dimension, options, seed + 7919 * m, progress)).ToList();
        var seconds = clock.Elapsed.TotalSeconds;
        float[] Logits(SparseInput x)
        {
            var sum = fits[0].Network.TopicLogits(x);
            foreach (var fit in fits.Skip(1))
            {
                var other = fit.Network.TopicLogits(x);
                for (var t = 0; t < sum.Length; t++) sum[t] += other[t];
            }
            for (var t = 0; t < sum.Length; t++) sum[t] /= fits.Count;
            return sum;
        }
        var x = test.Select(t => SparseInput.Of(featurizer.Featurize(t.Text, t.Kind))).ToList();
        clock.Restart();
        var known = x.Select(Logits).ToArray();
        var scoring = clock.Elapsed.TotalSeconds;
        var unknown = withUnknown ? test.Select(t => Logits(SparseInput.Of(featurizer.Featurize(t.Text, null)))).ToArray() : null;
        progress?.Invoke(string.Create(CultureInfo.InvariantCulture,
            $"network: scoring {x.Count:N0} passages' vectors ({fits.Count} network(s), one thread, vectors built beforehand): {1e6 * scoring / Math.Max(1, x.Count):0.0} µs each, {x.Average(v => v.Indices.Length):0} active slots on average"));
        return (known, unknown, fits, seconds);
    }

    /// <summary>A training passage's example: its vector and its labels as indices into the label tables.</summary>
    public static Example ExampleOf(TrainingRow row, Microsoft.ML.Data.VBuffer<float> x) => new(SparseInput.Of(x),
        [.. LabelNames.Topics.All.Select(row.Topics.Contains)], IndexOf(LabelNames.Intents.All, row.Intent), IndexOf(LabelNames.Sentiments.All, row.Sentiment));

    private static int IndexOf<T>(IReadOnlyList<T> all, T value)
    {
        for (var i = 0; i < all.Count; i++) if (EqualityComparer<T>.Default.Equals(all[i], value)) return i;
        throw new ArgumentOutOfRangeException(nameof(value), $"'{value}' is not a label.");
    }

    /// <summary>A batch's gradient: dense for b₁, W₂ and b₂, and for W₁ only the rows of the slots the batch touched.</summary>
    internal sealed class Gradients
    {
        private readonly int hidden;
        private readonly int[] position;
        private readonly List<int> touched = [];
        private float[] rows;

        public Gradients(int inputs, int hidden, int outputs)
        {
            this.hidden = hidden;
            position = new int[inputs];
            Array.Fill(position, -1);
            rows = new float[1024 * hidden];
            B1 = new float[hidden];
            W2 = new float[outputs * hidden];
            B2 = new float[outputs];
        }

        public float[] B1 { get; }
        public float[] W2 { get; }
        public float[] B2 { get; }

        /// <summary>The input slots whose W₁ rows have a gradient, in the order first touched.</summary>
        public IReadOnlyList<int> Touched => touched;

        /// <summary>The gradient of W₁'s row <paramref name="input"/> (zero when first asked for).</summary>
        public Span<float> Row(int input)
        {
            var at = position[input];
            if (at < 0)
            {
                at = position[input] = touched.Count;
                touched.Add(input);
                if ((at + 1) * hidden > rows.Length) Array.Resize(ref rows, rows.Length * 2);
            }
            return rows.AsSpan(at * hidden, hidden);
        }

        public void Clear()
        {
            rows.AsSpan(0, touched.Count * hidden).Clear();
            foreach (var input in touched) position[input] = -1;
            touched.Clear();
            Array.Clear(B1);
            Array.Clear(W2);
            Array.Clear(B2);
        }
    }

    /// <summary>
    /// AdaGrad: per weight, G += g² and w −= η·g / √G, G starting at <see cref="TopicNetworkOptions.InitialAccumulator"/>; for W₁ only the
    /// rows the batch touched (a slot absent from the batch has a zero gradient, so skipping it is exact).
    /// </summary>
    private sealed class AdaGrad
    {
        private readonly TopicNetwork net;
        private readonly float rate;
        private readonly float[] g1, gb1, g2, gb2;

        public AdaGrad(TopicNetwork net, TopicNetworkOptions options)
        {
            this.net = net;
            rate = (float)options.LearningRate;
            var start = (float)options.InitialAccumulator;
            g1 = new float[net.W1.LongLength];
            Array.Fill(g1, start);
            gb1 = Filled(net.B1.Length, start);
            g2 = Filled(net.W2.Length, start);
            gb2 = Filled(net.B2.Length, start);
            Gradients = new Gradients(net.Inputs, net.Hidden, net.Outputs);
        }

        public Gradients Gradients { get; }

        public void Step()
        {
            var h = net.Hidden;
            foreach (var input in Gradients.Touched)
            {
                var at = (int)((long)input * h);
                Update(net.W1.AsSpan(at, h), g1.AsSpan(at, h), Gradients.Row(input), rate);
            }
            Update(net.B1, gb1, Gradients.B1, rate);
            Update(net.W2, g2, Gradients.W2, rate);
            Update(net.B2, gb2, Gradients.B2, rate);
        }

        private static float[] Filled(int n, float value)
        {
            var a = new float[n];
            Array.Fill(a, value);
            return a;
        }

        private static void Update(Span<float> w, Span<float> acc, ReadOnlySpan<float> g, float rate)
        {
            var vw = MemoryMarshal.Cast<float, Vector<float>>(w);
            var va = MemoryMarshal.Cast<float, Vector<float>>(acc);
            var vg = MemoryMarshal.Cast<float, Vector<float>>(g);
            for (var i = 0; i < vw.Length; i++)
            {
                va[i] += vg[i] * vg[i];
                vw[i] -= rate * vg[i] / Vector.SquareRoot(va[i]);
            }
            for (var i = vw.Length * Vector<float>.Count; i < w.Length; i++)
            {
                acc[i] += g[i] * g[i];
                w[i] -= rate * g[i] / MathF.Sqrt(acc[i]);
            }
        }
    }
}
