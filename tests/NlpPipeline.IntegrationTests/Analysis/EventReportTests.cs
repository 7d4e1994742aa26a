using System.Text.Json;
using NlpPipeline.Core.Analysis;
using NlpPipeline.IntegrationTests.Infrastructure;
using NlpPipeline.Storage;
using SkiaSharp;

namespace NlpPipeline.IntegrationTests.Analysis;

/// <summary>nlp events add|remove|list and nlp report event (comparison, chart, HTML) on the hand-made store.</summary>
public sealed class EventReportTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly string _db;

    public EventReportTests()
    {
        _db = _dir.File("nlp.db");
        using var db = NlpDatabase.Open(_db);
        var store = HandMadeStore.Create(db);
        new PredictionStore(db).Save(store.V1Scores().ToList());
    }

    public void Dispose() => _dir.Dispose();

    private Task<NlpCli.Result> Nlp(params string[] args) => NlpCli.RunAsync([.. args, "--db", _db]);

    [Fact]
    public async Task EventsAddListRemove_WorkAndRefuseMistakes()
    {
        var add = await Nlp("events", "add", "--name", "Fuel protest", "--start", "2022-01-10", "--end", "2022-01-11", "--country", "KZ", "--description", "Test");
        Assert.True(add.ExitCode == 0, add.Error);
        Assert.Contains("Added \"Fuel protest\" (2022-01-10 .. 2022-01-11)", add.Output);

        var again = await Nlp("events", "add", "--name", "fuel PROTEST", "--start", "2022-02-01");
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("already exists", again.Error);

        var backwards = await Nlp("events", "add", "--name", "Backwards", "--start", "2022-02-02", "--end", "2022-02-01");
        Assert.Equal(2, backwards.ExitCode);
        Assert.Contains("--end 2022-02-01 is before --start 2022-02-02", backwards.Error);
        var country = await Nlp("events", "add", "--name", "Somewhere", "--start", "2022-02-02", "--country", "Kazakhstan");
        Assert.Equal(2, country.ExitCode);
        Assert.Contains("--country: 'Kazakhstan' is not a two-letter", country.Error);
        Assert.Equal(2, (await Nlp("events", "add", "--start", "2022-02-02")).ExitCode);   // --name is required

        var list = await Nlp("events", "list");
        Assert.Contains("2022-01-10 .. 2022-01-11  KZ  Fuel protest", list.Output);
        Assert.DoesNotContain("Backwards", list.Output);

        var missing = await Nlp("events", "remove", "No such event");
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("no event named \"No such event\"", missing.Error);
        var remove = await Nlp("events", "remove", "FUEL protest");
        Assert.Equal(0, remove.ExitCode);
        Assert.Contains("Removed \"Fuel protest\".", remove.Output);
        Assert.Contains("No events in", (await Nlp("events", "list")).Output);
    }

    [Fact]
    public async Task EventsLoad_SeedFile_StoresCountries()
    {
        Assert.Equal(0, (await Nlp("events", "load", "--file", Path.Combine(TestPaths.RepoRoot, "corpora", "events.json"))).ExitCode);
        var list = (await Nlp("events", "list")).Output;
        Assert.Contains("2022-01-02 .. 2022-01-11  KZ  January 2022 unrest", list);
        Assert.Contains("2022-09-21 .. 2022-10-28  RU  Russian mobilisation and relocation wave", list);
    }

    [Fact]
    public async Task ReportEvent_OneWeekEachSide_ComparisonNumbersAndCounts()
    {
        Assert.Equal(0, (await Nlp("events", "add", "--name", "Test event", "--start", "2022-01-10")).ExitCode);

        var r = await Nlp("report", "event", "Test event", "--weeks-before", "1", "--weeks-after", "0", "--include-undated", "--format", "json");
        Assert.True(r.ExitCode == 0, r.Error);
        var root = JsonDocument.Parse(r.Output).RootElement;
        Assert.Equal(["2022-W01", "2022-W01"], root.GetProperty("before_weeks").EnumerateArray().Select(w => w.GetString()));
        Assert.Equal(["2022-W02", "2022-W02"], root.GetProperty("after_weeks").EnumerateArray().Select(w => w.GetString()));
        var measures = root.GetProperty("comparison").EnumerateArray().ToDictionary(m => m.GetProperty("measure").GetString()!);

        // Before (W01): -0.6, 0, -0.4, 0.5. After (W02, D included by fetch time): -0.2, 0.3.
        var mean = measures["mean_sentiment"];
        Assert.Equal(4, mean.GetProperty("before_of").GetInt32());
        Assert.Equal(2, mean.GetProperty("after_of").GetInt32());
        var expected = Intervals.MeanDifference(4, -0.5, 0.36 + 0.16 + 0.25, 2, 0.1, 0.04 + 0.09)!;
        Assert.Equal(0.175, mean.GetProperty("difference").GetProperty("value").GetDouble(), 4);
        Assert.Equal(Math.Round(expected.Low!.Value, 4), mean.GetProperty("difference").GetProperty("low").GetDouble(), 4);
        Assert.Equal(Math.Round(expected.High!.Value, 4), mean.GetProperty("difference").GetProperty("high").GetDouble(), 4);

        var negative = measures["share_negative"];   // 2/4 before, 1/2 after
        Assert.Equal((2, 4, 1, 2), (negative.GetProperty("before_count").GetInt32(), negative.GetProperty("before_of").GetInt32(),
            negative.GetProperty("after_count").GetInt32(), negative.GetProperty("after_of").GetInt32()));
        var newcombe = Intervals.ProportionDifference(2, 4, 1, 2)!;
        Assert.Equal(0, negative.GetProperty("difference").GetProperty("value").GetDouble(), 6);
        Assert.Equal(Math.Round(newcombe.Low!.Value, 4), negative.GetProperty("difference").GetProperty("low").GetDouble(), 4);

        var departed = measures["share_departed_of_related"];   // 0 of 2 related before, 1 of 1 after
        Assert.Equal("emigration-related passages", departed.GetProperty("denominator").GetString());
        Assert.Equal((0, 2, 1, 1), (departed.GetProperty("before_count").GetInt32(), departed.GetProperty("before_of").GetInt32(),
            departed.GetProperty("after_count").GetInt32(), departed.GetProperty("after_of").GetInt32()));
        Assert.Equal(1.0, departed.GetProperty("difference").GetProperty("value").GetDouble(), 6);

        var csv = await Nlp("report", "event", "Test event", "--weeks-before", "1", "--weeks-after", "0", "--format", "csv", "--by", "source-kind");
        var lines = csv.Output.Trim().Split('\n');
        Assert.StartsWith("group,measure,denominator,before,after,before_count,before_of,after_count,after_of,difference,difference_low,difference_high,model_version", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("news,share_emigration_related,passages,0.5,0,1,2,0,1,-0.5,", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("social,share_emigration_related,passages,0.5,,1,2,0,0,,,", StringComparison.Ordinal));   // nothing social after
    }

    [Fact]
    public async Task ReportEvent_UnknownEventOrNoWeeksBefore_UsageError()
    {
        var unknown = await Nlp("report", "event", "Nothing like it");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("No event matches 'Nothing like it'", unknown.Error);
        var none = await Nlp("report", "event", "x", "--weeks-before", "0");
        Assert.Equal(2, none.ExitCode);
        Assert.Contains("--weeks-before must be 1 or more", none.Error);
    }

    [Fact]
    public async Task ReportEvent_ChartAndHtml_PngWithTextAndSelfContainedPage()
    {
        Assert.Equal(0, (await Nlp("events", "add", "--name", "Test event", "--start", "2022-01-10", "--end", "2022-01-12")).ExitCode);
        var png = _dir.File("event.png");
        var html = _dir.File("event.html");

        var r = await Nlp("report", "event", "Test event", "--weeks-before", "2", "--weeks-after", "1", "--chart", png, "--html", html);

        Assert.True(r.ExitCode == 0, r.Error);
        var bytes = File.ReadAllBytes(png);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        using var bitmap = SKBitmap.Decode(bytes);
        Assert.Equal((1200, 840), (bitmap.Width, bitmap.Height));
        // The title sits in the top 30 pixel rows, centred: text means dark pixels there (no font gives a blank strip).
        var dark = 0;
        for (var y = 0; y < 30; y++)
            for (var x = 200; x < 1000; x++)
                if (bitmap.GetPixel(x, y) is var p && p.Red < 100 && p.Green < 100 && p.Blue < 100) dark++;
        Assert.True(dark > 300, $"only {dark} dark pixels in the title strip");
        // The event is shaded: an orange-tinted pixel inside the plot at the event's week.
        Assert.Contains(Enumerable.Range(100, 1000), x => bitmap.GetPixel(x, 300) is var p && p.Red > 240 && p.Green > 220 && p.Blue < 230);

        var page = File.ReadAllText(html);
        Assert.StartsWith("<!DOCTYPE html>", page);
        Assert.Contains("src=\"data:image/png;base64,", page);
        Assert.DoesNotContain("<script", page);
        Assert.Contains("<dd>v1 (every label in this report; versions are never mixed)</dd>", page);
        Assert.Contains("ISO weeks in Asia/Almaty", page);
        Assert.Contains("1 document(s) without a trusted publication time left out", page);
        Assert.Contains("<td class=\"l\">share_emigration_related</td>", page);
        Assert.Contains("50.0% (2/4)", page);   // W01's emigration-related share with its counts
    }
}
