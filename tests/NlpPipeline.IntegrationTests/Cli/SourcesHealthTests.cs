using System.Text.Json;
using NlpPipeline.Cli;
using NlpPipeline.IntegrationTests.Infrastructure;

namespace NlpPipeline.IntegrationTests.Cli;

/// <summary>
/// Source health over loopback: a source failing night after night is flagged (and, when opted in,
/// disabled until re-enabled); a source that answers but yields nothing new is flagged stale. Nights
/// pass on the app's clock.
/// </summary>
public sealed class SourcesHealthTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 21, 1, 0, 0, TimeSpan.Zero);

    private readonly TempDir _dir = new();
    private readonly ManualClock _clock = new(Start);
    private FixtureServer _server = null!;
    private AppEnvironment _env = null!;
    private string Db => _dir.File("nlp.db");

    public Task InitializeAsync()
    {
        _server = new FixtureServer(Path.Combine(TestPaths.Fixtures, "Telegram", "day1"));
        _env = new AppEnvironment(_clock, _server.CreateHandler());
        File.WriteAllText(Sources, """
            {"sources": [
              {"id": "dala", "outlet": "Dala", "kind": "telegram", "url": "http://tme.example/s/dala_zhanalyq"},
              {"id": "closed", "outlet": "Closed channel", "kind": "telegram", "url": "http://tme.example/s/closed_channel"}
            ]}
            """);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _dir.Dispose();
    }

    private string Sources => _dir.File("sources.json");

    private Task<NlpCli.Result> Nlp(params string[] args) => NlpCli.RunAsync(_env, [.. args, "--db", Db]);

    private async Task<NlpCli.Result> Night(params string[] extra)
    {
        var run = await Nlp(["ingest", "--sources", Sources, "--no-classify", "--telegram-pages", "3", .. extra]);
        _clock.Advance(TimeSpan.FromDays(1));
        return run;
    }

    private async Task<Dictionary<string, JsonElement>> Health(params string[] extra)
    {
        var result = await Nlp(["sources", "health", "--format", "json", .. extra]);
        Assert.Equal(0, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Output);
        return doc.RootElement.GetProperty("sources").EnumerateArray().ToDictionary(s => s.GetProperty("id").GetString()!, s => s.Clone());
    }

    [Fact]
    public async Task Health_SourceFailingThreeRunsInARow_IsFlaggedAndWarnedLoudly()
    {
        var first = await Night();
        var second = await Night();
        Assert.DoesNotContain("WARNING", first.Output + second.Output);
        var before = await Health();
        Assert.Equal("failed", before["closed"].GetProperty("status").GetString());
        Assert.False(before["closed"].GetProperty("failing").GetBoolean());

        var third = await Night();

        Assert.Equal(0, third.ExitCode);
        Assert.Contains("WARNING: source closed has failed 3 runs in a row (last: http_404: http://tme.example/s/closed_channel: HTTP 404", third.Output);
        Assert.Contains("source closed has failed 3 runs in a row", third.Error);
        var health = await Health();
        var closed = health["closed"];
        Assert.Equal("failing", closed.GetProperty("status").GetString());
        Assert.True(closed.GetProperty("failing").GetBoolean());
        Assert.Equal(3, closed.GetProperty("consecutive_failures").GetInt32());
        Assert.Equal("http_404", closed.GetProperty("last_error_class").GetString());
        Assert.Contains("HTTP 404", closed.GetProperty("last_error").GetString());
        Assert.Equal(JsonValueKind.Null, closed.GetProperty("last_success").ValueKind);
        Assert.False(closed.GetProperty("disabled").GetBoolean());
        var dala = health["dala"];
        Assert.Equal("ok", dala.GetProperty("status").GetString());
        Assert.Equal(0, dala.GetProperty("consecutive_failures").GetInt32());
        Assert.Equal(Start.AddDays(2), dala.GetProperty("last_success").GetDateTimeOffset());
        Assert.Equal(Start, dala.GetProperty("last_new_item").GetDateTimeOffset());

        var table = await Nlp("sources", "health");
        Assert.Matches(@"closed\s+telegram\s+FAILING\s+2026-11-23 01:00Z -\s+-\s+3\s+http_404: ", table.Output);
        Assert.Contains("WARNING: closed has failed 3 runs in a row", table.Output);
        Assert.Contains("2 source(s): 1 FAILING, 1 ok", table.Output);

        // A higher threshold for the report does not call it failing yet.
        Assert.False((await Health("--fail-runs", "4"))["closed"].GetProperty("failing").GetBoolean());
    }

    [Fact]
    public async Task Ingest_AutoDisable_SkipsTheSourceUntilItIsEnabledAgain()
    {
        await Night("--auto-disable", "--fail-runs", "2");
        var second = await Night("--auto-disable", "--fail-runs", "2");
        Assert.Contains("WARNING: source closed has failed 2 runs in a row", second.Output);
        Assert.Contains("disabled: later runs skip it until 'nlp sources enable closed'", second.Output);
        while (_server.Requests.TryDequeue(out _)) { }

        var third = await Night("--auto-disable", "--fail-runs", "2");

        Assert.Equal(0, third.ExitCode);
        Assert.Matches(@"closed\s+DISABLED\s+skipped: disabled since 2026-11-22 01:00Z \(failed 2 runs in a row; last: http_404\); 'nlp sources enable closed' re-enables it", third.Output);
        Assert.Contains("1 source(s) ok, 0 failed", third.Output);
        Assert.DoesNotContain("http://tme.example/s/closed_channel", _server.Requests);
        var health = await Health("--fail-runs", "2");
        Assert.Equal("disabled", health["closed"].GetProperty("status").GetString());
        Assert.Equal(2, health["closed"].GetProperty("consecutive_failures").GetInt32());

        var enable = await Nlp("sources", "enable", "closed");
        Assert.Equal(0, enable.ExitCode);
        Assert.Contains("Source closed is enabled again", enable.Output);
        Assert.Equal(0, (await Health())["closed"].GetProperty("consecutive_failures").GetInt32());

        // Enabled again: fetched again, and one more failure does not disable it at once.
        var fourth = await Night("--auto-disable", "--fail-runs", "2");
        Assert.Contains("http://tme.example/s/closed_channel", _server.Requests);
        Assert.Matches(@"closed\s+FAILED", fourth.Output);
        Assert.DoesNotContain("WARNING", fourth.Output);
        Assert.False((await Health())["closed"].GetProperty("disabled").GetBoolean());

        Assert.Contains("is not disabled", (await Nlp("sources", "enable", "closed")).Output);
        var unknown = await Nlp("sources", "enable", "no-such-source");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("no source 'no-such-source'", unknown.Error);
    }

    [Fact]
    public async Task Health_SourceAnsweringWithoutNewItems_IsFlaggedStaleAfterTheConfiguredDays()
    {
        File.WriteAllText(Sources, """{"sources": [{"id": "dala", "outlet": "Dala", "kind": "telegram", "url": "http://tme.example/s/dala_zhanalyq"}]}""");
        await Night();                                   // day 0: 14 new posts
        _clock.Advance(TimeSpan.FromDays(5));
        await Night();                                   // day 6: answers, nothing new
        Assert.Equal("ok", (await Health())["dala"].GetProperty("status").GetString());

        _clock.Advance(TimeSpan.FromDays(8));            // day 15
        var run = await Night();

        Assert.Matches(@"dala\s+ok\s+0\s+6\s", run.Output);
        var dala = (await Health())["dala"];
        Assert.Equal("stale", dala.GetProperty("status").GetString());
        Assert.True(dala.GetProperty("stale").GetBoolean());
        Assert.Equal(Start, dala.GetProperty("last_new_item").GetDateTimeOffset());
        Assert.Equal(Start.AddDays(15), dala.GetProperty("last_success").GetDateTimeOffset());
        Assert.Equal(0, dala.GetProperty("consecutive_failures").GetInt32());
        Assert.False((await Health("--stale-days", "30"))["dala"].GetProperty("stale").GetBoolean());
        Assert.Matches(@"dala\s+telegram\s+STALE\s+2026-12-06 01:00Z 2026-12-06 01:00Z 2026-11-21 01:00Z\s+0", (await Nlp("sources", "health")).Output);
    }

    [Fact]
    public async Task Health_BadOptions_AreUsageErrors()
    {
        var bad = await Nlp("sources", "health", "--stale-days", "0");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--stale-days must be at least 1", bad.Error);
        var empty = await Nlp("sources", "health");
        Assert.Equal(0, empty.ExitCode);
        Assert.Contains("0 source(s)", empty.Output);
    }
}
