using System.Globalization;
using System.Net;
using NlpPipeline.Core.Analysis;
using NlpPipeline.Core.Labels;

namespace NlpPipeline.Core.Export;

/// <summary>
/// A self-contained HTML report for sharing: the chart embedded as a base64 PNG (no external file, script or font),
/// what the series is of (model version, time zone, breakdown, exclusions, interval method), the weekly table with the
/// counts behind every share, and for an event the before/after comparison.
/// </summary>
public static class HtmlReportWriter
{
    public static async Task WriteAsync(TextWriter w, string title, WeeklySeries series, byte[]? chartPng,
        EventWindows? windows = null, IReadOnlyList<MeasureComparison>? comparison = null)
    {
        var c = series.Info;
        await w.WriteLineAsync("<!DOCTYPE html>");
        await w.WriteLineAsync("<html lang=\"en\"><head><meta charset=\"utf-8\">");
        await w.WriteLineAsync($"<title>{E(title)}</title>");
        await w.WriteLineAsync("<style>body{font-family:'DejaVu Sans',Arial,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;font-size:13px}" +
                               "th,td{border:1px solid #ccc;padding:3px 6px;text-align:right}th{background:#f3f3f3}td.l,th.l{text-align:left}" +
                               "tr.event td{background:#fff4e0}img{max-width:100%;border:1px solid #ddd}dt{font-weight:bold}</style></head><body>");
        await w.WriteLineAsync($"<h1>{E(title)}</h1>");
        await w.WriteLineAsync("<dl>");
        await Item(w, "Model version", c.ModelVersion + " (every label in this report; versions are never mixed)");
        await Item(w, "Weeks", $"ISO weeks in {c.TimeZone}");
        await Item(w, "Breakdown", c.By.ToName() ?? "none");
        await Item(w, "Language filter", c.Language?.ToWire() ?? "all languages");
        await Item(w, "Duplicates", SeriesInfo.Duplicates);
        await Item(w, "Undated documents", c.IncludeUndated
            ? "included, placed in the week they were fetched (column 'by fetch')"
            : $"{c.UndatedExcluded} document(s) without a trusted publication time left out");
        foreach (var o in c.OtherVersions)
            await Item(w, "Other model version", $"{o.Version} scored {o.Passages} passage(s) in this range that {c.ModelVersion} has not; they are not in this report");
        await Item(w, "Sentiment", WeeklyReportWriter.IntervalNote);
        await Item(w, "Denominators", "sentiment, emigration-related and topic shares are of the week's passages; intent shares are of the emigration-related passages (intent not none)");
        await w.WriteLineAsync("</dl>");
        if (chartPng is not null)
            await w.WriteLineAsync($"<p><img alt=\"weekly mean sentiment and share of emigration-related passages\" src=\"data:image/png;base64,{Convert.ToBase64String(chartPng)}\"></p>");
        if (windows is not null && comparison is not null) await WriteComparisonAsync(w, c, windows, comparison);
        await WriteWeeksAsync(w, series);
        await w.WriteLineAsync("</body></html>");
    }

    private static async Task WriteComparisonAsync(TextWriter w, SeriesInfo c, EventWindows x, IReadOnlyList<MeasureComparison> comparison)
    {
        await w.WriteLineAsync($"<h2>Before and after: {E(x.Event.Name)}</h2>");
        await w.WriteLineAsync($"<p>{E(EventReportWriter.Describe(x))}. {E(EventReportWriter.ComparisonNote)}.</p>");
        await w.WriteLineAsync("<table><tr><th class=\"l\">group</th><th class=\"l\">measure</th><th>before</th><th>n before</th><th>after</th><th>n after</th><th>difference</th><th>95 % interval</th><th class=\"l\">denominator</th></tr>");
        foreach (var m in comparison)
            await w.WriteLineAsync($"<tr><td class=\"l\">{E(m.Group ?? "all")}</td><td class=\"l\">{E(m.Measure)}</td><td>{F(m.Before)}</td><td>{Counted(m.BeforeCount, m.BeforeOf)}</td>" +
                                   $"<td>{F(m.After)}</td><td>{Counted(m.AfterCount, m.AfterOf)}</td><td>{F(m.Difference?.Value)}</td>" +
                                   $"<td>{(m.Difference is { Low: { } lo, High: { } hi } ? $"{F(lo)} to {F(hi)}" : "-")}</td><td class=\"l\">{E(m.Denominator)}</td></tr>");
        await w.WriteLineAsync("</table>");
    }

    private static async Task WriteWeeksAsync(TextWriter w, WeeklySeries s)
    {
        var grouped = s.Info.By != SeriesGrouping.None;
        await w.WriteLineAsync("<h2>Weekly series</h2>");
        await w.WriteLineAsync("<table><tr><th class=\"l\">week</th><th class=\"l\">starts</th>" + (grouped ? $"<th class=\"l\">{E(s.Info.By.ToName()!)}</th>" : "") +
                               "<th>documents</th><th>passages</th><th>mean sentiment</th><th>95 % interval</th><th>negative</th><th>emigration-related</th>" +
                               string.Concat(PassageTally.RelatedIntents.Select(i => $"<th>{E(i.ToWire())} (of related)</th>")) +
                               "<th class=\"l\">top topics (of passages)</th><th>by fetch</th><th>undated left out</th><th class=\"l\">events</th></tr>");
        foreach (var r in s.Rows)
        {
            var t = r.Tally;
            var m = t.MeanSentiment;
            var topics = string.Join(", ", LabelNames.Topics.All.Where(x => t.Count(x) > 0).OrderByDescending(t.Count).Take(3)
                .Select(x => $"{x.ToWire()} {Share(t.Share(x))}"));
            await w.WriteLineAsync($"<tr{(r.Events.Count > 0 ? " class=\"event\"" : "")}><td class=\"l\">{r.Week}</td><td class=\"l\">{r.Week.Monday:yyyy-MM-dd}</td>" +
                                   (grouped ? $"<td class=\"l\">{E(r.Group ?? "")}</td>" : "") +
                                   $"<td>{t.Documents}</td><td>{t.Passages}</td><td>{F(m?.Value)}</td><td>{(m is { Low: { } lo, High: { } hi } ? $"{F(lo)} to {F(hi)}" : "-")}</td>" +
                                   $"<td>{Share(t.Share(Sentiment.Negative))}</td><td>{Share(t.ShareEmigrationRelated)}</td>" +
                                   string.Concat(PassageTally.RelatedIntents.Select(i => $"<td>{Share(t.ShareAmongRelated(i))}</td>")) +
                                   $"<td class=\"l\">{E(topics)}</td><td>{t.DatedByFetch}</td><td>{r.UndatedExcluded}</td><td class=\"l\">{E(string.Join("; ", r.Events))}</td></tr>");
        }
        await w.WriteLineAsync("</table>");
    }

    private static Task Item(TextWriter w, string term, string text) => w.WriteLineAsync($"<dt>{E(term)}</dt><dd>{E(text)}</dd>");

    private static string Share(Share s) => s.Ratio is { } r ? string.Create(CultureInfo.InvariantCulture, $"{r * 100:0.0}% ({s.Count}/{s.Of})") : $"- (0/{s.Of})";
    private static string Counted(long? count, long of) => count is { } k ? $"{k}/{of}" : of.ToString(CultureInfo.InvariantCulture);
    private static string F(double? v) => v is { } d ? d.ToString("0.000", CultureInfo.InvariantCulture) : "-";
    private static string E(string s) => WebUtility.HtmlEncode(s);
}
