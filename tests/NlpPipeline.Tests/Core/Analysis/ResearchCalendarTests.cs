using NlpPipeline.Core.Analysis;
using Xunit;

namespace NlpPipeline.Tests.Core.Analysis;

public class ResearchCalendarTests
{
    private static readonly ResearchCalendar Almaty = ResearchCalendar.Almaty;

    [Fact]
    public void Almaty_Zone_IsAsiaAlmaty()
    {
        Assert.Equal("Asia/Almaty", ResearchCalendar.DefaultZoneId);
        Assert.Contains("Almaty", Almaty.Zone.Id);
    }

    [Fact]
    public void WeekOf_SundayEveningUtc_IsMondayInAlmaty2022W01()
    {
        var instant = DateTimeOffset.Parse("2022-01-02T19:30:00Z");
        Assert.Equal(new DateOnly(2022, 1, 3), Almaty.LocalDate(instant));
        Assert.Equal(new Week(2022, 1), Almaty.WeekOf(instant));
    }

    [Fact]
    public void WeekOf_BeforeLocalMidnightUtcPlus6_StillPreviousWeek()
    {
        var instant = DateTimeOffset.Parse("2022-01-02T17:59:59Z");   // 23:59:59 at UTC+6
        Assert.Equal(new DateOnly(2022, 1, 2), Almaty.LocalDate(instant));
        Assert.Equal(new Week(2021, 52), Almaty.WeekOf(instant));
    }

    [Fact]
    public void LocalDate_After2024Change_UsesUtcPlus5()
    {
        // 19:30Z + 5 h = 00:30 on 1 July; 18:30Z is 23:30 on 30 June (a fixed +6 would say 1 July).
        Assert.Equal(new DateOnly(2024, 7, 1), Almaty.LocalDate(DateTimeOffset.Parse("2024-06-30T19:30:00Z")));
        Assert.Equal(new DateOnly(2024, 6, 30), Almaty.LocalDate(DateTimeOffset.Parse("2024-06-30T18:30:00Z")));
        Assert.Equal(new Week(2024, 26), Almaty.WeekOf(DateTimeOffset.Parse("2024-06-30T18:30:00Z")));
        Assert.Equal(new Week(2024, 27), Almaty.WeekOf(DateTimeOffset.Parse("2024-06-30T19:30:00Z")));
    }

    [Fact]
    public void LocalDate_InstantWithPublisherOffset_ConvertedToAlmaty()
    {
        // 23:30 in Moscow (UTC+3) on 2 January 2022 is 02:30 on 3 January in Almaty (UTC+6).
        Assert.Equal(new DateOnly(2022, 1, 3), Almaty.LocalDate(DateTimeOffset.Parse("2022-01-02T23:30:00+03:00")));
    }

    [Fact]
    public void StartOf_Before2024_IsMidnightAtUtcPlus6()
    {
        var start = Almaty.StartOf(new DateOnly(2022, 1, 3));
        Assert.Equal(TimeSpan.FromHours(6), start.Offset);
        Assert.Equal(DateTimeOffset.Parse("2022-01-02T18:00:00Z"), start);
    }

    [Fact]
    public void StartOf_After2024_IsMidnightAtUtcPlus5()
    {
        var start = Almaty.StartOf(new DateOnly(2024, 7, 1));
        Assert.Equal(TimeSpan.FromHours(5), start.Offset);
        Assert.Equal(DateTimeOffset.Parse("2024-06-30T19:00:00Z"), start);
        Assert.Equal(new DateOnly(2024, 7, 1), Almaty.LocalDate(start));
    }

    [Fact]
    public void StartOf_DayOfTheChange_IsMidnightAtUtcPlus5()
    {
        var start = Almaty.StartOf(new DateOnly(2024, 3, 1));
        Assert.Equal(DateTimeOffset.Parse("2024-02-29T19:00:00Z"), start);
        Assert.Equal(new DateOnly(2024, 3, 1), Almaty.LocalDate(start));
        Assert.Equal(new DateOnly(2024, 2, 29), Almaty.LocalDate(start.AddTicks(-1)));
    }

    [Fact]
    public void WeekOf_CustomZone_UsesThatZone()
    {
        var utc = new ResearchCalendar(TimeZoneInfo.Utc);
        Assert.Equal(new Week(2021, 52), utc.WeekOf(DateTimeOffset.Parse("2022-01-02T19:30:00Z")));
    }
}
