using System.Globalization;
using System.Text.Json;
using NlpPipeline.Core.Analysis;
using NlpPipeline.Core.Labels;

namespace NlpPipeline.Core.Export;

/// <summary>
/// Writes the weekly series as an aligned table (for people), CSV (one row per week, or per week and group, with
/// counts beside ratios, for pandas/R), JSON (with the metadata a citation needs) or JSON Lines (the CSV's columns,
/// one object per row).
/// </summary>
public static class WeeklyReportWriter
{
    public const string IntervalNote = "mean sentiment is P(positive) - P(negative) per passage, averaged, with a 95 % Student-t interval over the week's passages";

    public static async Task WriteAsync(TextWriter w, WeeklySeries series, ReportFormat format)
    {
        switch (format)
        {
            case ReportFormat.Csv: await WriteCsvAsync(w, series); break;
            case ReportFormat.Json: await WriteJsonAsync(w, series); break;
            case ReportFormat.Jsonl: await WriteJsonlAsync(w, series); break;
            default: await WriteTableAsync(w, series); break;
        }
    }

    private static async Task WriteCsvAsync(TextWriter w, WeeklySeries s)
    {
        var columns = WeeklyColumns.Table(s.Info);
        await w.WriteLineAsync(Csv.Line(columns.Select(c => c.Name)));
        foreach (var r in s.Rows)
            await w.WriteLineAsync(Csv.Line(columns.Select(c => c.Text(r))));
    }

    private static async Task WriteJsonlAsync(TextWriter w, WeeklySeries s)
    {
        var columns = WeeklyColumns.Table(s.Info);
        foreach (var r in s.Rows)
        {
            var line = new Dictionary<string, object?>();
            foreach (var c in columns) line[c.Name] = c.Value(r) is double d ? Math.Round(d, 6) : c.Value(r);
            await w.WriteLineAsync(JsonSerializer.Serialize(line));
        }
    }

    private static async Task WriteJsonAsync(TextWriter w, WeeklySeries s)
    {
        var payload = Header(s.Info);
        payload["weeks"] = s.Rows.Select(r => Row(r, s.Info)).ToList();
        await w.WriteLineAsync(JsonSerializer.Serialize(payload, new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>What a citation of the series needs; shared with the event report.</summary>
    public static Dictionary<string, object?> Header(SeriesInfo c) => new()
    {
        ["time_zone"] = c.TimeZone,
        ["model_version"] = c.ModelVersion,
        ["by"] = c.By.ToName(),
        ["language"] = c.Language?.ToWire(),
        ["include_undated"] = c.IncludeUndated,
        ["undated_excluded"] = c.UndatedExcluded,
        ["duplicates"] = "excluded",
        ["other_model_versions"] = c.OtherVersions.Select(o => new Dictionary<string, object?> { ["version"] = o.Version, ["passages_not_in_series"] = o.Passages }).ToList(),
        ["interval"] = IntervalNote,
        ["computed_from"] = c.Source,
    };

    private static Dictionary<string, object?> Row(WeeklyRow r, SeriesInfo info)
    {
        var t = r.Tally;
        var row = new Dictionary<string, object?>
        {
            ["week"] = r.Week.ToString(),
            ["week_start"] = r.Week.Monday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
        if (info.By != SeriesGrouping.None) row["group"] = r.Group;
        row["documents"] = t.Documents;
        row["passages"] = t.Passages;
        row["mean_sentiment"] = t.MeanSentiment is { } m
            ? new Dictionary<string, object?> { ["value"] = Round(m.Value), ["low"] = Round(m.Low), ["high"] = Round(m.High), ["n"] = m.N }
            : null;
        row["sentiment"] = LabelNames.Sentiments.All.ToDictionary(x => x.ToWire(), x => ShareJson(t.Share(x)));
        row["emigration_related"] = ShareJson(t.ShareEmigrationRelated);
        row["intents_among_related"] = PassageTally.RelatedIntents.ToDictionary(x => x.ToWire(), x => ShareJson(t.ShareAmongRelated(x)));
        row["topics"] = LabelNames.Topics.All.ToDictionary(x => x.ToWire(), x => ShareJson(t.Share(x)));
        row["events"] = r.Events;
        row["dated_by_fetch"] = t.DatedByFetch;
        row["undated_excluded"] = r.UndatedExcluded;
        return row;
    }

    public static Dictionary<string, object?> ShareJson(Share s) => new() { ["count"] = s.Count, ["of"] = s.Of, ["share"] = Round(s.Ratio) };

    private static async Task WriteTableAsync(TextWriter w, WeeklySeries s)
    {
        var c = s.Info;
        await WriteTitleAsync(w, c, "Weekly series");
        if (s.Rows.Count == 0)
        {
            await w.WriteLineAsync("No scored passages in the requested range.");
            await WriteNotesAsync(w, s);
            return;
        }
        await WeeklyTable.WriteAsync(w, s.Rows, c.By != SeriesGrouping.None);
        await WriteNotesAsync(w, s);
    }

    public static async Task WriteTitleAsync(TextWriter w, SeriesInfo c, string title)
    {
        var scope = c.Language is { } l ? $"language {l.ToWire()}" : "all languages";
        var by = c.By == SeriesGrouping.None ? "" : $", by {c.By.ToName()}";
        await w.WriteLineAsync($"{title}, ISO weeks in {c.TimeZone}, {scope}{by}, model {c.ModelVersion}");
        await w.WriteLineAsync($"Sentiment: {IntervalNote}. neg% and emig% (emigration-related: intent not none) are of the week's passages; " +
                               "intents are shares of the emigration-related passages; topics of the week's passages. " +
                               "Duplicates and near-copies are counted once.");
        foreach (var o in c.OtherVersions)
            await w.WriteLineAsync($"Note: model {o.Version} has scored {o.Passages} passage(s) in this range that {c.ModelVersion} has not; " +
                                   $"they are not in this series (run 'nlp classify' with {c.ModelVersion}, or choose --model-version {o.Version}).");
        await w.WriteLineAsync();
    }

    public static async Task WriteNotesAsync(TextWriter w, WeeklySeries s)
    {
        var fetchDated = s.Rows.Sum(r => r.Tally.DatedByFetch);
        if (fetchDated > 0)
            await w.WriteLineAsync($"\n{fetchDated} document(s) had no trusted publication time and were placed by fetch time.");
        if (s.Info.UndatedExcluded > 0)
            await w.WriteLineAsync($"\n{s.Info.UndatedExcluded} document(s) without a trusted publication time (undated, or dated in the future or before 1990) " +
                                   "were left out; --include-undated places them in the week they were fetched.");
    }

    private static double? Round(double? v) => v is { } d ? Math.Round(d, 4) : null;
}
