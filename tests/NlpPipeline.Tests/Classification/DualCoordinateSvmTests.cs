using Microsoft.ML.Data;
using NlpPipeline.Classification.Training;
using Xunit;

namespace NlpPipeline.Tests.Classification;

/// <summary>
/// The squared-hinge SVM of <see cref="DualCoordinateSvm"/> on problems whose optimum of
/// ½w² + ½b² + C Σ max(0, 1 − y(w·x + b))² is worked out by hand, its determinism, and its refusals.
/// </summary>
public sealed class DualCoordinateSvmTests
{
    private static VBuffer<float> One(float value) => new(1, 1, [value], [0]);

    [Theory]
    [InlineData(1.0, 0.8)]     // w = 4C / (1 + 4C)
    [InlineData(0.25, 0.5)]
    public void SymmetricPair_ReachesTheHandOptimum(double cost, double expectedWeight)
    {
        // x = +1 (positive) and x = −1 (negative): by symmetry b = 0, both margins are 1 − w, and
        // d/dw [½w² + 2C(1 − w)²] = 0 gives w = 4C / (1 + 4C).
        var (w, b, _) = DualCoordinateSvm.Train([One(1), One(-1)], [true, false], 1, cost, maxPasses: 1000, seed: 3, tolerance: 1e-9);
        Assert.Equal(expectedWeight, w[0], 4);
        Assert.Equal(0, b, 4);
    }

    [Fact]
    public void AsymmetricPair_FindsWeightAndBias()
    {
        // x = 1 (positive), x = 0 (negative), C = ½: both margins active, so
        // ∂/∂w: w − (1 − w − b) = 0 and ∂/∂b: b − (1 − w − b) + (1 + b) = 0, i.e. 2w + b = 1 and w + 3b = 0: w = 0.6, b = −0.2.
        var (w, b, _) = DualCoordinateSvm.Train([One(1), new VBuffer<float>(1, 0, [], [])], [true, false], 1, 0.5, 1000, seed: 1, tolerance: 1e-9);
        Assert.Equal(0.6, w[0], 4);
        Assert.Equal(-0.2, b, 4);
    }

    [Fact]
    public void DenseAndSparseVectors_GiveTheSameModel_AndTheSameSeedTheSameWeights()
    {
        var random = new Random(7);
        var dense = new List<VBuffer<float>>();
        var labels = new List<bool>();
        for (var i = 0; i < 40; i++)
        {
            var v = new float[6];
            for (var j = 0; j < 6; j++) v[j] = random.NextDouble() < 0.5 ? 0 : (float)random.NextDouble();
            labels.Add(v[0] + v[1] > v[2] + 0.3);
            dense.Add(new VBuffer<float>(6, v));
        }
        var sparse = dense.Select(d =>
        {
            var values = d.GetValues().ToArray();
            var idx = Enumerable.Range(0, 6).Where(j => values[j] != 0).ToArray();
            return new VBuffer<float>(6, idx.Length, idx.Select(j => values[j]).ToArray(), idx);
        }).ToList();
        var a = DualCoordinateSvm.Train(dense, labels, 6, 1, 30, seed: 5);
        var b = DualCoordinateSvm.Train(sparse, labels, 6, 1, 30, seed: 5);
        var again = DualCoordinateSvm.Train(sparse, labels, 6, 1, 30, seed: 5);
        Assert.Equal(a.Weights, b.Weights);
        Assert.Equal(a.Bias, b.Bias);
        Assert.Equal(b.Weights, again.Weights);
        // The learnt rule: the first two slots count for the positive class, the third against it.
        Assert.True(a.Weights[0] > 0 && a.Weights[1] > 0 && a.Weights[2] < 0);
        // Most training passages are on the right side.
        var correct = dense.Select((x, i) => (x.GetValues().ToArray().Select((v, j) => v * a.Weights[j]).Sum() + a.Bias >= 0) == labels[i]).Count(c => c);
        Assert.True(correct >= 36, $"{correct} of 40");
    }

    [Fact]
    public void Refuses_BadArguments()
    {
        Assert.Throws<ArgumentException>(() => DualCoordinateSvm.Train([One(1)], [true, false], 1, 1, 10, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => DualCoordinateSvm.Train([One(1)], [true], 1, 0, 10, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => DualCoordinateSvm.Train([One(1)], [true], 1, 1, 0, 1));
        Assert.Throws<ArgumentException>(() => DualCoordinateSvm.Train([One(1)], [true], 2, 1, 10, 1));
    }
}
