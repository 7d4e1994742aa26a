using System.Globalization;

namespace NlpPipeline.Core.Analysis;

/// <summary>An ISO-8601 week (Monday first; week 1 holds the year's first Thursday).</summary>
public readonly record struct Week(int Year, int Number) : IComparable<Week>
{
    public static Week Of(DateOnly date) => new(ISOWeek.GetYear(date.ToDateTime(TimeOnly.MinValue)), ISOWeek.GetWeekOfYear(date.ToDateTime(TimeOnly.MinValue)));

    public DateOnly Monday => DateOnly.FromDateTime(ISOWeek.ToDateTime(Year, Number, DayOfWeek.Monday));
    public DateOnly Sunday => Monday.AddDays(6);
    public Week Next => Of(Monday.AddDays(7));
    public Week AddWeeks(int n) => Of(Monday.AddDays(7 * n));

    public int CompareTo(Week other) => (Year, Number).CompareTo((other.Year, other.Number));
    public static bool operator <(Week a, Week b) => a.CompareTo(b) < 0;
    public static bool operator >(Week a, Week b) => a.CompareTo(b) > 0;
    public static bool operator <=(Week a, Week b) => a.CompareTo(b) <= 0;
    public static bool operator >=(Week a, Week b) => a.CompareTo(b) >= 0;

    /// <summary>"2022-W01".</summary>
    public override string ToString() => $"{Year:D4}-W{Number:D2}";
}
