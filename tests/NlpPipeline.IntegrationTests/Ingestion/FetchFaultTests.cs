using Microsoft.Data.Sqlite;
using NlpPipeline.Cli;
using NlpPipeline.Ingestion.Fetching;
using NlpPipeline.IntegrationTests.Infrastructure;

namespace NlpPipeline.IntegrationTests.Ingestion;

/// <summary>
/// Issue 3, fetching: a loopback site that misbehaves on purpose (tests/Fixtures/Faults). Every fault ends
/// as a classified entry in the run summary and the fetch log, the run goes on, nothing is stored twice or
/// half-stored, and a rerun after the site recovers fetches only what is missing.
/// </summary>
public sealed class FetchFaultTests : IAsyncLifetime
{
    private readonly TempDir _dir = new();
    private FixtureServer _server = null!;
    private AppEnvironment _env = null!;
    private RecordingHandler _client = null!;
    private string Db => _dir.File("nlp.db");
    private static string Faults => Path.Combine(TestPaths.Fixtures, "Faults");

    public Task InitializeAsync()
    {
        _server = new FixtureServer(Faults);
        _client = new RecordingHandler(_server.CreateHandler());
        _env = new AppEnvironment(TimeProvider.System, _client);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _dir.Dispose();
    }

    private Task<NlpCli.Result> Ingest(string sourcesFile, params string[] extra) =>
        NlpCli.RunAsync(_env, ["ingest", "--sources", Path.Combine(Faults, sourcesFile), "--no-classify", "--db", Db, .. extra]);

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

    /// <summary>The fetch log of a run: every row per URL in order.</summary>
    private ILookup<string, (string Outcome, long? Status, string? Detail)> FetchLog(long run) =>
        Rows($"SELECT url, outcome, status, detail FROM fetch_log WHERE run_id = {run} ORDER BY id")
            .ToLookup(r => (string)r["url"]!, r => ((string)r["outcome"]!, (long?)r["status"], (string?)r["detail"]));

    private List<FixtureServer.ReceivedRequest> Drain()
    {
        var list = new List<FixtureServer.ReceivedRequest>();
        while (_server.Received.TryDequeue(out var r)) list.Add(r);
        while (_server.Requests.TryDequeue(out _)) { }
        return list;
    }

    private const string Site = "http://faulty.example";

