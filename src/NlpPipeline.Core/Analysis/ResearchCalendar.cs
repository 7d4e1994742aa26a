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

    /// <summary>The zone with this IANA name, or null when this machine does not know it.</summary>
    public static TimeZoneInfo? FindZone(string id)
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById(id); }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException) { return null; }
    }

    /// <summary>What to tell a user who named a zone <see cref="FindZone"/> does not know.</summary>
    public static string UnknownZone(string id) =>
        $"'{id}' is not a time zone this machine knows (use an IANA name such as Asia/Almaty or Europe/Moscow)";

    /// <summary>The calendar of a zone this machine knows (checked where the name was read).</summary>
    public static ResearchCalendar Of(string id) =>
        id == DefaultZoneId ? Almaty : new(FindZone(id) ?? throw new TimeZoneNotFoundException(UnknownZone(id)));

    public DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    public Week WeekOf(DateTimeOffset instant) => Week.Of(LocalDate(instant));

    /// <summary>The instant local midnight starts on <paramref name="date"/>.</summary>
    public DateTimeOffset StartOf(DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }
}
