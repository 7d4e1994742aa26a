using System.Text.Json;
using NlpPipeline.Core.Analysis;
using NlpPipeline.Core.Export;
using NlpPipeline.Core.Labels;
using Xunit;
using static NlpPipeline.Tests.Core.Analysis.ScoredPassages;

namespace NlpPipeline.Tests.Core.Export;

public class WeeklyReportWriterTests
{
    private static readonly SeriesInfo Info = new("Asia/Almaty", "intent-2024.1", SeriesGrouping.None, null, false, 5, [], "aggregates");

    /// <summary>2022-W01: two documents, four passages (two emigration-related); 2022-W02: empty, 3 undated documents left out.</summary>
    private static WeeklySeries Series(SeriesInfo? info = null)
    {
        var busy = new PassageTally();
        foreach (var p in new[]
                 {
                     Make(1, "2022-01-04T10:00:00Z", Intent.Considering, [Topic.Jobs, Topic.Security], Sentiment.Negative, -0.6),
                     Make(1, "2022-01-04T10:00:00Z", Intent.Discussion, [Topic.Security], Sentiment.Neutral, 0.1),
                     Make(2, "2022-01-05T10:00:00Z", Intent.None, [Topic.Security], Sentiment.Negative, -0.5),
                     Make(2, "2022-01-05T10:00:00Z", Intent.None, [], Sentiment.Positive, 0.6),
                 })
            busy.Add(p);
        busy.AddDocuments(2, 1);
        return new WeeklySeries(
            [
                new WeeklyRow(new Week(2022, 1), null, busy, ["Bloody January", "Fuel, prices"]),
                new WeeklyRow(new Week(2022, 2), null, new PassageTally(), [], 3),
            ], info ?? Info);
    }

    private static async Task<string> Write(ReportFormat format, WeeklySeries series)
    {
        var w = new StringWriter { NewLine = "\n" };
        await WeeklyReportWriter.WriteAsync(w, series, format);
        return w.ToString();
    }

    [Fact]
    public async Task WriteAsync_Csv_CountsBesideEveryShare()
    {
        var lines = (await Write(ReportFormat.Csv, Series())).Split('\n');
        var header = lines[0].Split(',');
        var busy = lines[1].Split(',');   // no quoted commas before the events column
        string Field(string[] row, string name) => row[Array.IndexOf(header, name)];

        Assert.Equal(4, lines.Length);   // header, two rows, trailing newline
        Assert.Equal(["week", "week_start", "model_version", "documents", "passages", "mean_sentiment", "mean_sentiment_low", "mean_sentiment_high",
            "negative", "neutral", "positive", "share_negative", "share_neutral", "share_positive", "emigration_related", "share_emigration_related",
            "intent_discussion", "share_discussion_of_related"], header[..18]);
        Assert.Equal(["events", "dated_by_fetch", "undated_excluded"], header[^3..]);
        Assert.Equal("2022-W01", busy[0]);
        Assert.Equal("intent-2024.1", Field(busy, "model_version"));
        Assert.Equal("-0.1", Field(busy, "mean_sentiment"));
        Assert.Equal("2", Field(busy, "negative"));
        Assert.Equal("0.5", Field(busy, "share_negative"));
        Assert.Equal("2", Field(busy, "emigration_related"));
        Assert.Equal("0.5", Field(busy, "share_emigration_related"));
        Assert.Equal("1", Field(busy, "intent_considering"));
        Assert.Equal("0.5", Field(busy, "share_considering_of_related"));
        Assert.Equal("0", Field(busy, "intent_planning"));
        Assert.Equal("0", Field(busy, "share_planning_of_related"));
        Assert.Equal("3", Field(busy, "topic_security"));
        Assert.Equal("0.75", Field(busy, "share_topic_security"));
        Assert.EndsWith(",\"Bloody January;Fuel, prices\",1,0", lines[1]);
        var empty = lines[2].Split(',');
        Assert.Equal("0", Field(empty, "passages"));
        Assert.Equal("", Field(empty, "mean_sentiment"));
        Assert.Equal("", Field(empty, "share_negative"));
        Assert.Equal("3", empty[^1]);
    }

    [Fact]
    public async Task WriteAsync_CsvGrouped_HasGroupColumn()
    {
        var header = (await Write(ReportFormat.Csv, Series(Info with { By = SeriesGrouping.SourceKind }))).Split('\n')[0];
        Assert.StartsWith("week,week_start,source_kind,model_version,", header);
    }

