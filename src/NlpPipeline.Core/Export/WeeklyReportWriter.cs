using System.Globalization;
using System.Text.Json;
using NlpPipeline.Core.Analysis;
using NlpPipeline.Core.Labels;

namespace NlpPipeline.Core.Export;

/// <summary>
/// Writes the weekly series as an aligned table (for people), CSV (for pandas/R) or JSON (with the
/// metadata a citation needs: time zone and model version).
/// </summary>
public static class WeeklyReportWriter
{
    /// <summary>
    /// What the series is of. <see cref="UndatedExcluded"/>: documents left out for want of a trusted publication
    /// time, wherever they were fetched (their week is unknown, so they may belong to the requested range).
    /// </summary>
    public sealed record Context(string TimeZone, string? ModelVersion, string? Language, bool IncludeUndated = false, int UndatedExcluded = 0);

    public static async Task WriteAsync(TextWriter w, IReadOnlyList<WeeklyRow> rows, ReportFormat format, Context context)
    {
        switch (format)
        {
            case ReportFormat.Csv: await WriteCsvAsync(w, rows); break;
            case ReportFormat.Json: await WriteJsonAsync(w, rows, context); break;
            default: await WriteTableAsync(w, rows, context); break;
        }
    }

    private static async Task WriteCsvAsync(TextWriter w, IReadOnlyList<WeeklyRow> rows)
    {
        var header = new List<string> { "week", "week_start", "documents", "passages", "mean_sentiment", "share_negative" };
        header.AddRange(LabelNames.Intents.Names.Select(n => "share_" + n));
        header.AddRange(["top_topics", "events", "dated_by_fetch", "undated_excluded"]);
        await w.WriteLineAsync(Csv.Line(header));
        foreach (var r in rows)
        {
            var f = new List<string>
            {
                r.Week.ToString(), r.Week.Monday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                r.Documents.ToString(CultureInfo.InvariantCulture), r.Passages.ToString(CultureInfo.InvariantCulture),
                Csv.Number(r.MeanSentiment), Csv.Number(r.ShareNegative),
            };
            f.AddRange(LabelNames.Intents.All.Select(i => Csv.Number(r.Passages == 0 ? null : r.IntentShares[i])));
            f.Add(string.Join(";", r.TopTopics.Select(t => t.Topic.ToWire())));
            f.Add(string.Join(";", r.Events));
            f.Add(r.DatedByFetch.ToString(CultureInfo.InvariantCulture));
            f.Add(r.UndatedExcluded.ToString(CultureInfo.InvariantCulture));
            await w.WriteLineAsync(Csv.Line(f));
        }
    }

    private static async Task WriteJsonAsync(TextWriter w, IReadOnlyList<WeeklyRow> rows, Context c)
    {
        var payload = new Dictionary<string, object?>
        {
            ["time_zone"] = c.TimeZone,
            ["model_version"] = c.ModelVersion,
            ["language"] = c.Language,
            ["include_undated"] = c.IncludeUndated,
            ["undated_excluded"] = c.UndatedExcluded,
            ["weeks"] = rows.Select(r => new Dictionary<string, object?>
            {
                ["week"] = r.Week.ToString(),
                ["week_start"] = r.Week.Monday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["documents"] = r.Documents,
                ["passages"] = r.Passages,
                ["mean_sentiment"] = Round(r.MeanSentiment),
                ["share_negative"] = Round(r.ShareNegative),
                ["intent_shares"] = LabelNames.Intents.All.ToDictionary(i => i.ToWire(), i => Round(r.IntentShares[i])),
                ["top_topics"] = r.TopTopics.Select(t => new Dictionary<string, object?> { ["topic"] = t.Topic.ToWire(), ["share"] = Round(t.Share) }).ToList(),
                ["events"] = r.Events,
                ["dated_by_fetch"] = r.DatedByFetch,
                ["undated_excluded"] = r.UndatedExcluded,
            }).ToList(),
        };
        await w.WriteLineAsync(JsonSerializer.Serialize(payload, new JsonSerializerOptions { WriteIndented = true }));
    }

    private static async Task WriteTableAsync(TextWriter w, IReadOnlyList<WeeklyRow> rows, Context c)
    {
        if (rows.Count == 0)
        {
            await w.WriteLineAsync("No scored passages in the requested range.");
            await WriteExcludedAsync(w, c);
            return;
        }
        var scope = c.Language is null ? "all languages" : $"language {c.Language}";
        await w.WriteLineAsync($"Weekly series, ISO weeks in {c.TimeZone}, {scope}, model {c.ModelVersion ?? "(none)"}");
        await w.WriteLineAsync("Shares are of the week's passages; sentiment is P(positive) - P(negative), from -1 to 1.");
        await w.WriteLineAsync();
        var intentHeads = LabelNames.Intents.Names.Select(n => n.Length > 5 ? n[..5] : n).ToList();
        var topics = rows.Select(r => string.Join(", ", r.TopTopics.Select(t => $"{t.Topic.ToWire()} {t.Share * 100:0}%"))).ToList();
        var width = Math.Max("top topics".Length, topics.Max(t => t.Length));
        string Line(string week, string starts, string docs, string passages, string sentiment, string negative, string intents, string top, string ev) =>
            $"{week,-9} {starts,-10} {docs,5} {passages,6} {sentiment,6} {negative,5}  {intents}  {top.PadRight(width)}  {ev}".TrimEnd();
        await w.WriteLineAsync(Line("week", "starts", "docs", "pass.", "sent.", "neg%", string.Join(" ", intentHeads.Select(h => $"{h,5}")), "top topics", "event"));
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            var intents = string.Join(" ", LabelNames.Intents.All.Select(x => r.Passages == 0 ? $"{"-",5}" : Pct(r.IntentShares[x])));
            await w.WriteLineAsync(Line(r.Week.ToString(), r.Week.Monday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                r.Documents.ToString(CultureInfo.InvariantCulture), r.Passages.ToString(CultureInfo.InvariantCulture),
                r.MeanSentiment is { } s ? s.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture) : "-",
                r.ShareNegative is { } n ? (n * 100).ToString("0", CultureInfo.InvariantCulture) : "-",
                intents, topics[i], r.Events.Count > 0 ? "* " + string.Join("; ", r.Events) : ""));
        }
        var fetchDated = rows.Sum(r => r.DatedByFetch);
        if (fetchDated > 0)
            await w.WriteLineAsync($"\n{fetchDated} document(s) had no trusted publication time and were placed by fetch time.");
        await WriteExcludedAsync(w, c);
    }

    private static async Task WriteExcludedAsync(TextWriter w, Context c)
    {
        if (c.UndatedExcluded > 0)
            await w.WriteLineAsync($"\n{c.UndatedExcluded} document(s) without a trusted publication time (undated, or dated in the future or before 1990) " +
                                   "were left out; --include-undated places them in the week they were fetched.");
    }

    private static string Pct(double share) => (share * 100).ToString("0", CultureInfo.InvariantCulture).PadLeft(5);

    private static double? Round(double? v) => v is { } d ? Math.Round(d, 4) : null;
}
