using System.Numerics;
using NlpPipeline.Classification.Training;

namespace NlpPipeline.Tests.Classification;

/// <summary>
/// The tenth round's topic network (<see cref="TopicNetwork"/>): its gradient against finite differences, an interaction no linear
/// model separates, and the same weights from the same data and seed.
/// </summary>
public sealed class TopicNetworkTests
{
    private static readonly int Hidden = 2 * Vector<float>.Count;

    [Theory]
    [InlineData(false, false, false)]
    [InlineData(true, false, false)]
    [InlineData(true, true, false)]
    [InlineData(true, true, true)]
    public void Accumulate_GradientMatchesFiniteDifferences(bool multiTask, bool dropout, bool linear)
    {
        var random = new Random(3);
        var outputs = multiTask ? TopicNetwork.TopicOutputs + TopicNetwork.IntentOutputs + TopicNetwork.SentimentOutputs : TopicNetwork.TopicOutputs;
        var net = TopicNetwork.Initialised(6, Hidden, outputs, random, meanActive: 1, [.. Enumerable.Repeat(0.3, TopicNetwork.TopicOutputs)], linear);
        for (var i = 0; i < net.B1.Length; i++) net.B1[i] = (float)(random.NextDouble() - 0.5);
        float[] mask = dropout ? [.. Enumerable.Range(0, Hidden).Select(j => j % 3 == 0 ? 0f : 1.5f)] : [];
        var examples = new[]
        {
            new TopicNetwork.Example(new SparseInput([0, 2, 5], [0.5f, -1.2f, 0.8f]), Topics(0, 3), Intent: 2, Sentiment: 0),
            new TopicNetwork.Example(new SparseInput([1, 2], [1f, 0.7f]), Topics(10), Intent: 5, Sentiment: 2),
        };
        // Finite differences are only meaningful away from ReLU's kink: every unit's pre-activation at least 0.1 from 0 in both passages.
        foreach (var e in examples)
            for (var j = 0; j < Hidden; j++)
            {
                var pre = net.B1[j] + e.X.Indices.Select((slot, k) => e.X.Values[k] * net.W1[slot * Hidden + j]).Sum();
                if (Math.Abs(pre) < 0.1) net.B1[j] += pre < 0 ? -0.2f : 0.2f;
            }
        const double weight = 0.5;
        const float scale = 0.5f;
        var g = new TopicNetwork.Gradients(net.Inputs, Hidden, outputs);
        double Loss() => examples.Sum(e => scale * net.Accumulate(e, weight, mask, scale, new TopicNetwork.Gradients(net.Inputs, Hidden, outputs)));
        foreach (var e in examples) net.Accumulate(e, weight, mask, scale, g);
        void Check(float[] w, int at, float analytic, string what)
        {
            const float eps = 1e-2f;
            var keep = w[at];
            w[at] = keep + eps;
            var up = Loss();
            w[at] = keep - eps;
            var down = Loss();
            w[at] = keep;
            var numeric = (up - down) / (2 * eps);
            Assert.True(Math.Abs(numeric - analytic) <= 2e-3 + 2e-2 * Math.Abs(numeric), $"{what}: numeric {numeric}, analytic {analytic}");
        }
        foreach (var slot in new[] { 0, 1, 2, 5 })
            for (var j = 0; j < Hidden; j++) Check(net.W1, slot * Hidden + j, g.Row(slot)[j], $"W1[{slot},{j}]");
        Assert.DoesNotContain(3, g.Touched);                       // a slot no passage has gets no row
        for (var j = 0; j < Hidden; j++) Check(net.B1, j, g.B1[j], $"b1[{j}]");
        for (var i = 0; i < net.W2.Length; i++) Check(net.W2, i, g.W2[i], $"W2[{i / Hidden},{i % Hidden}]");
        for (var o = 0; o < outputs; o++) Check(net.B2, o, g.B2[o], $"b2[{o}]");
    }

