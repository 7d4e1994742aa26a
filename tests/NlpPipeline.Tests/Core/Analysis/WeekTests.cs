using NlpPipeline.Core.Analysis;
using Xunit;

namespace NlpPipeline.Tests.Core.Analysis;

public class WeekTests
{
    [Theory]
    [InlineData("2021-12-31", 2021, 52)]   // Friday
    [InlineData("2022-01-02", 2021, 52)]   // Sunday: still the old ISO year
    [InlineData("2022-01-03", 2022, 1)]    // Monday
    [InlineData("2020-12-31", 2020, 53)]   // 2020 has 53 ISO weeks
    [InlineData("2021-01-03", 2020, 53)]
    [InlineData("2021-01-04", 2021, 1)]
    [InlineData("2024-12-30", 2025, 1)]    // Monday of week 1 of the next year
    [InlineData("2024-03-01", 2024, 9)]
    public void Of_Date_ReturnsIsoWeek(string date, int year, int number)
    {
        Assert.Equal(new Week(year, number), Week.Of(DateOnly.Parse(date)));
    }

    [Theory]
    [InlineData(2021, 52, "2021-12-27", "2022-01-02")]
    [InlineData(2022, 1, "2022-01-03", "2022-01-09")]
    [InlineData(2020, 53, "2020-12-28", "2021-01-03")]
    [InlineData(2025, 1, "2024-12-30", "2025-01-05")]
    public void MondaySunday_Week_SpanSevenDays(int year, int number, string monday, string sunday)
    {
        var week = new Week(year, number);
        Assert.Equal(DateOnly.Parse(monday), week.Monday);
        Assert.Equal(DateOnly.Parse(sunday), week.Sunday);
        Assert.Equal(DayOfWeek.Monday, week.Monday.DayOfWeek);
        Assert.Equal(DayOfWeek.Sunday, week.Sunday.DayOfWeek);
    }

    [Fact]
    public void Next_LastWeekOfYear_RollsIntoNewYear()
    {
        Assert.Equal(new Week(2022, 1), new Week(2021, 52).Next);
        Assert.Equal(new Week(2021, 1), new Week(2020, 53).Next);
        Assert.Equal(new Week(2020, 53), new Week(2020, 52).Next);
    }

    [Theory]
    [InlineData(2022, 1, -1, 2021, 52)]
    [InlineData(2021, 52, 52, 2022, 52)]
    [InlineData(2020, 50, 5, 2021, 2)]
    [InlineData(2022, 10, 0, 2022, 10)]
    public void AddWeeks_Offset_ReturnsWeek(int year, int number, int n, int expectedYear, int expectedNumber)
    {
        Assert.Equal(new Week(expectedYear, expectedNumber), new Week(year, number).AddWeeks(n));
    }

    [Fact]
    public void CompareTo_AcrossYears_OrdersByYearThenNumber()
    {
        Assert.True(new Week(2021, 52) < new Week(2022, 1));
        Assert.True(new Week(2022, 1) > new Week(2021, 53));
        Assert.True(new Week(2022, 5) <= new Week(2022, 5));
        Assert.True(new Week(2022, 5) >= new Week(2022, 4));
        Assert.Equal(0, new Week(2022, 5).CompareTo(new Week(2022, 5)));
    }

    [Theory]
    [InlineData(2022, 1, "2022-W01")]
    [InlineData(2020, 53, "2020-W53")]
    [InlineData(999, 7, "0999-W07")]
    public void ToString_Week_IsoFormat(int year, int number, string expected)
    {
        Assert.Equal(expected, new Week(year, number).ToString());
    }
}