    [Fact]
    public async Task Ingest_FaultySite_ClassifiesEveryFaultStoresTheRestAndGoesOn()
    {
        var run = await Ingest("sources.json");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("1 source(s) ok, 0 failed", run.Output);
        Assert.Contains("Documents: 4 new, 0 already stored, 0 duplicate(s)", run.Output);
        var row = run.Output.Split('\n').Single(l => l.TrimStart().StartsWith("faulty ", StringComparison.Ordinal));
        Assert.Matches(@"faulty\s+ok\s+4\s+0\s+0\s+\d+\s+7\s+fetch_failed 6 \(", row);
        foreach (var part in new[] { "http_error 1", "timeout 1", "connection 1", "too_large 1", "redirect_loop 1", "scheme_refused 1", "robots_disallowed 1" })
            Assert.Contains(part, row);
        Assert.Contains("not requested: robots_disallowed 1", run.Output);

        var log = FetchLog(1);
        // Slow response past the 4 s timeout: two attempts (retries: 1), the first marked as retried.
        Assert.Equal(["timeout", "timeout"], log[$"{Site}/news/slow.html"].Select(r => r.Outcome));
        Assert.Contains("retry 1 of 1", log[$"{Site}/news/slow.html"].First().Detail);
        Assert.DoesNotContain("retry", log[$"{Site}/news/slow.html"].Last().Detail);
        // 500 then 200: succeeds after one retry.
        Assert.Equal([("http_error", (long?)500), ("ok", 200)], log[$"{Site}/news/flaky.html"].Select(r => (r.Outcome, r.Status)));
        // A redirect chain (relative then absolute Location) is followed to the article.
        Assert.Equal(("redirect", (long?)301), log[$"{Site}/news/moved.html"].Select(r => (r.Outcome, r.Status)).Single());
        Assert.Equal(("redirect", (long?)302), log[$"{Site}/news/moved-2.html"].Select(r => (r.Outcome, r.Status)).Single());
        Assert.Equal(("ok", (long?)200), log[$"{Site}/news/chain-end.html"].Select(r => (r.Outcome, r.Status)).Single());
        // A redirect loop is detected, not followed round and round.
        Assert.Equal("redirect", log[$"{Site}/news/loop-a.html"].Single().Outcome);
        Assert.Equal("redirect_loop", log[$"{Site}/news/loop-b.html"].Single().Outcome);
        // 404 is not retried.
        Assert.Equal(("http_error", (long?)404), log[$"{Site}/news/gone.html"].Select(r => (r.Outcome, r.Status)).Single());
        // Connection reset mid-body: retried, then classified.
        Assert.Equal(["connection", "connection"], log[$"{Site}/news/reset.html"].Select(r => r.Outcome));
        // Larger than the 64 KiB cap: not retried, the rest not read.
        var huge = log[$"{Site}/news/huge.html"].Single();
        Assert.Equal(("too_large", (long?)200), (huge.Outcome, huge.Status));
        // A redirect to file:// is refused.
        Assert.Equal("scheme_refused", log[$"{Site}/news/file-redirect.html"].Single().Outcome);
        // robots.txt fetched once; the disallowed page is logged but never requested.
        Assert.Equal(("ok", (long?)200), log[$"{Site}/robots.txt"].Select(r => (r.Outcome, r.Status)).Single());
        Assert.Equal(("robots_disallowed", (long?)null), log[$"{Site}/private/memo.html"].Select(r => (r.Outcome, r.Status)).Single());
        var requests = Drain();
        Assert.DoesNotContain(requests, r => r.Url.Contains("/private/", StringComparison.Ordinal));
        Assert.Single(requests, r => r.Url == $"{Site}/robots.txt");
        Assert.DoesNotContain(requests, r => r.Url.StartsWith("file:", StringComparison.Ordinal));
        // Every request named the project and a contact URL, and offered gzip, deflate and brotli.
        Assert.All(requests, r => Assert.Equal(FetchOptions.DefaultUserAgent, r.Headers["user-agent"]));
        var encodings = requests.First(r => r.Url == $"{Site}/feed.xml").Headers["accept-encoding"];
        foreach (var e in new[] { "gzip", "deflate", "br" }) Assert.Contains(e, encodings);

        // The brotli feed, the gzip page and the deflate page were decoded; each story stored once, whole.
        var docs = Rows("SELECT fetched_url, text FROM documents ORDER BY id").ToDictionary(d => (string)d["fetched_url"]!, d => (string)d["text"]!);
        Assert.Equal(
            new[] { "deflate.html", "flaky.html", "gzip.html", "moved.html" }.Select(n => $"{Site}/news/{n}").Order(),
            docs.Keys.Order());
        Assert.Contains("At a community meeting in Zhanaozen", docs[$"{Site}/news/gzip.html"]);
        Assert.Contains("weekend language classes", docs[$"{Site}/news/deflate.html"]);
        Assert.Contains("European degree", docs[$"{Site}/news/moved.html"]);
        Assert.Equal(0L, Rows("SELECT count(*) AS n FROM documents d WHERE NOT EXISTS (SELECT 1 FROM passages p WHERE p.document_id = d.id)").Single()["n"]);
        var runRow = Rows("SELECT status, documents_new, errors, summary_json FROM ingestion_runs").Single();
        Assert.Equal("completed", runRow["status"]);
        Assert.Equal(7L, runRow["errors"]);
        Assert.Contains("\"timeout\":1", (string)runRow["summary_json"]!);
    }