    [Fact]
    public async Task WriteAsync_Json_MetadataAndSharesWithDenominators()
    {
        using var doc = JsonDocument.Parse(await Write(ReportFormat.Json, Series(Info with { OtherVersions = [new OtherVersion("old-1", 12)] })));
        var root = doc.RootElement;

        Assert.Equal("Asia/Almaty", root.GetProperty("time_zone").GetString());
        Assert.Equal("intent-2024.1", root.GetProperty("model_version").GetString());
        Assert.Equal(5, root.GetProperty("undated_excluded").GetInt32());
        Assert.Equal("excluded", root.GetProperty("duplicates").GetString());
        Assert.Equal(12, root.GetProperty("other_model_versions")[0].GetProperty("passages_not_in_series").GetInt32());
        var w1 = root.GetProperty("weeks")[0];
        Assert.Equal(2, w1.GetProperty("documents").GetInt32());
        Assert.Equal(-0.1, w1.GetProperty("mean_sentiment").GetProperty("value").GetDouble());
        Assert.Equal(4, w1.GetProperty("mean_sentiment").GetProperty("n").GetInt32());
        var considering = w1.GetProperty("intents_among_related").GetProperty("considering");
        Assert.Equal((1, 2, 0.5), (considering.GetProperty("count").GetInt32(), considering.GetProperty("of").GetInt32(), considering.GetProperty("share").GetDouble()));
        Assert.False(w1.GetProperty("intents_among_related").TryGetProperty("none", out _));
        Assert.Equal(4, w1.GetProperty("topics").GetProperty("jobs").GetProperty("of").GetInt32());
        Assert.Equal(1, w1.GetProperty("dated_by_fetch").GetInt32());
        var w2 = root.GetProperty("weeks")[1];
        Assert.Equal(JsonValueKind.Null, w2.GetProperty("mean_sentiment").ValueKind);
        Assert.Equal(JsonValueKind.Null, w2.GetProperty("emigration_related").GetProperty("share").ValueKind);
        Assert.Equal(3, w2.GetProperty("undated_excluded").GetInt32());
    }

    [Fact]
    public async Task WriteAsync_Jsonl_OneObjectPerRowWithCsvColumns()
    {
        var lines = (await Write(ReportFormat.Jsonl, Series())).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        using var first = JsonDocument.Parse(lines[0]);
        Assert.Equal(3, first.RootElement.GetProperty("topic_security").GetInt32());
        Assert.Equal(0.75, first.RootElement.GetProperty("share_topic_security").GetDouble());
        Assert.Equal("intent-2024.1", first.RootElement.GetProperty("model_version").GetString());
    }

    [Fact]
    public async Task WriteAsync_Table_NamesZoneModelOtherVersionsAndExclusions()
    {
        var text = await Write(ReportFormat.Table, Series(Info with { OtherVersions = [new OtherVersion("old-1", 12)] }));
        var lines = text.Split('\n');

        Assert.Equal("Weekly series, ISO weeks in Asia/Almaty, all languages, model intent-2024.1", lines[0]);
        Assert.Contains("Note: model old-1 has scored 12 passage(s) in this range that intent-2024.1 has not", text);
        var busy = Assert.Single(lines, l => l.StartsWith("2022-W01", StringComparison.Ordinal));
        Assert.Contains("-0.10", busy);
        Assert.Contains("50 (2)", busy);                       // emigration-related: 50 % of 4, 2 passages
        Assert.Contains("considering 50%, discussion 50%", busy);
        Assert.Contains("security 75%, jobs 25%", busy);
        Assert.EndsWith("* Bloody January; Fuel, prices", busy);
        Assert.Contains("1 document(s) had no trusted publication time and were placed by fetch time.", lines);
        Assert.Contains("5 document(s) without a trusted publication time (undated, or dated in the future or before 1990) were left out; " +
                        "--include-undated places them in the week they were fetched.", lines);
    }

    [Fact]
    public async Task WriteAsync_TableNoRows_SaysSo()
    {
        var text = await Write(ReportFormat.Table, new WeeklySeries([], Info with { UndatedExcluded = 0 }));
        Assert.Contains("No scored passages in the requested range.\n", text);
        Assert.DoesNotContain("left out", text);
    }
}
