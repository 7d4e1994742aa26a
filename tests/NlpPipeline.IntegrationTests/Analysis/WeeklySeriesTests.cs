using System.Text.Json;
using NlpPipeline.Core.Analysis;
using NlpPipeline.IntegrationTests.Infrastructure;
using NlpPipeline.Storage;

namespace NlpPipeline.IntegrationTests.Analysis;

/// <summary>nlp report weekly on a hand-made SQLite store whose figures are known (see <see cref="HandMadeStore"/>).</summary>
public sealed class WeeklySeriesTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly string _db;
    private readonly HandMadeStore _store;

    public WeeklySeriesTests()
    {
        _db = _dir.File("nlp.db");
        using var db = NlpDatabase.Open(_db);
        _store = HandMadeStore.Create(db);
        var scores = _store.V1Scores();
        new PredictionStore(db).Save(scores.Take(3).ToList());
        new PredictionStore(db).Save(scores.Skip(3).ToList());
    }

    public void Dispose() => _dir.Dispose();

    private async Task<JsonElement> Json(params string[] args)
    {
        var r = await NlpCli.RunAsync(["report", "weekly", "--db", _db, "--format", "json", .. args]);
        Assert.True(r.ExitCode == 0, r.Error);
        return JsonDocument.Parse(r.Output).RootElement;
    }

    private static (long Count, long Of, double? Share) Share(JsonElement e) =>
        (e.GetProperty("count").GetInt64(), e.GetProperty("of").GetInt64(), e.GetProperty("share").ValueKind == JsonValueKind.Null ? null : e.GetProperty("share").GetDouble());

    [Fact]
    public async Task ReportWeekly_HandMadeStore_KnownCountsSharesAndInterval()
    {
        var root = await Json();
        var weeks = root.GetProperty("weeks").EnumerateArray().ToList();

        Assert.Equal("v1", root.GetProperty("model_version").GetString());
        Assert.Equal("Asia/Almaty", root.GetProperty("time_zone").GetString());
        Assert.Equal("aggregates", root.GetProperty("computed_from").GetString());
        Assert.Equal(["2022-W01", "2022-W02"], weeks.Select(w => w.GetProperty("week").GetString()));
        var w1 = weeks[0];
        Assert.Equal(2, w1.GetProperty("documents").GetInt32());          // A and B; E is A's duplicate
        Assert.Equal(4, w1.GetProperty("passages").GetInt32());
        var mean = w1.GetProperty("mean_sentiment");
        // -0.6, 0, -0.4, 0.5: mean -0.125, sd 0.4856267, t(0.975, 3) = 3.1824463
        Assert.Equal(-0.125, mean.GetProperty("value").GetDouble(), 4);
        Assert.Equal(Math.Round(-0.125 - 3.1824463 * 0.4856267 / 2, 4), mean.GetProperty("low").GetDouble(), 4);
        Assert.Equal(Math.Round(-0.125 + 3.1824463 * 0.4856267 / 2, 4), mean.GetProperty("high").GetDouble(), 4);
        Assert.Equal((2L, 4L, 0.5), Share(w1.GetProperty("sentiment").GetProperty("negative")));
        Assert.Equal((1L, 4L, 0.25), Share(w1.GetProperty("sentiment").GetProperty("positive")));
        Assert.Equal((2L, 4L, 0.5), Share(w1.GetProperty("emigration_related")));
        Assert.Equal((1L, 2L, 0.5), Share(w1.GetProperty("intents_among_related").GetProperty("considering")));
        Assert.Equal((1L, 2L, 0.5), Share(w1.GetProperty("intents_among_related").GetProperty("planning")));
        Assert.Equal((0L, 2L, 0.0), Share(w1.GetProperty("intents_among_related").GetProperty("departed")));
        Assert.Equal((2L, 4L, 0.5), Share(w1.GetProperty("topics").GetProperty("jobs")));
        Assert.Equal((1L, 4L, 0.25), Share(w1.GetProperty("topics").GetProperty("security")));
        var w2 = weeks[1];
        Assert.Equal(1, w2.GetProperty("documents").GetInt32());
        Assert.Equal(-0.2, w2.GetProperty("mean_sentiment").GetProperty("value").GetDouble(), 4);
        Assert.Equal(JsonValueKind.Null, w2.GetProperty("mean_sentiment").GetProperty("low").ValueKind);   // one passage: no interval
        Assert.Equal((0L, 0L, null), Share(w2.GetProperty("intents_among_related").GetProperty("departed")));
        Assert.Equal(1, w2.GetProperty("undated_excluded").GetInt32());   // D, fetched in W02
        Assert.Equal(1, root.GetProperty("undated_excluded").GetInt32());
    }

    [Fact]
    public async Task ReportWeekly_IncludeUndated_PlacesDocumentByFetchWeek()
    {
        var w2 = (await Json("--include-undated")).GetProperty("weeks")[1];

        Assert.Equal(2, w2.GetProperty("documents").GetInt32());
        Assert.Equal(2, w2.GetProperty("passages").GetInt32());
        Assert.Equal(1, w2.GetProperty("dated_by_fetch").GetInt32());
        Assert.Equal(0, w2.GetProperty("undated_excluded").GetInt32());
        Assert.Equal((1L, 1L, 1.0), Share(w2.GetProperty("intents_among_related").GetProperty("departed")));
        Assert.Equal(0.05, w2.GetProperty("mean_sentiment").GetProperty("value").GetDouble(), 4);
    }

    [Theory]
    [InlineData("language", "2022-W01|kk|1|1;2022-W01|ru|2|3;2022-W01|en|0|0;2022-W02|en|1|1;2022-W02|kk|0|0;2022-W02|ru|0|0")]
    [InlineData("outlet", "2022-W01|Kaz News|1|2;2022-W01|Kaz TG|1|2;2022-W02|Kaz News|1|1;2022-W02|Kaz TG|0|0")]
    [InlineData("source-kind", "2022-W01|news|1|2;2022-W01|social|1|2;2022-W02|news|1|1;2022-W02|social|0|0")]
    public async Task ReportWeekly_By_OneCsvRowPerWeekAndGroupWithDocumentsPerGroup(string by, string expected)
    {
        var r = await NlpCli.RunAsync("report", "weekly", "--db", _db, "--format", "csv", "--by", by);
        Assert.True(r.ExitCode == 0, r.Error);
        var lines = r.Output.Trim().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var header = lines[0].Split(',');
        Assert.Equal(by.Replace('-', '_'), header[2]);
        int docs = Array.IndexOf(header, "documents"), passages = Array.IndexOf(header, "passages");
        var rows = lines.Skip(1).Select(l => l.Split(',')).Select(f => $"{f[0]}|{f[2]}|{f[docs]}|{f[passages]}").ToHashSet();
        Assert.Equal(expected.Split(';').ToHashSet(), rows);
    }

    [Fact]
    public async Task ReportWeekly_ByLanguage_UndatedExcludedCountedInItsLanguage()
    {
        var weeks = (await Json("--by", "language")).GetProperty("weeks").EnumerateArray()
            .ToDictionary(w => (w.GetProperty("week").GetString(), w.GetProperty("group").GetString()));
        Assert.Equal(1, weeks[("2022-W02", "ru")].GetProperty("undated_excluded").GetInt32());
        Assert.Equal(0, weeks[("2022-W02", "en")].GetProperty("undated_excluded").GetInt32());
    }

    [Fact]
    public async Task ReportWeekly_SecondVersionScoredLess_SeriesUsesOneVersionAndStatesTheOther()
    {
        using (var db = NlpDatabase.Open(_db))
        {
            HandMadeStore.RegisterModel(db, HandMadeStore.V2);
            new PredictionStore(db).Save(_store.V1Scores().Take(2).Select(s => (s.Item1, s.Item2 with { ModelVersion = HandMadeStore.V2 })).ToList());
        }

        var latest = await Json();
        Assert.Equal("v2", latest.GetProperty("model_version").GetString());
        Assert.Equal(2, latest.GetProperty("weeks")[0].GetProperty("passages").GetInt32());     // A only, never mixed with v1's B
        var other = Assert.Single(latest.GetProperty("other_model_versions").EnumerateArray());
        Assert.Equal("v1", other.GetProperty("version").GetString());
        Assert.Equal(3, other.GetProperty("passages_not_in_series").GetInt32());                // B's two and C's one (D is undated)
        var table = await NlpCli.RunAsync("report", "weekly", "--db", _db);
        Assert.Contains("Note: model v1 has scored 3 passage(s) in this range that v2 has not; they are not in this series", table.Output);

        var v1 = await Json("--model-version", "v1");
        Assert.Equal(4, v1.GetProperty("weeks")[0].GetProperty("passages").GetInt32());
        Assert.Empty(v1.GetProperty("other_model_versions").EnumerateArray());

        var unknown = await NlpCli.RunAsync("report", "weekly", "--db", _db, "--model-version", "v9");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("Model version 'v9' is not registered", unknown.Error);
    }

    [Fact]
    public async Task ReportWeekly_OtherTimeZone_ComputedByScanWithTheSameFigures()
    {
        var almaty = await Json();
        var utc = await Json("--time-zone", "Etc/UTC");

        Assert.Equal("scan", utc.GetProperty("computed_from").GetString());
        Assert.Equal("Etc/UTC", utc.GetProperty("time_zone").GetString());
        Assert.Equal(almaty.GetProperty("weeks").ToString(), utc.GetProperty("weeks").ToString());   // no document near midnight
        Assert.Equal(almaty.GetProperty("undated_excluded").GetInt32(), utc.GetProperty("undated_excluded").GetInt32());

        var bad = await NlpCli.RunAsync("report", "weekly", "--db", _db, "--time-zone", "Mars/Olympus");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("'Mars/Olympus' is not a time zone", bad.Error);
    }

    [Fact]
    public async Task ReportWeekly_BadBy_UsageError()
    {
        var r = await NlpCli.RunAsync("report", "weekly", "--db", _db, "--by", "author");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--by: 'author' is not one of language, outlet, source-kind", r.Error);
    }

    [Fact]
    public async Task ExportWeekly_CsvJsonlParquet_SameRowsAsTheReport()
    {
        var csv = _dir.File("weeks.csv");
        var jsonl = _dir.File("weeks.jsonl");

        var a = await NlpCli.RunAsync("export", "weekly", "--db", _db, "--format", "csv", "--out", csv, "--by", "outlet");
        var b = await NlpCli.RunAsync("export", "weekly", "--db", _db, "--format", "jsonl", "--out", jsonl, "--by", "outlet");

        Assert.True(a.ExitCode == 0, a.Error);
        Assert.Contains("Exported 4 row(s) of the weekly series (model v1, weeks in Asia/Almaty)", a.Output);
        Assert.Equal(0, b.ExitCode);
        var lines = File.ReadAllLines(csv);
        Assert.Equal(5, lines.Length);
        Assert.StartsWith("week,week_start,outlet,model_version,documents,passages,", lines[0]);
        Assert.StartsWith("2022-W01,2022-01-03,Kaz News,v1,1,2,-0.3,", lines[1]);
        var objects = File.ReadAllLines(jsonl).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(4, objects.Count);
        Assert.Equal("Kaz TG", objects[1].GetProperty("outlet").GetString());
        Assert.Equal(2, objects[1].GetProperty("passages").GetInt32());
        Assert.Equal(0.5, objects[1].GetProperty("share_emigration_related").GetDouble());

        var parquetFile = _dir.File("weeks.parquet");
        var c = await NlpCli.RunAsync("export", "weekly", "--db", _db, "--format", "parquet", "--out", parquetFile, "--by", "outlet");
        Assert.True(c.ExitCode == 0, c.Error);
        var read = await DuckDbParquet.ReadAsync(parquetFile);
        read.AssertSameAs(CsvText.Parse(await File.ReadAllTextAsync(csv)));
        Assert.Equal("DATE", read.TypeOf("week_start"));
        Assert.Equal("BIGINT", read.TypeOf("passages"));
        Assert.Equal("DOUBLE", read.TypeOf("share_emigration_related"));

        var noOut = await NlpCli.RunAsync("export", "weekly", "--db", _db);
        Assert.Equal(2, noOut.ExitCode);
        var xlsx = await NlpCli.RunAsync("export", "weekly", "--db", _db, "--out", csv, "--format", "xlsx");
        Assert.Equal(2, xlsx.ExitCode);
    }
}
