using System.Text.Json;
using Microsoft.Data.Sqlite;
using NlpPipeline.Cli;
using NlpPipeline.IntegrationTests.Infrastructure;

namespace NlpPipeline.IntegrationTests.Ingestion;

/// <summary>
/// ingest → classify → report → export over real HTTP on loopback, with fixture sites that include a
/// windows-1251 feed without an HTTP charset, Russian month names, a failing page, a 404 feed, an HTML
/// page posing as a feed, the same story under two URLs and a syndicated copy.
/// </summary>
[Collection(ModelCollection.Name)]
public sealed class LoopbackPipelineTests(TrainedModelFixture model) : IAsyncLifetime
{
    private readonly TempDir _dir = new();
    private FixtureServer _server = null!;
    private AppEnvironment _env = null!;
    private string Db => _dir.File("nlp.db");
    private string Sources => Path.Combine(TestPaths.Sites, "sources.json");

    public Task InitializeAsync()
    {
        _server = new FixtureServer(TestPaths.Sites);
        _env = new AppEnvironment(TimeProvider.System, _server.CreateHandler());
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _dir.Dispose();
    }

    private Task<NlpCli.Result> Nlp(params string[] args) => NlpCli.RunAsync(_env, [.. args, "--db", Db]);

    private List<Dictionary<string, object?>> Rows(string sql)
    {
        using var c = new SqliteConnection($"Data Source={Db};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        using var r = cmd.ExecuteReader();
        var rows = new List<Dictionary<string, object?>>();
        while (r.Read())
            rows.Add(Enumerable.Range(0, r.FieldCount).ToDictionary(r.GetName, i => r.IsDBNull(i) ? null : r.GetValue(i)));
        return rows;
    }

    [Fact]
    public async Task Ingest_FixtureSites_StoresEachStoryOnceWithDatesLanguagesAndPredictions()
    {
        var run = await Nlp("ingest", "--sources", Sources, "--model", model.ModelsDir);

        Assert.Equal(0, run.ExitCode);
        Assert.True(run.Output.Contains("Documents: 7 new"), run.Output);
        Assert.Contains("4 source(s) ok, 2 failed", run.Output);
        Assert.Contains("Documents: 7 new, 1 already stored, 1 duplicate(s)", run.Output);
        Assert.Matches(@"gone\s+FAILED.*HTTP 404", run.Output);
        Assert.Matches(@"not-a-feed\s+FAILED.*not a readable RSS, Atom or JSON feed", run.Output);
        Assert.Matches(@"qazaqline\s+ok\s+2\s+0\s+0\s+\d+\s+1\s+fetch_failed 1 \(http_error 1\)", run.Output);

        var docs = Rows("SELECT canonical_url, source_id, published_utc, published_offset_minutes, language, duplicate_of, title FROM documents ORDER BY id");
        Assert.Equal(8, docs.Count);
        var byUrl = docs.ToDictionary(d => (string)d["canonical_url"]!);
        // windows-1251 feed without charset in HTTP, Russian month name in pubDate: decoded, dated with its offset.
        var passport = byUrl["https://sibir.example/news/zagranpasporta.html"];
        Assert.Equal("Очереди в ЦОНах: павлодарцы массово оформляют загранпаспорта", passport["title"]);
        Assert.Equal("2022-01-17T06:30:00.000Z", passport["published_utc"]);
        Assert.Equal(360L, passport["published_offset_minutes"]);
        Assert.Equal("ru", passport["language"]);
        Assert.Equal("kk", byUrl["https://qazaqline.example/kk/2022/01/02/gaz-bagasy"]["language"]);
        Assert.Equal("en", byUrl["https://steppewire.example/stories/cafes"]["language"]);
        // Page source without rel=canonical: identified by its URL, dated from article:published_time.
        Assert.Equal("2022-01-28T14:00:00.000Z", byUrl["http://misc.example/opinion/staying.html"]["published_utc"]);
        // The syndicated copy is recorded as a duplicate of the original story.
        var original = Rows("SELECT id FROM documents WHERE canonical_url = 'https://steppewire.example/stories/relocation'").Single()["id"];
        Assert.Equal(original, byUrl["https://misc.example/mirror/relocation-copy"]["duplicate_of"]);

        // Main text only: furniture and comments are not in any passage.
        var passages = Rows("SELECT p.text, p.language FROM passages p JOIN documents d ON d.id = p.document_id WHERE d.canonical_url = 'https://sibir.example/news/zagranpasporta.html' ORDER BY p.ordinal");
        Assert.Equal(3, passages.Count);
        Assert.StartsWith("С начала года в центры обслуживания", (string)passages[0]["text"]!);
        Assert.DoesNotContain(Rows("SELECT text FROM passages"), p => ((string)p["text"]!).Contains("Все, кто мог, уже уехали") || ((string)p["text"]!).Contains("Жарнама") || ((string)p["text"]!).Contains("cookies"));

        // Every passage of every original document has one prediction from the model.
        var counts = Rows("SELECT (SELECT count(*) FROM passages) AS p, (SELECT count(*) FROM predictions) AS x, (SELECT count(DISTINCT model_version) FROM predictions) AS m").Single();
        Assert.Equal(counts["p"], counts["x"]);
        Assert.Equal(1L, counts["m"]);
        var probs = Rows("SELECT intent_probs, sentiment_probs, sentiment_score FROM predictions");
        foreach (var p in probs)
        {
            var intent = JsonSerializer.Deserialize<Dictionary<string, double>>((string)p["intent_probs"]!)!;
            Assert.Equal(6, intent.Count);
            Assert.InRange(intent.Values.Sum(), 0.999, 1.001);
            var sentiment = JsonSerializer.Deserialize<Dictionary<string, double>>((string)p["sentiment_probs"]!)!;
            // Each stored number is rounded to 6 decimals on its own, so they agree to within 2e-6.
            Assert.InRange(Math.Abs(sentiment["positive"] - sentiment["negative"] - (double)p["sentiment_score"]!), 0, 2e-6);
        }

        // Bookkeeping: the run and every request are logged.
        var runRow = Rows("SELECT status, sources_ok, sources_failed, documents_new, errors FROM ingestion_runs").Single();
        Assert.Equal("completed", runRow["status"]);
        Assert.Equal(4L, runRow["sources_ok"]);
        Assert.Equal(2L, runRow["sources_failed"]);
        Assert.Equal(7L, runRow["documents_new"]);
        Assert.Contains(Rows("SELECT url, status, outcome FROM fetch_log"), f => (string)f["url"]! == "http://qazaqline.example/kk/articles/broken.html" && (long?)f["status"] == 500 && (string)f["outcome"]! == "http_error");
    }

    [Fact]
    public async Task Ingest_Rerun_StoresNothingTwiceAndDoesNotRefetchKnownArticles()
    {
        Assert.Equal(0, (await Nlp("ingest", "--sources", Sources, "--model", model.ModelsDir)).ExitCode);
        var before = Rows("SELECT count(*) AS n FROM documents").Single()["n"];
        while (_server.Requests.TryDequeue(out _)) { }

        var again = await Nlp("ingest", "--sources", Sources, "--model", model.ModelsDir);

        Assert.Equal(0, again.ExitCode);
        Assert.Contains("Documents: 0 new", again.Output);
        Assert.Equal(before, Rows("SELECT count(*) AS n FROM documents").Single()["n"]);
        var requested = _server.Requests.ToList();
        Assert.DoesNotContain("http://qazaqline.example/kk/articles/gaz-bagasy.html", requested);
        Assert.DoesNotContain("http://sibir.example/news/snegopad.html", requested);
        Assert.Contains("http://qazaqline.example/kk/rss.xml", requested);
        Assert.Contains("Every passage already has a prediction", again.Error);
        Assert.Equal(2L, Rows("SELECT count(*) AS n FROM ingestion_runs").Single()["n"]);
    }

    [Fact]
    public async Task IngestWithoutModelThenClassify_LabelsOnlyUnscoredPassages()
    {
        var ingest = await Nlp("ingest", "--sources", Sources, "--no-classify");
        Assert.Equal(0, ingest.ExitCode);
        Assert.Contains("stored without predictions", ingest.Output);
        Assert.Equal(0L, Rows("SELECT count(*) AS n FROM predictions").Single()["n"]);

        var classify = await Nlp("classify", "--model", model.ModelsDir);
        Assert.Equal(0, classify.ExitCode);
        var passages = (long)Rows("SELECT count(*) AS n FROM passages").Single()["n"]!;
        Assert.Contains($"Classified {passages} passage(s)", classify.Output);

        var again = await Nlp("classify", "--model", model.ModelsDir);
        Assert.Contains("Classified 0 passage(s)", again.Output);
    }

    [Fact]
    public async Task ReportAndExport_AfterIngest_GiveWeeklyRowsAndOneLinePerDocument()
    {
        Assert.Equal(0, (await Nlp("ingest", "--sources", Sources, "--model", model.ModelsDir)).ExitCode);
        var events = await Nlp("events", "load", "--file", Path.Combine(TestPaths.RepoRoot, "corpora", "events.json"));
        Assert.Equal(0, events.ExitCode);
        Assert.Contains("Loaded 8 event(s)", events.Output);

        var csv = await Nlp("report", "weekly", "--from", "2021-12-13", "--to", "2022-02-13", "--format", "csv");
        Assert.Equal(0, csv.ExitCode);
        var lines = csv.Output.Trim().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.StartsWith("week,week_start,model_version,documents,passages,mean_sentiment,mean_sentiment_low,mean_sentiment_high,negative,neutral,positive,share_negative", lines[0]);
        Assert.Equal(9, lines.Count - 1);                     // 2021-W50 .. 2022-W06, empty weeks included
        var header = lines[0].Split(',');
        int docsAt = Array.IndexOf(header, "documents"), meanAt = Array.IndexOf(header, "mean_sentiment"), eventsAt = Array.IndexOf(header, "events");
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToDictionary(f => f[0]);
        Assert.Equal("1", rows["2021-W50"][docsAt]);            // the snowstorm, 14 December
        Assert.Equal("1", rows["2021-W52"][docsAt]);            // Zhanaozen gas prices, Sunday 2 January
        Assert.Equal("2", rows["2022-W03"][docsAt]);            // passport queues (17 Jan) and IT relocation (20 Jan); its mirrored copy is not counted
        Assert.Equal("2", rows["2022-W04"][docsAt]);            // the letter from Poland (25 Jan) and the opinion page (28 Jan)
        Assert.Equal("0", rows["2022-W02"][docsAt]);
        Assert.Equal("", rows["2022-W02"][meanAt]);             // no passages: no mean
        Assert.Equal("0", rows["2022-W01"][docsAt]);
        Assert.Contains("January 2022 unrest", rows["2022-W01"][eventsAt]);
        Assert.Contains("January 2022 unrest", rows["2021-W52"][eventsAt]);
        Assert.Equal("", rows["2022-W04"][eventsAt]);

        var export = _dir.File("docs.jsonl");
        var result = await Nlp("export", "documents", "--format", "jsonl", "--out", export);
        Assert.Equal(0, result.ExitCode);
        var docs = File.ReadAllLines(export).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(8, docs.Count);
        var passport = docs.Single(d => d.GetProperty("canonical_url").GetString() == "https://sibir.example/news/zagranpasporta.html");
        Assert.Equal("2022-01-17T12:30:00+06:00", passport.GetProperty("published").GetString());
        Assert.Equal("sibir", passport.GetProperty("source").GetString());
        Assert.Equal("Sibirskaya Pravda", passport.GetProperty("outlet").GetString());
        Assert.Equal("ru", passport.GetProperty("language").GetString());
        Assert.Equal(JsonValueKind.String, passport.GetProperty("intent").ValueKind);
        Assert.InRange(passport.GetProperty("sentiment_score").GetDouble(), -1, 1);
        var copy = docs.Single(d => d.GetProperty("canonical_url").GetString() == "https://misc.example/mirror/relocation-copy");
        Assert.Equal(JsonValueKind.Number, copy.GetProperty("duplicate_of").ValueKind);
    }
}
