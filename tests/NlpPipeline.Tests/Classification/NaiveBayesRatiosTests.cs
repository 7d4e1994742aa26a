using Microsoft.ML;
using Microsoft.ML.Data;
using NlpPipeline.Classification.Training;
using Xunit;

namespace NlpPipeline.Tests.Classification;

/// <summary>
/// The NBSVM log-count ratios on passages small enough to count by hand, the scaling of sparse vectors, and the folding
/// of the ratios into a learner's weights: a model trained on r ∘ x and the folded model on x must give the same scores.
/// </summary>
public sealed class NaiveBayesRatiosTests
{
    private const int Dimension = 3;

    private static VBuffer<float> Sparse(params (int Index, float Value)[] entries) =>
        new(Dimension, entries.Length, entries.Select(e => e.Value).ToArray(), entries.Select(e => e.Index).ToArray());

    // Two positive passages (slots {0, 1} and {0}), two negative ones ({1, 2} and {2}).
    private static readonly VBuffer<float>[] Passages =
    [
        Sparse((0, 0.6f), (1, 0.8f)),
        Sparse((0, 1f)),
        Sparse((1, 0.6f), (2, 0.8f)),
        Sparse((2, 1f)),
    ];

    private static readonly bool[] Labels = [true, true, false, false];

    [Fact]
    public void Ratios_FromPassageCounts_MatchTheHandCount()
    {
        // p = 1 + [2, 1, 0] = [3, 2, 1], ‖p‖₁ = 6; q = 1 + [0, 1, 2] = [1, 2, 3], ‖q‖₁ = 6.
        var r = NaiveBayesRatios.Compute(Passages, Labels, Dimension, alpha: 1);
        Assert.Equal(Math.Log(3), r[0], 5);
        Assert.Equal(0, r[1], 5);
        Assert.Equal(Math.Log(1.0 / 3), r[2], 5);
    }

    [Fact]
    public void Ratios_FromFeatureValues_AndAnotherSmoothing_MatchTheHandCount()
    {
        // p = 0.5 + [1.6, 0.8, 0] = [2.1, 1.3, 0.5], ‖p‖₁ = 3.9; q = 0.5 + [0, 0.6, 1.8] = [0.5, 1.1, 2.3], ‖q‖₁ = 3.9.
        var r = NaiveBayesRatios.Compute(Passages, Labels, Dimension, alpha: 0.5, binarize: false);
        Assert.Equal(Math.Log(2.1 / 0.5), r[0], 5);
        Assert.Equal(Math.Log(1.3 / 1.1), r[1], 5);
        Assert.Equal(Math.Log(0.5 / 2.3), r[2], 5);
    }

    [Fact]
    public void Ratios_OfUnequalClasses_AreNormalisedByEachClassTotal()
    {
        // Three positives all with slot 0, one negative with slot 1: p = [4, 1], q = [1, 2]; ‖p‖₁ = 5, ‖q‖₁ = 3.
        var two = new[] { 0, 0, 0, 1 }.Select(j => new VBuffer<float>(2, 1, [1f], [j])).ToArray();
        var r = NaiveBayesRatios.Compute(two, [true, true, true, false], 2, alpha: 1);
        Assert.Equal(Math.Log(4.0 / 5 / (1.0 / 3)), r[0], 5);
        Assert.Equal(Math.Log(1.0 / 5 / (2.0 / 3)), r[1], 5);
    }

    [Fact]
    public void Scale_MultipliesEachStoredValue_AndKeepsTheVectorSparse()
    {
        var scaled = NaiveBayesRatios.Scale(Passages[0], [2f, -0.5f, 10f]);
        Assert.False(scaled.IsDense);
        Assert.Equal([0, 1], scaled.GetIndices().ToArray());
        Assert.Equal([1.2f, -0.4f], scaled.GetValues().ToArray());
        Assert.Throws<ArgumentException>(() => NaiveBayesRatios.Scale(Passages[0], [1f, 1f]));
    }

    [Fact]
    public void Ratios_RejectANonPositiveSmoothingCount_AndMismatchedLabels()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => NaiveBayesRatios.Compute(Passages, Labels, Dimension, alpha: 0));
        Assert.Throws<ArgumentException>(() => NaiveBayesRatios.Compute(Passages, [true], Dimension, alpha: 1));
    }

    private sealed class Row
    {
        public bool Label { get; set; }
        [VectorType(8)] public float[] Features { get; set; } = [];
    }

    [Fact]
    public void FoldedWeights_ScorePlainFeatures_AsTheLearnerScoresScaledOnes()
    {
        var ml = new MLContext(7);
        var random = new Random(3);
        var rows = Enumerable.Range(0, 200).Select(_ =>
        {
            var x = Enumerable.Range(0, 8).Select(_ => random.NextDouble() < 0.4 ? (float)random.NextDouble() : 0f).ToArray();
            return new Row { Features = x, Label = x[0] + x[3] - x[5] + 0.2 * (random.NextDouble() - 0.5) > 0.3 };
        }).ToList();
        var ratios = NaiveBayesRatios.Compute(rows.Select(r => new VBuffer<float>(8, r.Features)).ToList(), rows.Select(r => r.Label).ToList(), 8, alpha: 1);
        var scaledRows = rows.Select(r => new Row { Label = r.Label, Features = r.Features.Select((v, j) => v * ratios[j]).ToArray() }).ToList();
        var plain = ml.Data.LoadFromEnumerable(rows);
        var scaled = ml.Data.LoadFromEnumerable(scaledRows);

        var trained = ml.BinaryClassification.Trainers.AveragedPerceptron(nameof(Row.Label), nameof(Row.Features)).Fit(scaled);
        var (weights, bias) = LinearModels.Folded(trained.Model, ratios);
        var folded = LinearModels.Create(ml, weights, bias, plain.Schema, nameof(Row.Features));

        var expected = trained.Transform(scaled).GetColumn<float>("Score").ToArray();
        var actual = folded.Transform(plain).GetColumn<float>("Score").ToArray();
        Assert.Equal(rows.Count, actual.Length);
        for (var i = 0; i < rows.Count; i++) Assert.Equal(expected[i], actual[i], 1e-4);
        // And by hand: score = (w ∘ r) · x + b.
        var byHand = rows[0].Features.Select((v, j) => trained.Model.Weights[j] * ratios[j] * v).Sum() + trained.Model.Bias;
        Assert.Equal(byHand, actual[0], 1e-4);
        // The learners do differ: the scaling is not a no-op on these data.
        Assert.NotEqual(trained.Model.Weights.ToArray(), weights);
    }

    [Fact]
    public void Create_RefusesWeightsOfAnotherSize_OrAMissingColumn()
    {
        var ml = new MLContext(1);
        var schema = ml.Data.LoadFromEnumerable(new[] { new Row { Features = new float[8] } }).Schema;
        Assert.Throws<ArgumentException>(() => LinearModels.Create(ml, new float[7], 0, schema, nameof(Row.Features)));
        Assert.Throws<ArgumentException>(() => LinearModels.Create(ml, new float[8], 0, schema, "Nope"));
    }
}
