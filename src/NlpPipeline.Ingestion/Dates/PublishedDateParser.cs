using System.Globalization;
using System.Text.RegularExpressions;

namespace NlpPipeline.Ingestion.Dates;

/// <summary>
/// Parses publication dates as feeds and pages write them: RFC 822 ("Wed, 05 Jan 2022 14:30:00 +0600"),
/// RFC 3339 / ISO 8601, "05.01.2022 14:30", and month names in English, Russian ("5 января 2022",
/// "03 мар 2025") and Kazakh, Cyrillic or Latin ("2022 жылғы 5 қаңтар", "5 qańtar 2022"). The writer's
/// offset is kept. A time without an offset is read in <c>localZone</c> by that zone's rules for that date
/// (Almaty was UTC+6 until 2024). Years 1000–2999 are read as written: whether a date is plausible is
/// decided later (<see cref="NlpPipeline.Core.Domain.PublicationDateRules"/>), so a CMS placeholder such
/// as 1970-01-01 is stored with a flag rather than silently lost.
/// </summary>
public sealed partial class PublishedDateParser(TimeZoneInfo localZone)
{
    private static readonly (string Stem, int Month)[] MonthStems =
    [
        ("jan", 1), ("feb", 2), ("mar", 3), ("apr", 4), ("may", 5), ("jun", 6), ("jul", 7), ("aug", 8), ("sep", 9), ("oct", 10), ("nov", 11), ("dec", 12),
        ("янв", 1), ("фев", 2), ("мар", 3), ("апр", 4), ("мая", 5), ("май", 5), ("июн", 6), ("июл", 7), ("авг", 8), ("сен", 9), ("окт", 10), ("ноя", 11), ("дек", 12),
        ("қаң", 1), ("қан", 1), ("ақп", 2), ("акп", 2), ("нау", 3), ("сәу", 4), ("сау", 4), ("мам", 5), ("мау", 6), ("шіл", 7), ("шил", 7), ("там", 8),
        ("қыр", 9), ("кыр", 9), ("қаз", 10), ("каз", 10), ("қар", 11), ("кар", 11), ("жел", 12),
        // Kazakh in the Latin alphabet (2021 spelling, and without diacritics): qańtar, aqpan, naýryz, sáýir, mamyr,
        // maýsym, shilde, tamyz, qyrkúiek, qazan, qarasha, jeltoqsan.
        ("qań", 1), ("qan", 1), ("aqp", 2), ("naý", 3), ("nau", 3), ("sáý", 4), ("sáu", 4), ("sau", 4), ("mam", 5),
        ("maý", 6), ("mau", 6), ("shi", 7), ("tam", 8), ("qyr", 9), ("qaz", 10), ("qar", 11), ("jel", 12),
    ];