    [Fact]
    public void Fit_LearnsAnXorThatNoLinearModelSeparates()
    {
        // Topic 0 is on when exactly one of slots 0 and 1 is; slot 2 is always on (a bias). No weights w, b give
        // w0 + b > 0, w1 + b > 0, w0 + w1 + b ≤ 0 and b ≤ 0 at once.
        var cases = new (int[] Slots, bool Xor)[] { ([2], false), ([0, 2], true), ([1, 2], true), ([0, 1, 2], false) };
        var examples = Enumerable.Range(0, 200).Select(i => cases[i % 4])
            .Select(c => new TopicNetwork.Example(new SparseInput(c.Slots, [.. c.Slots.Select(_ => 1f)]), c.Xor ? Topics(0) : Topics(), 0, 0)).ToList();
        var options = new TopicNetworkOptions(Hidden: Hidden) { HoldOutShare = 0, MaxEpochs = 60, Dropout = 0, LearningRate = 0.1 };
        var net = TopicNetwork.Fit(examples, 3, options, seed: 1).Network;
        foreach (var (slots, xor) in cases)
        {
            var logit = net.TopicLogits(new SparseInput(slots, [.. slots.Select(_ => 1f)]))[0];
            Assert.True(xor ? logit > 2 : logit < -2, $"slots {string.Join(",", slots)}: logit {logit}");
        }
    }

    [Fact]
    public void Fit_LinearControl_CannotLearnTheXor()
    {
        // The same data and training with identity hidden units: a linear model, which must get at least one of the four cases wrong.
        var cases = new (int[] Slots, bool Xor)[] { ([2], false), ([0, 2], true), ([1, 2], true), ([0, 1, 2], false) };
        var examples = Enumerable.Range(0, 200).Select(i => cases[i % 4])
            .Select(c => new TopicNetwork.Example(new SparseInput(c.Slots, [.. c.Slots.Select(_ => 1f)]), c.Xor ? Topics(0) : Topics(), 0, 0)).ToList();
        var options = new TopicNetworkOptions(Hidden: Hidden) { HoldOutShare = 0, MaxEpochs = 60, Dropout = 0, LearningRate = 0.1, Linear = true };
        var net = TopicNetwork.Fit(examples, 3, options, seed: 1).Network;
        var right = cases.Count(c => net.TopicLogits(new SparseInput(c.Slots, [.. c.Slots.Select(_ => 1f)]))[0] > 0 == c.Xor);
        Assert.True(right <= 3, $"{right} of 4 right");
    }

    [Fact]
    public void Fit_TwiceOnTheSameData_GivesIdenticalWeights_AndAnotherSeedOthers()
    {
        var random = new Random(5);
        var examples = Enumerable.Range(0, 300).Select(_ =>
        {
            var slots = Enumerable.Range(0, 40).Where(_ => random.NextDouble() < 0.15).ToArray();
            var topics = Enumerable.Range(0, TopicNetwork.TopicOutputs).Select(t => slots.Contains(t) ^ (random.NextDouble() < 0.1)).ToArray();
            return new TopicNetwork.Example(new SparseInput(slots, [.. slots.Select(_ => (float)random.NextDouble())]), topics, random.Next(6), random.Next(3));
        }).ToList();
        var options = new TopicNetworkOptions(Hidden: Hidden, TaskWeight: 0.5) { MaxEpochs = 4, Patience = 4 };
        var a = TopicNetwork.Fit(examples, 40, options, seed: 11);
        var b = TopicNetwork.Fit(examples, 40, options, seed: 11);
        var c = TopicNetwork.Fit(examples, 40, options, seed: 12);
        Assert.Equal(a.Epoch, b.Epoch);
        Assert.Equal(a.HoldOutLoss, b.HoldOutLoss);
        Assert.Equal(a.Network.W1, b.Network.W1);
        Assert.Equal(a.Network.B1, b.Network.B1);
        Assert.Equal(a.Network.W2, b.Network.W2);
        Assert.Equal(a.Network.B2, b.Network.B2);
        Assert.NotEqual(a.Network.W1, c.Network.W1);
        Assert.Equal(4, a.HoldOutLoss.Count);                      // 30 held-out passages, a loss after every epoch
    }

    private static bool[] Topics(params int[] on) => [.. Enumerable.Range(0, TopicNetwork.TopicOutputs).Select(on.Contains)];
}
