using Cronos;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using NlpPipeline.Cli;
using NlpPipeline.Cli.Pipeline;
using NlpPipeline.IntegrationTests.Infrastructure;

namespace NlpPipeline.IntegrationTests.Operations;

/// <summary>Issue 8: nlp schedule runs on its cron in Asia/Almaty on an injected clock (no real waiting), survives a failed run, and records each run.</summary>
[Collection(ModelCollection.Name)]
public sealed class ScheduleTests(TrainedModelFixture model) : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Schedule_NightlyCronInAlmaty_RunsAt2100UtcEachNightAndContinuesAfterAFailure()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.Zero));
        var log = new ListLogger<NightlySchedule>();
        var schedule = new NightlySchedule(CronExpression.Parse("0 2 * * *"), TimeZoneInfo.FindSystemTimeZoneById("Asia/Almaty"), clock, log);
        var ranAt = new List<DateTimeOffset>();

        var running = schedule.RunAsync((n, ct) =>
        {
            ranAt.Add(clock.GetUtcNow());
            return n == 2 ? throw new InvalidOperationException("every source failed") : Task.CompletedTask;
        }, onceNow: false, maxRuns: 3, CancellationToken.None);
        var nights = new[] { 28, 29, 30 }.Select(d => new DateTimeOffset(2026, 11, d, 21, 0, 0, TimeSpan.Zero)).ToList();
        for (var k = 0; k < nights.Count; k++)
        {
            await WaitUntil(() => log.Lines.Count(l => l.Contains("Next run at")) == k + 1);
            Assert.Equal(k, ranAt.Count);   // nothing runs before its time
            clock.SetUtcNow(nights[k] - TimeSpan.FromSeconds(1));
            Assert.Equal(k, ranAt.Count);
            clock.SetUtcNow(nights[k]);
        }
        var (runs, failed) = await running.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(nights, ranAt);
        Assert.Equal((3, 1), (runs, failed));
        Assert.Contains(log.Lines, l => l.Contains("Next run at 2026-11-29 02:00 Asia/Almaty (2026-11-28 21:00Z)"));
        Assert.Contains(log.Lines, l => l.StartsWith("Error: Scheduled run 2 failed; the schedule continues: every source failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Schedule_Cancelled_StopsWhileWaiting()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.Zero));
        var log = new ListLogger<NightlySchedule>();
        var schedule = new NightlySchedule(CronExpression.Parse("30 3 * * 1"), TimeZoneInfo.FindSystemTimeZoneById("Asia/Almaty"), clock, log);
        using var stop = new CancellationTokenSource();
        var ran = 0;

        var running = schedule.RunAsync((_, _) => { ran++; return Task.CompletedTask; }, onceNow: true, maxRuns: null, stop.Token);
        await WaitUntil(() => log.Lines.Any(l => l.Contains("Next run at 2026-11-30 03:30 Asia/Almaty (2026-11-29 22:30Z)")));
        stop.Cancel();

        Assert.Equal((1, 0), await running.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(1, ran);
        Assert.Contains(log.Lines, l => l.Contains("Schedule stopped after 1 run(s)"));
    }

    [Fact]
    public async Task ScheduleCommand_OnceNow_IngestsClassifiesWritesReportAndRecordsTheRun()
    {
        await using var server = new FixtureServer(TestPaths.Sites);
        var env = new AppEnvironment(TimeProvider.System, server.CreateHandler());
        var db = _dir.File("nlp.db");
        var report = _dir.File("out/weekly.csv");

        var result = await NlpCli.RunAsync(env, "schedule", "--cron", "0 2 * * *", "--sources", Path.Combine(TestPaths.Sites, "sources.json"),
            "--once-now", "--max-runs", "1", "--model", model.ModelsDir, "--report", report, "--db", db);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("Schedule ended: 1 run(s), 0 failed.", result.Output);
        Assert.Contains("Documents: 7 new", result.Output);
        var run = SqliteRows.Query(db, "SELECT command, status, documents_new, passages_scored, model_version FROM ingestion_runs").Single();
        Assert.Equal("schedule", run["command"]);
        Assert.Equal("completed", run["status"]);
        Assert.Equal(SqliteRows.Query(db, "SELECT count(*) AS n FROM passages").Single()["n"], run["passages_scored"]);
        Assert.StartsWith("week,", File.ReadAllLines(report)[0]);
        Assert.True(File.ReadAllLines(report).Length > 1);
        Assert.Empty(SqliteRows.Query(db, "SELECT * FROM run_lease"));
    }

    [Theory]
    [InlineData("--cron", "0 25 * * *", "--cron: '0 25 * * *' is not a 5-field cron expression")]
    [InlineData("--time-zone", "Mars/Olympus", "--time-zone: 'Mars/Olympus' is not a time zone this machine knows")]
    public async Task ScheduleCommand_BadCronOrZone_ExitsTwoNamingIt(string option, string value, string message)
    {
        var args = new List<string> { "schedule", "--cron", "0 2 * * *", "--sources", Path.Combine(TestPaths.Sites, "sources.json"), "--db", _dir.File("nlp.db") };
        var i = args.IndexOf(option);
        if (i >= 0) args[i + 1] = value; else args.AddRange([option, value]);

        var result = await NlpCli.RunAsync([.. args]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("condition not met in 30 s");
            await Task.Delay(10);
        }
    }
}

public sealed class ListLogger<T> : ILogger<T>
{
    private readonly ListLogger _inner = new();

    public IReadOnlyList<string> Lines => _inner.Lines;

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        _inner.Log(logLevel, eventId, state, exception, formatter);
}
