using System.Globalization;
using System.Text.Json;
using NlpPipeline.Core.Analysis;

namespace NlpPipeline.Core.Export;

/// <summary>
/// Writes an event report: the weekly series around the event and the before/after comparison of every measure.
/// Table: both, for people; CSV: the comparison, one row per group and measure; JSON: everything, with the
/// metadata of the series.
/// </summary>
public static class EventReportWriter
{
    public const string ComparisonNote =
        "difference = after - before with a 95 % interval: Welch's for the mean sentiment, Newcombe's hybrid score interval for shares; " +
        "passages are treated as independent, so intervals are on the narrow side";

    public static async Task WriteAsync(TextWriter w, WeeklySeries series, EventWindows windows, IReadOnlyList<MeasureComparison> comparison, ReportFormat format)
    {
        switch (format)
        {
            case ReportFormat.Csv: await WriteCsvAsync(w, series, comparison); break;
            case ReportFormat.Json: await WriteJsonAsync(w, series, windows, comparison); break;
            default: await WriteTableAsync(w, series, windows, comparison); break;
        }
    }

    public static string Describe(EventWindows x) =>
        $"before: {x.BeforeFirst}..{x.BeforeLast} ({x.BeforeFirst.Monday:yyyy-MM-dd} to {x.BeforeLast.Sunday:yyyy-MM-dd}); " +
        $"after: {x.AfterFirst}..{x.AfterLast} ({x.AfterFirst.Monday:yyyy-MM-dd} to {x.AfterLast.Sunday:yyyy-MM-dd}), the event's own weeks included";

    private static readonly string[] CsvHeader =
        ["group", "measure", "denominator", "before", "after", "before_count", "before_of", "after_count", "after_of", "difference", "difference_low", "difference_high", "model_version"];

    private static async Task WriteCsvAsync(TextWriter w, WeeklySeries s, IReadOnlyList<MeasureComparison> comparison)
    {
        await w.WriteLineAsync(Csv.Line(CsvHeader));
        foreach (var m in comparison)
            await w.WriteLineAsync(Csv.Line([m.Group ?? "", m.Measure, m.Denominator, Num(m.Before), Num(m.After), Int(m.BeforeCount), Int(m.BeforeOf),
                Int(m.AfterCount), Int(m.AfterOf), Num(m.Difference?.Value), Num(m.Difference?.Low), Num(m.Difference?.High), s.Info.ModelVersion]));
    }

    private static async Task WriteJsonAsync(TextWriter w, WeeklySeries s, EventWindows x, IReadOnlyList<MeasureComparison> comparison)
    {
        var payload = WeeklyReportWriter.Header(s.Info);
        payload["event"] = new Dictionary<string, object?>
        {
            ["name"] = x.Event.Name, ["start"] = x.Event.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["end"] = x.Event.End?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["country"] = x.Event.Country,
        };
        payload["before_weeks"] = new[] { x.BeforeFirst.ToString(), x.BeforeLast.ToString() };
        payload["after_weeks"] = new[] { x.AfterFirst.ToString(), x.AfterLast.ToString() };
        payload["comparison_method"] = ComparisonNote;
        payload["comparison"] = comparison.Select(m => new Dictionary<string, object?>
        {
            ["group"] = m.Group, ["measure"] = m.Measure, ["denominator"] = m.Denominator,
            ["before"] = Round(m.Before), ["after"] = Round(m.After),
            ["before_count"] = m.BeforeCount, ["before_of"] = m.BeforeOf, ["after_count"] = m.AfterCount, ["after_of"] = m.AfterOf,
            ["difference"] = m.Difference is { } d ? new Dictionary<string, object?> { ["value"] = Round(d.Value), ["low"] = Round(d.Low), ["high"] = Round(d.High) } : null,
        }).ToList();
        using var weekly = new StringWriter();
        await WeeklyReportWriter.WriteAsync(weekly, s, ReportFormat.Json);
        using var doc = JsonDocument.Parse(weekly.ToString());
        payload["weeks"] = doc.RootElement.GetProperty("weeks").Clone();
        await w.WriteLineAsync(JsonSerializer.Serialize(payload, new JsonSerializerOptions { WriteIndented = true }));
    }

    private static async Task WriteTableAsync(TextWriter w, WeeklySeries s, EventWindows x, IReadOnlyList<MeasureComparison> comparison)
    {
        await WeeklyReportWriter.WriteTitleAsync(w, s.Info, $"Event \"{x.Event.Name}\" ({x.Event.Start:yyyy-MM-dd} to {(x.Event.End is { } e ? e.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "open")})");
        if (s.Rows.Count > 0) await WeeklyTable.WriteAsync(w, s.Rows, s.Info.By != SeriesGrouping.None);
        await WeeklyReportWriter.WriteNotesAsync(w, s);
        await w.WriteLineAsync();
        await w.WriteLineAsync($"Before/after: {Describe(x)}.");
        await w.WriteLineAsync($"Each {ComparisonNote}.");
        var width = Math.Max("measure".Length, comparison.Count == 0 ? 0 : comparison.Max(m => m.Measure.Length));
        foreach (var group in comparison.GroupBy(m => m.Group))
        {
            await w.WriteLineAsync();
            if (group.Key is not null) await w.WriteLineAsync($"[{s.Info.By.ToName()}: {group.Key}]");
            await w.WriteLineAsync($"{"measure".PadRight(width)}  {"before",18}  {"after",18}  {"difference [95% interval]",-28}  denominator");
            foreach (var m in group)
                await w.WriteLineAsync($"{m.Measure.PadRight(width)}  {Side(m.Before, m.BeforeCount, m.BeforeOf),18}  {Side(m.After, m.AfterCount, m.AfterOf),18}  {Difference(m.Difference),-28}  {m.Denominator}");
        }
    }

    private static string Side(double? value, long? count, long of) => value is not { } v ? $"- (n={of})"
        : count is { } k ? string.Create(CultureInfo.InvariantCulture, $"{v * 100:0.0}% ({k}/{of})") : string.Create(CultureInfo.InvariantCulture, $"{v:+0.000;-0.000;0.000} (n={of})");

    private static string Difference(Estimate? d) => d is null ? "-"
        : string.Create(CultureInfo.InvariantCulture, $"{d.Value:+0.000;-0.000;0.000}") + (d is { Low: { } lo, High: { } hi } ? string.Create(CultureInfo.InvariantCulture, $" [{lo:+0.000;-0.000;0.000}, {hi:+0.000;-0.000;0.000}]") : "");

    private static string Num(double? v) => Csv.Number(v, "0.######");
    private static string Int(long? v) => v?.ToString(CultureInfo.InvariantCulture) ?? "";
    private static double? Round(double? v) => v is { } d ? Math.Round(d, 4) : null;
}
