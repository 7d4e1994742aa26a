using System.Text.Json;
using NlpPipeline.Core.Analysis;
using NlpPipeline.Core.Export;
using NlpPipeline.Core.Labels;
using Xunit;

namespace NlpPipeline.Tests.Core.Export;

public class WeeklyReportWriterTests
{
    private static readonly WeeklyReportWriter.Context Context = new("Asia/Almaty", "intent-2024.1", null, UndatedExcluded: 5);

    private static readonly WeeklyRow Busy = new(
        new Week(2022, 1), Documents: 2, Passages: 4, MeanSentiment: -0.1, ShareNegative: 0.5,
        IntentShares: Shares(none: 0.5, discussion: 0.25, considering: 0.25),
        TopTopics: [new TopicShare(Topic.Security, 0.75), new TopicShare(Topic.Jobs, 0.5)],
        Events: ["Bloody January", "Fuel, prices"], DatedByFetch: 1);

    private static readonly WeeklyRow Empty = new(
        new Week(2022, 2), 0, 0, null, null, Shares(), [], [], 0, UndatedExcluded: 3);

    private static Dictionary<Intent, double> Shares(double none = 0, double discussion = 0, double considering = 0) => new()
    {
        [Intent.None] = none, [Intent.Discussion] = discussion, [Intent.Considering] = considering,
        [Intent.Planning] = 0, [Intent.Departed] = 0, [Intent.Staying] = 0,
    };

    private static async Task<string> Write(ReportFormat format, params WeeklyRow[] rows)
    {
        var w = new StringWriter { NewLine = "\n" };
        await WeeklyReportWriter.WriteAsync(w, rows, format, Context);
        return w.ToString();
    }

    [Fact]
    public async Task WriteAsync_Csv_HeaderAndRowsExact()
    {
        var lines = (await Write(ReportFormat.Csv, Busy, Empty)).Split('\n');

        Assert.Equal(4, lines.Length);   // header, two rows, trailing newline
        Assert.Equal("week,week_start,documents,passages,mean_sentiment,share_negative,share_none,share_discussion,"
            + "share_considering,share_planning,share_departed,share_staying,top_topics,events,dated_by_fetch,undated_excluded", lines[0]);
        Assert.Equal("2022-W01,2022-01-03,2,4,-0.1,0.5,0.5,0.25,0.25,0,0,0,security;jobs,\"Bloody January;Fuel, prices\",1,0", lines[1]);
        Assert.Equal("2022-W02,2022-01-10,0,0" + new string(',', 11) + "0,3", lines[2]);
        Assert.Equal("", lines[3]);
    }

    [Fact]
    public async Task WriteAsync_Json_WeeksWithAllSixIntentShares()
    {
        using var doc = JsonDocument.Parse(await Write(ReportFormat.Json, Busy, Empty));
        var root = doc.RootElement;

        Assert.Equal("Asia/Almaty", root.GetProperty("time_zone").GetString());
        Assert.Equal("intent-2024.1", root.GetProperty("model_version").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("language").ValueKind);
        var weeks = root.GetProperty("weeks").EnumerateArray().ToList();
        Assert.Equal(2, weeks.Count);

        var w1 = weeks[0];
        Assert.Equal("2022-W01", w1.GetProperty("week").GetString());
        Assert.Equal("2022-01-03", w1.GetProperty("week_start").GetString());
        Assert.Equal(2, w1.GetProperty("documents").GetInt32());
        Assert.Equal(-0.1, w1.GetProperty("mean_sentiment").GetDouble());
        var shares = w1.GetProperty("intent_shares").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
        Assert.Equal(["none", "discussion", "considering", "planning", "departed", "staying"], shares.Keys);
        Assert.Equal([0.5, 0.25, 0.25, 0, 0, 0], shares.Values);
        var top = w1.GetProperty("top_topics").EnumerateArray().Select(t => (t.GetProperty("topic").GetString(), t.GetProperty("share").GetDouble()));
        Assert.Equal([("security", 0.75), ("jobs", 0.5)], top);
        Assert.Equal(["Bloody January", "Fuel, prices"], w1.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(1, w1.GetProperty("dated_by_fetch").GetInt32());
        Assert.Equal(0, w1.GetProperty("undated_excluded").GetInt32());
        Assert.Equal(3, weeks[1].GetProperty("undated_excluded").GetInt32());
        Assert.Equal(5, root.GetProperty("undated_excluded").GetInt32());
        Assert.False(root.GetProperty("include_undated").GetBoolean());

        var w2 = weeks[1];
        Assert.Equal(JsonValueKind.Null, w2.GetProperty("mean_sentiment").ValueKind);
        Assert.Equal(JsonValueKind.Null, w2.GetProperty("share_negative").ValueKind);
        Assert.Equal(6, w2.GetProperty("intent_shares").EnumerateObject().Count());
    }

    [Fact]
    public async Task WriteAsync_Json_SharesRoundedToFourDecimals()
    {
        var row = Busy with { MeanSentiment = 1.0 / 3, ShareNegative = 2.0 / 3 };
        using var doc = JsonDocument.Parse(await Write(ReportFormat.Json, row));
        var w = doc.RootElement.GetProperty("weeks")[0];
        Assert.Equal(0.3333, w.GetProperty("mean_sentiment").GetDouble());
        Assert.Equal(0.6667, w.GetProperty("share_negative").GetDouble());
    }

    [Fact]
    public async Task WriteAsync_Table_NamesZoneModelEventsAndFetchDated()
    {
        var lines = (await Write(ReportFormat.Table, Busy, Empty)).Split('\n');

        Assert.Equal("Weekly series, ISO weeks in Asia/Almaty, all languages, model intent-2024.1", lines[0]);
        var busy = Assert.Single(lines, l => l.StartsWith("2022-W01", StringComparison.Ordinal));
        Assert.Contains("-0.10", busy);
        Assert.Contains("security 75%, jobs 50%", busy);
        Assert.EndsWith("* Bloody January; Fuel, prices", busy);
        Assert.Contains("1 document(s) had no trusted publication time and were placed by fetch time.", lines);
        Assert.Contains("5 document(s) without a trusted publication time (undated, or dated in the future or before 1990) were left out; " +
                        "--include-undated places them in the week they were fetched.", lines);
    }

    [Fact]
    public async Task WriteAsync_TableNoRows_SaysSoInsteadOfEmptyTable()
    {
        var w = new StringWriter { NewLine = "\n" };
        await WeeklyReportWriter.WriteAsync(w, [], ReportFormat.Table, Context with { UndatedExcluded = 0 });
        Assert.Equal("No scored passages in the requested range.\n", w.ToString());
        Assert.StartsWith("No scored passages in the requested range.\n\n5 document(s) without a trusted publication time", await Write(ReportFormat.Table));
    }
}