    private static readonly Dictionary<string, int> NamedZones = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Z"] = 0, ["UT"] = 0, ["UTC"] = 0, ["GMT"] = 0, ["EST"] = -300, ["EDT"] = -240, ["CST"] = -360, ["CDT"] = -300,
        ["MST"] = -420, ["MDT"] = -360, ["PST"] = -480, ["PDT"] = -420, ["MSK"] = 180, ["ALMT"] = 360, ["QYZT"] = 360,
    };

    public bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var s = text.Trim();
        if (!TryDate(s, out var year, out var month, out var day) || year is < 1000 or > 2999) return false;
        int hour = 0, minute = 0, second = 0;
        var t = TimeOfDay().Match(s);
        if (t.Success)
        {
            hour = int.Parse(t.Groups["h"].Value, CultureInfo.InvariantCulture);
            minute = int.Parse(t.Groups["m"].Value, CultureInfo.InvariantCulture);
            second = t.Groups["s"].Success ? int.Parse(t.Groups["s"].Value, CultureInfo.InvariantCulture) : 0;
            if (hour > 23 || minute > 59 || second > 60) return false;
            if (second == 60) second = 59;
        }
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return false;
        var local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified);
        var offset = ZoneOffset(t.Success ? s[(t.Index + t.Length)..] : "") ?? localZone.GetUtcOffset(local);
        if (offset.Ticks % TimeSpan.TicksPerMinute != 0 || Math.Abs(offset.TotalHours) > 14) return false;
        value = new DateTimeOffset(local, offset);
        return true;
    }

    private static bool TryDate(string s, out int year, out int month, out int day)
    {
        year = month = day = 0;
        var iso = IsoDate().Match(s);
        if (iso.Success)
            return Set(iso.Groups["y"].Value, iso.Groups["mo"].Value, iso.Groups["d"].Value, out year, out month, out day);
        var dotted = DottedDate().Match(s);
        if (dotted.Success)
            return Set(dotted.Groups["y"].Value, dotted.Groups["mo"].Value, dotted.Groups["d"].Value, out year, out month, out day);
        var named = NamedMonthDayFirst().Match(s);
        if (!named.Success) named = NamedMonthYearFirst().Match(s);
        if (!named.Success) named = NamedMonthMonthFirst().Match(s);
        if (!named.Success || MonthOf(named.Groups["mon"].Value) is not { } m) return false;
        month = m;
        day = int.Parse(named.Groups["d"].Value, CultureInfo.InvariantCulture);
        year = int.Parse(named.Groups["y"].Value, CultureInfo.InvariantCulture);
        if (named.Groups["y"].Length == 2) year += 2000;
        return true;
    }

    private static bool Set(string y, string mo, string d, out int year, out int month, out int day)
    {
        year = int.Parse(y, CultureInfo.InvariantCulture);
        month = int.Parse(mo, CultureInfo.InvariantCulture);
        day = int.Parse(d, CultureInfo.InvariantCulture);
        return true;
    }

    private static int? MonthOf(string word)
    {
        var w = word.ToLowerInvariant();
        if (w.Length < 3) return null;
        foreach (var (stem, month) in MonthStems)
            if (w.StartsWith(stem, StringComparison.Ordinal)) return month;
        return null;
    }

    private static TimeSpan? ZoneOffset(string rest)
    {
        var m = NumericZone().Match(rest);
        if (m.Success)
        {
            var sign = m.Groups["sign"].Value == "-" ? -1 : 1;
            var h = int.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture);
            var min = int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture);
            return TimeSpan.FromMinutes(sign * (h * 60 + min));
        }
        m = NamedZone().Match(rest);
        return m.Success && NamedZones.TryGetValue(m.Groups[1].Value, out var minutes) ? TimeSpan.FromMinutes(minutes) : null;
    }

    [GeneratedRegex(@"(?<y>\d{4})-(?<mo>\d{1,2})-(?<d>\d{1,2})")]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"\b(?<d>\d{1,2})[./](?<mo>\d{1,2})[./](?<y>\d{4})\b")]
    private static partial Regex DottedDate();

    [GeneratedRegex(@"\b(?<d>\d{1,2})(?:-го)?[\s\-]+(?<mon>\p{L}{3,})\.?,?[\s\-]+(?<y>\d{4}|\d{2})\b(?!:)")]
    private static partial Regex NamedMonthDayFirst();

    [GeneratedRegex(@"\b(?<y>\d{4})\s*(?:ж\.|жылғы|жылы|ж|j\.|jylǵy|jylgy|jyly)?\s+(?<d>\d{1,2})[\s\-]+(?<mon>\p{L}{3,})")]
    private static partial Regex NamedMonthYearFirst();

    [GeneratedRegex(@"\b(?<mon>\p{L}{3,})\.?\s+(?<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?<y>\d{4})\b")]
    private static partial Regex NamedMonthMonthFirst();

    [GeneratedRegex(@"(?:T|\b|\s)(?<h>\d{1,2}):(?<m>\d{2})(?::(?<s>\d{2})(?:\.\d+)?)?")]
    private static partial Regex TimeOfDay();

    [GeneratedRegex(@"(?<sign>[+-])(?<h>\d{2}):?(?<m>\d{2})\b")]
    private static partial Regex NumericZone();

    [GeneratedRegex(@"^\s*([A-Za-z]{1,4})\b")]
    private static partial Regex NamedZone();
}
