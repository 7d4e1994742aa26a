using System.Diagnostics;
using Microsoft.Extensions.Logging;
using NlpPipeline.IntegrationTests.Infrastructure;
using NlpPipeline.Storage;

namespace NlpPipeline.IntegrationTests.Operations;

/// <summary>Issue 8: the single-run lease on a real SQLite file: taken atomically, refused while alive, taken over when dead or stale.</summary>
public sealed class RunLeaseTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 11, 28, 2, 0, 0, TimeSpan.Zero));
    private readonly ListLogger _log = new();
    private string Db => _dir.File("nlp.db");

    public RunLeaseTests()
    {
        using var db = NlpDatabase.Open(Db, _clock);
    }

    public void Dispose() => _dir.Dispose();

    private static readonly LeaseOptions Slow = new(TimeSpan.FromHours(1), TimeSpan.FromSeconds(60));   // heartbeats driven by the test

    private static LeaseHolder Holder(int pid, string command = "ingest") => new(pid, "night-host", new DateTimeOffset(2026, 11, 28, 1, 0, 0, TimeSpan.Zero), command);

    private RunLease Take(LeaseHolder holder, Func<LeaseHolder, bool> alive) => RunLease.Acquire(Db, holder, Slow, _clock, _log, alive);

    private List<Dictionary<string, object?>> Rows(string sql) => SqliteRows.Query(Db, sql);

    [Fact]
    public void Acquire_WhileALiveRunHoldsIt_RefusesNamingTheHolder()
    {
        using (var db = NlpDatabase.Open(Db, _clock)) Assert.Equal(1, new RunStore(db).StartRun("ingest"));
        using var first = Take(Holder(4242), _ => true);
        first.AttachRun(1);
        _clock.Advance(TimeSpan.FromSeconds(30));

        var refused = Assert.Throws<RunLeaseHeldException>(() => Take(Holder(5151, "classify"), _ => true));

        Assert.Contains("pid 4242 on night-host", refused.Message);
        Assert.Contains("'ingest'", refused.Message);
        Assert.Contains("run 1", refused.Message);
        Assert.Contains("started 2026-11-28 02:00:00Z", refused.Message);
        Assert.Contains("last heartbeat 2026-11-28 02:00:00Z", refused.Message);
        var row = Rows("SELECT pid, command, run_id FROM run_lease").Single();
        Assert.Equal(4242L, row["pid"]);
        Assert.Equal(1L, row["run_id"]);
    }

    [Fact]
    public void Acquire_HolderProcessGone_TakesOverAndMarksItsRunInterrupted()
    {
        long runId;
        using (var db = NlpDatabase.Open(Db, _clock)) runId = new RunStore(db).StartRun("ingest");
        var dead = Take(Holder(4242), _ => true);
        dead.AttachRun(runId);
        // The holder is killed: its lease row stays behind, as after SIGKILL (no Dispose).

        using var next = Take(Holder(5151), h => h.Pid != 4242);

        Assert.Equal(5151L, Rows("SELECT pid FROM run_lease").Single()["pid"]);
        Assert.Contains(_log.Lines, l => l.Contains("Taking over the run lease") && l.Contains("pid 4242") && l.Contains("process is gone"));
        var run = Rows($"SELECT status, error FROM ingestion_runs WHERE id = {runId}").Single();
        Assert.Equal("interrupted", run["status"]);
        Assert.Contains("pid 4242", (string)run["error"]!);
    }

    [Fact]
    public void Acquire_HeartbeatOlderThanStaleLimit_TakesOverEvenIfProcessLooksAlive()
    {
        var stalled = Take(Holder(4242), _ => true);
        _clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Throws<RunLeaseHeldException>(() => Take(Holder(5151), _ => true));
        _clock.Advance(TimeSpan.FromSeconds(2));

        using var next = Take(Holder(5151), _ => true);

        Assert.Contains(_log.Lines, l => l.Contains("no heartbeat for 61 s"));
        // The stalled holder notices at its next heartbeat and stops.
        stalled.Heartbeat();
        Assert.True(stalled.Lost.IsCancellationRequested);
        stalled.Dispose();
        Assert.Equal(5151L, Rows("SELECT pid FROM run_lease").Single()["pid"]);   // the stalled one did not release the new lease
    }

    [Fact]
    public void Heartbeat_KeepsABusyRunAlivePastTheStaleLimit()
    {
        using var busy = Take(Holder(4242), _ => true);
        for (var i = 0; i < 10; i++)
        {
            _clock.Advance(TimeSpan.FromSeconds(10));
            busy.Heartbeat();
        }

        Assert.Throws<RunLeaseHeldException>(() => Take(Holder(5151), _ => true));
        Assert.Equal("2026-11-28T02:01:40.000Z", Rows("SELECT heartbeat_at FROM run_lease").Single()["heartbeat_at"]);
        Assert.False(busy.Lost.IsCancellationRequested);
    }

    [Fact]
    public void Dispose_ReleasesTheLease_NextRunTakesItWithoutWarning()
    {
        Take(Holder(4242), _ => true).Dispose();

        Assert.Empty(Rows("SELECT * FROM run_lease"));
        using var next = Take(Holder(5151), _ => true);
        Assert.DoesNotContain(_log.Lines, l => l.Contains("Taking over"));
    }

    [Fact]
    public void Heartbeat_FromTheTimer_RenewsWithoutBeingCalled()
    {
        using var lease = RunLease.Acquire(Db, Holder(4242), new LeaseOptions(TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(60)), _clock, _log, _ => true);
        _clock.Advance(TimeSpan.FromSeconds(10));
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((string)Rows("SELECT heartbeat_at FROM run_lease").Single()["heartbeat_at"]! != "2026-11-28T02:00:10.000Z" && DateTime.UtcNow < deadline)
            Thread.Sleep(20);
        Assert.Equal("2026-11-28T02:00:10.000Z", Rows("SELECT heartbeat_at FROM run_lease").Single()["heartbeat_at"]);
    }

    [Fact]
    public void ProcessLiveness_RealChildProcess_AliveThenGoneAndReusedPidNotTrusted()
    {
        using var child = Process.Start(new ProcessStartInfo("sleep", "60") { UseShellExecute = false })!;
        var started = ProcessLiveness.StartTime(child.Id);
        Assert.NotNull(started);
        var holder = new LeaseHolder(child.Id, Environment.MachineName, started, "ingest");

        Assert.True(ProcessLiveness.IsAlive(holder));
        // Same pid, another start time: a different process that was given the number later.
        Assert.False(ProcessLiveness.IsAlive(holder with { ProcessStarted = started!.Value.AddMinutes(-5) }));
        // Another host: only the heartbeat can tell.
        Assert.True(ProcessLiveness.IsAlive(holder with { Host = "elsewhere", Pid = int.MaxValue - 1 }));

        child.Kill();
        child.WaitForExit();
        Assert.False(ProcessLiveness.IsAlive(holder));
    }

    [Fact]
    public void Acquire_RealDeadChild_IsTakenOverWithDefaultLivenessCheck()
    {
        using var child = Process.Start(new ProcessStartInfo("sleep", "60") { UseShellExecute = false })!;
        var holder = new LeaseHolder(child.Id, Environment.MachineName, ProcessLiveness.StartTime(child.Id), "ingest");
        RunLease.Acquire(Db, holder, Slow, _clock, _log);   // held by the child, never released
        Assert.Throws<RunLeaseHeldException>(() => RunLease.Acquire(Db, LeaseHolder.Current("ingest"), Slow, _clock, _log));

        child.Kill();
        child.WaitForExit();

        using var mine = RunLease.Acquire(Db, LeaseHolder.Current("ingest"), Slow, _clock, _log);
        Assert.Equal((long)Environment.ProcessId, Rows("SELECT pid FROM run_lease").Single()["pid"]);
    }
}

/// <summary>Collects formatted log lines, for asserting what an operator would read.</summary>
public sealed class ListLogger : ILogger
{
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines { get { lock (_lines) return [.. _lines]; } }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_lines) _lines.Add($"{logLevel}: {formatter(state, exception)}");
    }
}
