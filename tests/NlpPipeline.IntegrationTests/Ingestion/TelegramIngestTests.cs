using NlpPipeline.Cli;
using NlpPipeline.IntegrationTests.Infrastructure;

namespace NlpPipeline.IntegrationTests.Ingestion;

/// <summary>
/// Public Telegram channels through their web preview, served on loopback from hand-written t.me/s
/// pages: paging with ?before=, the page limit, the nightly run that reads only new posts, and a
/// channel whose markup changed.
/// </summary>
public sealed class TelegramIngestTests : IAsyncLifetime
{
    private static readonly string Day1 = Path.Combine(TestPaths.Fixtures, "Telegram", "day1");
    private static readonly string Day2 = Path.Combine(TestPaths.Fixtures, "Telegram", "day2");

    private readonly TempDir _dir = new();
    private readonly List<FixtureServer> _servers = [];
    private string Db => _dir.File("nlp.db");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var s in _servers) await s.DisposeAsync();
        _dir.Dispose();
    }

    private (FixtureServer Server, AppEnvironment Env) Serve(string folder)
    {
        var server = new FixtureServer(folder);
        _servers.Add(server);
        return (server, new AppEnvironment(TimeProvider.System, server.CreateHandler()));
    }

    private string Sources(params (string Id, string Url)[] channels)
    {
        var path = _dir.File("sources.json");
        var entries = channels.Select(c => $$"""{"id": "{{c.Id}}", "outlet": "{{c.Id}}", "kind": "telegram", "url": "{{c.Url}}"}""");
        File.WriteAllText(path, $$"""{"sources": [{{string.Join(",\n", entries)}}]}""");
        return path;
    }

    private Task<NlpCli.Result> Ingest(AppEnvironment env, string sources, int pages) =>
        NlpCli.RunAsync(env, "ingest", "--sources", sources, "--no-classify", "--telegram-pages", pages.ToString(), "--db", Db);

    private List<Dictionary<string, object?>> Rows(string sql) => SqliteRows.Query(Db, sql);

    [Fact]
    public async Task Ingest_TelegramChannel_StoresTextPostsAsSocialDocumentsUpToThePageLimit()
    {
        var (server, env) = Serve(Day1);
        var sources = Sources(("dala", "http://tme.example/s/dala_zhanalyq"));

        var run = await Ingest(env, sources, pages: 3);

        Assert.Equal(0, run.ExitCode);
        // Three pages of six messages: 3 media-only (video, poll, album) and 1 service message are skipped.
        Assert.Matches(@"dala\s+ok\s+14\s+0\s+0\s+19\s+4\s+no_main_text 1, media_only 3", run.Output);
        var requested = server.Requests.Where(u => !u.EndsWith("/robots.txt", StringComparison.Ordinal)).ToList();
        Assert.Equal(["http://tme.example/s/dala_zhanalyq", "http://tme.example/s/dala_zhanalyq?before=140", "http://tme.example/s/dala_zhanalyq?before=134"], requested);

        var docs = Rows("SELECT canonical_url, published_utc, published_offset_minutes, title, text, language FROM documents ORDER BY canonical_url")
            .ToDictionary(d => (string)d["canonical_url"]!);
        Assert.Equal(14, docs.Count);
        Assert.DoesNotContain("http://tme.example/dala_zhanalyq/143", docs.Keys);   // video without text
        var prices = docs["http://tme.example/dala_zhanalyq/137"];
        Assert.Equal("2026-11-16T08:01:05.000Z", prices["published_utc"]);
        Assert.Equal(0L, prices["published_offset_minutes"]);
        Assert.Null(prices["title"]);
        Assert.StartsWith("Цены на рынке «Зелёный базар», 16 ноября:\nмолоко 1 л — 650 ₸", (string)prices["text"]!);
        Assert.Equal("ru", prices["language"]);
        Assert.Equal("kk", docs["http://tme.example/dala_zhanalyq/129"]["language"]);
        Assert.Equal("en", docs["http://tme.example/dala_zhanalyq/130"]["language"]);

        Assert.Equal("social", Rows("SELECT source_kind FROM sources WHERE id = 'dala'").Single()["source_kind"]);
        var forwarded = Rows("""
            SELECT m.channel, m.message_id, m.views, m.forwarded_from, m.forwarded_from_url, m.links
            FROM post_metadata m JOIN documents d ON d.id = m.document_id WHERE d.canonical_url = 'http://tme.example/dala_zhanalyq/132'
            """).Single();
        Assert.Equal("dala_zhanalyq", forwarded["channel"]);
        Assert.Equal(132L, forwarded["message_id"]);
        Assert.Equal(9400L, forwarded["views"]);
        Assert.Equal("Qaz Ekonomika", forwarded["forwarded_from"]);
        Assert.Equal("https://t.me/qaz_ekonomika/2231", forwarded["forwarded_from_url"]);
        Assert.Equal("""["https://qaz-ekonomika.example/reports/it-relocation-2026"]""", forwarded["links"]);
        Assert.Equal(14L, Rows("SELECT count(*) AS n FROM post_metadata").Single()["n"]);
        Assert.Equal(145L, Rows("SELECT last_message_id FROM telegram_state WHERE source_id = 'dala'").Single()["last_message_id"]);
    }

    [Fact]
    public async Task Ingest_NightlyRun_ReadsOnlyNewPostsAndStopsPagingAtTheLastSeenMessage()
    {
        var sources = Sources(("dala", "http://tme.example/s/dala_zhanalyq"));
        Assert.Equal(0, (await Ingest(Serve(Day1).Env, sources, pages: 3)).ExitCode);
        var (server, env) = Serve(Day2);

        var night = await Ingest(env, sources, pages: 3);

        Assert.Equal(0, night.ExitCode);
        // 146, 147 and 149 are new; 144 and 145 were read last time; 148 is a sticker.
        Assert.Matches(@"dala\s+ok\s+3\s+2\s+0\s+\d+\s+1\s+media_only 1", night.Output);
        Assert.Equal(["http://tme.example/s/dala_zhanalyq"], server.Requests.Where(u => !u.EndsWith("/robots.txt", StringComparison.Ordinal)).ToList());
        Assert.Equal(17L, Rows("SELECT count(*) AS n FROM documents").Single()["n"]);
        Assert.Equal(149L, Rows("SELECT last_message_id FROM telegram_state WHERE source_id = 'dala'").Single()["last_message_id"]);
        // The new views of a post already stored do not store it again.
        Assert.Equal(4100L, Rows("SELECT m.views FROM post_metadata m WHERE m.message_id = 144").Single()["views"]);
    }

    [Fact]
    public async Task Ingest_RerunWithNothingNew_ReadsOnlyTheNewestPageAndStoresNothingTwice()
    {
        var sources = Sources(("dala", "http://tme.example/s/dala_zhanalyq"));
        Assert.Equal(0, (await Ingest(Serve(Day1).Env, sources, pages: 3)).ExitCode);

        var again = await Ingest(Serve(Day1).Env, sources, pages: 3);

        Assert.Matches(@"dala\s+ok\s+0\s+6\s+0", again.Output);   // the newest page is all known: no second page
        Assert.Equal(14L, Rows("SELECT count(*) AS n FROM documents").Single()["n"]);
    }

    [Fact]
    public async Task Ingest_ChannelMarkupChanged_SourceFailsAsParseFailureNotAsNoNewPosts()
    {
        var (_, env) = Serve(Day1);
        var sources = Sources(("dala", "http://tme.example/s/dala_zhanalyq"), ("baga", "http://tme.example/s/baga_monitor"));

        var run = await Ingest(env, sources, pages: 1);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("1 source(s) ok, 1 failed", run.Output);
        Assert.Matches(@"baga\s+FAILED.*http://tme.example/s/baga_monitor: the page answered but holds no message.*markup may have changed", run.Output);
        Assert.Matches(@"dala\s+ok\s+5\s", run.Output);
        var health = Rows("SELECT status, error_class FROM source_runs WHERE source_id = 'baga'").Single();
        Assert.Equal("failed", health["status"]);
        Assert.Equal("telegram_markup", health["error_class"]);
        Assert.Empty(Rows("SELECT * FROM telegram_state WHERE source_id = 'baga'"));
    }
}
