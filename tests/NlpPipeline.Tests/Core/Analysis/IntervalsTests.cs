using NlpPipeline.Core.Analysis;
using Xunit;

namespace NlpPipeline.Tests.Core.Analysis;

public class IntervalsTests
{
    [Theory]
    [InlineData(1, 12.7062047)]
    [InlineData(2, 4.3026527)]
    [InlineData(3, 3.1824463)]
    [InlineData(10, 2.2281389)]
    [InlineData(29, 2.045229642)]
    [InlineData(30, 2.042272456)]
    [InlineData(120, 1.979930405)]
    [InlineData(1000, 1.9623391)]
    public void StudentT_KnownQuantiles(double df, double expected) => Assert.Equal(expected, Intervals.StudentT(df), 6);

    [Fact]
    public void Mean_FromSums_MatchesHandComputedInterval()
    {
        // 0.2, 0.4, 0.9: mean 0.5, sd 0.3605551, t(0.975, 2) = 4.3026527
        var m = Intervals.Mean(3, 1.5, 0.04 + 0.16 + 0.81)!;
        Assert.Equal(0.5, m.Value, 12);
        Assert.Equal(0.5 - 4.3026527 * 0.3605551 / Math.Sqrt(3), m.Low!.Value, 6);
        Assert.Equal(0.5 + 4.3026527 * 0.3605551 / Math.Sqrt(3), m.High!.Value, 6);
        Assert.Null(Intervals.Mean(0, 0, 0));
    }

    [Fact]
    public void Wilson_KnownValues()
    {
        // 10 of 50: Wilson 95 % interval 0.1124 .. 0.3304 (standard tables).
        var (low, high) = Intervals.Wilson(10, 50)!.Value;
        Assert.Equal(0.1124, low, 4);
        Assert.Equal(0.3304, high, 4);
        Assert.Equal(0, Intervals.Wilson(0, 20)!.Value.Low);
        Assert.Null(Intervals.Wilson(0, 0));
    }

    [Fact]
    public void ProportionDifference_NewcombeExampleFromHisPaper()
    {
        // Newcombe (1998), example (a): 56/70 vs 48/80, difference 0.2, hybrid score interval 0.0524 .. 0.3339.
        // Our difference is second − first, so the example is passed with the groups swapped.
        var d = Intervals.ProportionDifference(48, 80, 56, 70)!;
        Assert.Equal(0.2, d.Value, 12);
        Assert.Equal(0.0524, d.Low!.Value, 4);
        Assert.Equal(0.3339, d.High!.Value, 4);
        Assert.Null(Intervals.ProportionDifference(1, 0, 1, 2));
    }

    [Fact]
    public void MeanDifference_WelchByHand()
    {
        // before 0, 1 (mean 0.5, var 0.5); after 1, 2, 3 (mean 2, var 1): se² = 0.25 + 1/3, Welch df = 2.882
        var d = Intervals.MeanDifference(2, 1, 1, 3, 6, 14)!;
        var se = Math.Sqrt(0.25 + 1.0 / 3);
        var df = Math.Pow(0.25 + 1.0 / 3, 2) / (0.25 * 0.25 / 1 + (1.0 / 9) / 2);
        Assert.Equal(1.5, d.Value, 12);
        Assert.Equal(1.5 + Intervals.StudentT(df) * se, d.High!.Value, 9);
        Assert.InRange(Intervals.StudentT(df), 3.18, 4.31);   // between t(3) and t(2)
    }
}
