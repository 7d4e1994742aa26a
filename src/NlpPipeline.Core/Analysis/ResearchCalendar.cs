namespace NlpPipeline.Core.Analysis;

/// <summary>
/// Turns instants into local dates and ISO weeks in the research time zone (Asia/Almaty by default).
/// Uses the zone's rules, never a fixed offset: Kazakhstan moved from UTC+6 to UTC+5 on 2024-03-01.
/// </summary>
public sealed class ResearchCalendar(TimeZoneInfo zone)
{
    public const string DefaultZoneId = "Asia/Almaty";

    public static ResearchCalendar Almaty { get; } = new(TimeZoneInfo.FindSystemTimeZoneById(DefaultZoneId));

    public TimeZoneInfo Zone { get; } = zone;

    public DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    public Week WeekOf(DateTimeOffset instant) => Week.Of(LocalDate(instant));

    /// <summary>The instant local midnight starts on <paramref name="date"/>.</summary>
    public DateTimeOffset StartOf(DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }
}
