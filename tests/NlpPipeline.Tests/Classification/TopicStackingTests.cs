using NlpPipeline.Classification.Training;
using Xunit;

namespace NlpPipeline.Tests.Classification;

/// <summary>
/// The second stage of stacked topics (<see cref="TopicStacking"/>): its logistic regression against a maximum-likelihood
/// solution worked out by hand, the effect of its L2 penalty, and the folding of the stacked model into one linear model.
/// </summary>
public sealed class TopicStackingTests
{
    [Fact]
    public void Fit_WithoutPenalty_MatchesTheHandSolution()
    {
        // x = +1: 3 positives, 1 negative; x = −1: 1 positive, 3 negatives. The saturated model has p(+1) = 3/4 and
        // p(−1) = 1/4: a + c = ln 3 and −a + c = −ln 3, so a = ln 3 and c = 0.
        double[][] inputs = [[1], [1], [1], [1], [-1], [-1], [-1], [-1]];
        bool[] labels = [true, true, true, false, true, false, false, false];
        var beta = TopicStacking.Fit(inputs, labels, l2: 0);
        Assert.Equal(Math.Log(3), beta[0], 6);
        Assert.Equal(0, beta[1], 6);
        Assert.Equal(0.75, TopicStacking.Probability(beta, [1]), 6);
    }

    [Fact]
    public void Fit_WithPenalty_ShrinksTheCoefficientButNotTheIntercept()
    {
        // Only positives at x = 2 and negatives at x = 0 … plus one overlap, so the unpenalised fit is finite.
        double[][] inputs = [[2], [2], [2], [0], [0], [0], [2], [0]];
        bool[] labels = [true, true, true, false, false, false, false, true];
        var free = TopicStacking.Fit(inputs, labels, 0);
        var shrunk = TopicStacking.Fit(inputs, labels, 10);
        Assert.True(Math.Abs(shrunk[0]) < Math.Abs(free[0]) / 2, $"{shrunk[0]} against {free[0]}");
        // The optimum's gradient is zero: Σ(p − y)·x + λa = 0 and Σ(p − y) = 0.
        var residuals = inputs.Select((x, i) => TopicStacking.Probability(shrunk, x) - (labels[i] ? 1 : 0)).ToList();
        Assert.Equal(0, residuals.Sum(), 8);
        Assert.Equal(0, residuals.Select((r, i) => r * inputs[i][0]).Sum() + 10 * shrunk[0], 8);
    }

    [Fact]
    public void Fold_GivesTheStackedLogOddsAsOneLinearModel()
    {
        // Learner 1: w = [1, 0], b = 0.5, sigmoid P = −2, Q = 0.1; learner 2: w = [0, 1], b = −1, P = −1, Q = 0; z = 0.5·ℓ₁ − ℓ₂ + 0.3.
        // Weights: −0.5·(−2)·[1, 0] − (−1)·(−1)·[0, 1] = [1, −1]; bias: 0.3 − 0.5·(−2·0.5 + 0.1) + 1·(−1·−1 + 0) = 1.75.
        var (w, b) = TopicStacking.Fold([0.5, -1, 0.3], [([1f, 0f], 0.5f), ([0f, 1f], -1f)], [new PlattParameters(-2, 0.1), new PlattParameters(-1, 0)]);
        Assert.Equal([1f, -1f], w);
        Assert.Equal(1.75f, b, 5);
        // At x = (1, 2): ℓ₁ = −(−2·1.5 + 0.1) = 2.9, ℓ₂ = −(−1·1) = 1, z = 1.45 − 1 + 0.3 = 0.75 = 1 − 2 + 1.75.
        Assert.Equal(2.9, TopicStacking.Logit(new PlattParameters(-2, 0.1), 1.5), 10);
        Assert.Equal(0.75, w[0] * 1 + w[1] * 2 + b, 5);
    }

    [Fact]
    public void Refuses_BadArguments()
    {
        Assert.Throws<ArgumentException>(() => TopicStacking.Fit([[1.0]], [true, false], 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => TopicStacking.Fit([[1.0]], [true], -1));
        Assert.Throws<ArgumentException>(() => TopicStacking.Fold([1, 0], [([1f], 0f), ([1f], 0f)], [new PlattParameters(1, 0), new PlattParameters(1, 0)]));
    }
}
