using NlpPipeline.Core.Analysis;
using Xunit;

namespace NlpPipeline.Tests.Core.Analysis;

public class ResearchEventTests
{
    private static readonly ResearchEvent Unrest = new("January unrest", new DateOnly(2022, 1, 2), new DateOnly(2022, 1, 11), null);

    [Theory]
    [InlineData("2021-12-20", "2022-01-01", false)]   // ends the day before the start
    [InlineData("2021-12-20", "2022-01-02", true)]    // touches the start
    [InlineData("2022-01-05", "2022-01-06", true)]    // inside
    [InlineData("2022-01-11", "2022-01-20", true)]    // touches the inclusive end
    [InlineData("2022-01-12", "2022-01-20", false)]   // starts the day after the end
    [InlineData("2021-01-01", "2023-01-01", true)]    // covers the event
    public void Overlaps_DateRange_InclusiveAtBothEnds(string from, string to, bool expected)
    {
        Assert.Equal(expected, Unrest.Overlaps(DateOnly.Parse(from), DateOnly.Parse(to)));
    }

    [Fact]
    public void Overlaps_OpenEnded_OverlapsEverythingFromStart()
    {
        var wave = new ResearchEvent("Relocation wave", new DateOnly(2022, 9, 21), null, "mobilisation in Russia");
        Assert.True(wave.Overlaps(new DateOnly(2030, 1, 1), new DateOnly(2030, 1, 7)));
        Assert.True(wave.Overlaps(new Week(2022, 38)));    // 19–25 September
        Assert.False(wave.Overlaps(new Week(2022, 37)));   // 12–18 September
    }

    [Fact]
    public void Overlaps_Week_UsesMondayToSunday()
    {
        // 2021-W52 is 27 December – 2 January; 2022-W02 is 10–16 January.
        Assert.True(Unrest.Overlaps(new Week(2021, 52)));
        Assert.True(Unrest.Overlaps(new Week(2022, 2)));
        Assert.False(Unrest.Overlaps(new Week(2022, 3)));
        Assert.False(Unrest.Overlaps(new Week(2021, 51)));
    }
}