    [Fact]
    public async Task Ingest_RerunAfterSiteRecovers_FetchesOnlyTheMissingThenFeedIsNotModified()
    {
        Assert.Equal(0, (await Ingest("sources.json")).ExitCode);
        Drain();
        _server.Faulty = false;

        var second = await Ingest("sources.json");

        Assert.Equal(0, second.ExitCode);
        Assert.Contains("Documents: 6 new, 4 already stored, 0 duplicate(s)", second.Output);
        var requested = Drain();
        var articles = requested.Select(r => r.Url).Where(u => u != $"{Site}/robots.txt" && u != $"{Site}/feed.xml").Order().ToList();
        Assert.Equal(
            new[] { "file-redirect", "gone", "huge", "loop-a", "reset", "slow" }.Select(n => $"{Site}/news/{n}.html").Order(),
            articles);
        // The first run had failures, so it kept no validators: this feed request was unconditional.
        Assert.False(requested.Single(r => r.Url == $"{Site}/feed.xml").Headers.ContainsKey("if-none-match"));
        var counts = Rows("SELECT count(*) AS n, count(DISTINCT fetched_url) AS urls, count(DISTINCT canonical_url) AS canon FROM documents").Single();
        Assert.Equal(10L, counts["n"]);
        Assert.Equal(10L, counts["urls"]);
        Assert.Equal(10L, counts["canon"]);
        Assert.Equal(0L, Rows("SELECT count(*) AS n FROM documents WHERE text LIKE '%robots.txt rules for this site were ignored%'").Single()["n"]);

        // Everything is settled now (only the robots-disallowed item is missing, by choice): the third run
        // sends the stored ETag, gets 304, parses nothing and requests no article.
        var third = await Ingest("sources.json");

        Assert.Equal(0, third.ExitCode);
        Assert.Contains("Documents: 0 new, 0 already stored", third.Output);
        Assert.Contains("feeds not modified: 1", third.Output);
        Assert.Matches(@"faulty\s+ok\s+0\s+0\s+0\s+0\s+0\s+not modified", third.Output);
        var last = Drain();
        Assert.Equal([$"{Site}/feed.xml"], last.Select(r => r.Url).Where(u => !u.EndsWith("/robots.txt", StringComparison.Ordinal)));
        Assert.Equal("\"feed-v1\"", last.Single(r => r.Url == $"{Site}/feed.xml").Headers["if-none-match"]);
        Assert.Equal("Tue, 01 Mar 2022 09:00:00 GMT", last.Single(r => r.Url == $"{Site}/feed.xml").Headers["if-modified-since"]);
        Assert.Equal(("not_modified", (long?)304), FetchLog(3)[$"{Site}/feed.xml"].Select(r => (r.Outcome, r.Status)).Single());
        Assert.Equal(10L, Rows("SELECT count(*) AS n FROM documents").Single()["n"]);
        Assert.Equal("\"feed-v1\"", Rows("SELECT etag FROM http_cache WHERE url = 'http://faulty.example/feed.xml'").Single()["etag"]);
    }

    [Fact]
    public async Task Ingest_429And503WithRetryAfter_WaitsAsAskedAndGivesUpBeyondTheCap()
    {
        var run = await Ingest("busy.json");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Documents: 2 new", run.Output);
        var requests = Drain();
        DateTimeOffset[] Times(string path) => requests.Where(r => r.Url == "http://busy.example" + path).Select(r => r.At).ToArray();
        // Retry-After: 1 (seconds form).
        var a = Times("/a.html");
        Assert.Equal(2, a.Length);
        Assert.InRange((a[1] - a[0]).TotalSeconds, 0.98, 10);
        // Retry-After as an HTTP-date about two seconds ahead (whole seconds, so 1–2 s from now).
        var b = Times("/b.html");
        Assert.Equal(2, b.Length);
        Assert.InRange((b[1] - b[0]).TotalSeconds, 0.9, 10);
        // Retry-After: 3600 is over the 10 s cap: given up after one request, classified.
        Assert.Single(Times("/c.html"));
        var c = FetchLog(1)["http://busy.example/c.html"].Single();
        Assert.Equal(("rate_limited", (long?)429), (c.Outcome, c.Status));
        Assert.Contains("over the 10 s cap", c.Detail);
        Assert.Matches(@"busy-c\s+ok\s+0\s+0\s+0\s+0\s+1\s+fetch_failed 1 \(rate_limited 1\)", run.Output);
        var retried = FetchLog(1)["http://busy.example/a.html"].First();
        Assert.Equal(("rate_limited", (long?)429), (retried.Outcome, retried.Status));
        Assert.Contains("retry 1 of 2 in 1 s", retried.Detail);
    }

    [Fact]
    public async Task Ingest_HostKeepsFailing_IsBackedOffAndRobotsUnreachableMeansDisallowed()
    {
        var run = await Ingest("down.json");

        Assert.Equal(0, run.ExitCode);
        var requested = Drain().Select(r => r.Url).ToList();
        // host_failure_limit 3, retries 1: three stories tried twice each, the last two never asked for.
        foreach (var i in new[] { 1, 2, 3 }) Assert.Equal(2, requested.Count(u => u == $"http://down.example/{i}.html"));
        Assert.DoesNotContain("http://down.example/4.html", requested);
        Assert.DoesNotContain("http://down.example/5.html", requested);
        var log = FetchLog(1);
        Assert.Equal(("host_backed_off", (long?)null), log["http://down.example/4.html"].Select(r => (r.Outcome, r.Status)).Single());
        Assert.Equal(("host_backed_off", (long?)null), log["http://down.example/5.html"].Select(r => (r.Outcome, r.Status)).Single());
        Assert.Equal(("http_error", (long?)500), log["http://down.example/3.html"].Select(r => (r.Outcome, r.Status)).Last());
        Assert.Contains("Hosts backed off for the rest of the run: down.example", run.Output);
        Assert.Matches(@"hub\s+ok\s+0\s+0\s+0\s+0\s+5\s+fetch_failed 3 \(http_error 3\), host_backed_off 2", run.Output);

        // robots.txt answering 503 (after its retry): the site is treated as disallowed, the page never requested.
        Assert.Equal(2, requested.Count(u => u == "http://norobots.example/robots.txt"));
        Assert.DoesNotContain("http://norobots.example/page.html", requested);
        var page = log["http://norobots.example/page.html"].Single();
        Assert.Equal("robots_disallowed", page.Outcome);
        Assert.Contains("robots.txt unreachable (HTTP 503)", page.Detail);
        Assert.Matches(@"norobots\s+ok\s+0\s+0\s+0\s+0\s+1\s+robots_disallowed 1", run.Output);
    }

    [Fact]
    public async Task Ingest_PerHostInterval_SpacesRequestsToOneHostWhileHostsOverlap()
    {
        const string agent = "KzResearchBot/2.0 (+https://lab.example/contact)";

        var run = await Ingest("polite.json", "--user-agent", agent);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Documents: 4 new", run.Output);
        Assert.All(Drain(), r => Assert.Equal(agent, r.Headers["user-agent"]));
        // Spacing is measured where requests leave the client (after the politeness wait). A request is stamped
        // once it is built, so the first, cold one can be stamped a few ms late: allow 30 ms.
        var sent = _client.Sent.ToList();
        var a = sent.Where(r => r.Url.StartsWith("http://a.polite.example/", StringComparison.Ordinal)).OrderBy(r => r.At).ToList();
        var b = sent.Where(r => r.Url.StartsWith("http://b.polite.example/", StringComparison.Ordinal)).OrderBy(r => r.At).ToList();
        Assert.Equal(["http://a.polite.example/robots.txt", "http://a.polite.example/1.html", "http://a.polite.example/2.html"], a.Select(r => r.Url));
        Assert.Equal(3, b.Count);
        // Host a: its robots.txt gives our product token a Crawl-delay of 1 s (the "*" group's 5 s does not apply to us).
        // Only lower bounds are timed: a gap may also hold the previous page's extraction and storing (and, in a cold
        // process, loading the language models), so the chosen delay itself is read from the log.
        Assert.Contains("http://a.polite.example asks for a crawl delay of 1 s", run.Error);
        for (var i = 1; i < a.Count; i++) Assert.True((a[i].At - a[i - 1].At).TotalSeconds >= 0.97, $"host a: gap {i} too short: {(a[i].At - a[i - 1].At).TotalSeconds:0.000} s");
        // Host b: the configured interval of 0.3 s.
        for (var i = 1; i < b.Count; i++) Assert.True((b[i].At - b[i - 1].At).TotalSeconds >= 0.27, $"host b: gap {i} too short: {(b[i].At - b[i - 1].At).TotalSeconds:0.000} s");
        // The two hosts proceed in parallel: b's pages are fetched while a is still waiting out its delay.
        Assert.True(b[1].At < a[^1].At, $"b's first page at {b[1].At}, a's last page at {a[^1].At}");
    }

    [Fact]
    public async Task Ingest_UserAgentWithoutContactUrl_IsAUsageError()
    {
        var run = await Ingest("polite.json", "--user-agent", "KzResearchBot/2.0");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--user-agent: user_agent \"KzResearchBot/2.0\" must include a contact URL", run.Error);
        Assert.Empty(Drain());
    }
}
