using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace NlpPipeline.Storage;

/// <summary>
/// The single-run lock of one database: a row in <c>run_lease</c> that a writing command takes before it
/// writes and gives back when done. Taking it is atomic (BEGIN IMMEDIATE: one writer decides at a time). A
/// live holder makes the next run stop at once (<see cref="RunLeaseHeldException"/>); a holder whose process
/// is gone (same host, pid not running, or now another process) or whose heartbeat is older than
/// <see cref="LeaseOptions.StaleAfter"/> is taken over, with a warning. While held, a timer renews the
/// heartbeat every <see cref="LeaseOptions.HeartbeatEvery"/> on its own connection, so a busy run never
/// looks dead. A lease taken over from under us (we stalled past the stale limit) sets <see cref="Lost"/>.
/// </summary>
public sealed class RunLease : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly ITimer _timer;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _lost = new();
    private bool _disposed;

    private RunLease(SqliteConnection connection, LeaseRecord record, LeaseOptions options, TimeProvider time, ILogger log)
    {
        _connection = connection;
        Record = record;
        _time = time;
        _log = log;
        _timer = time.CreateTimer(_ => Heartbeat(), null, options.HeartbeatEvery, options.HeartbeatEvery);
    }

    public LeaseRecord Record { get; private set; }

    /// <summary>Cancelled when another run has taken the lease over (ours had gone stale); stop writing then.</summary>
    public CancellationToken Lost => _lost.Token;

    /// <summary>
    /// Takes the lease of the database at <paramref name="dbPath"/> for <paramref name="holder"/>, or throws
    /// <see cref="RunLeaseHeldException"/> naming the live holder. <paramref name="isAlive"/> defaults to
    /// <see cref="ProcessLiveness.IsAlive"/>.
    /// </summary>
    public static RunLease Acquire(string dbPath, LeaseHolder holder, LeaseOptions options, TimeProvider time, ILogger log,
        Func<LeaseHolder, bool>? isAlive = null)
    {
        isAlive ??= ProcessLiveness.IsAlive;
        var connection = Open(dbPath);
        try
        {
            var now = time.GetUtcNow();
            // A plain read first (WAL lets it pass a writer mid-transaction): a live holder is refused at once,
            // without queueing for the write lock behind it.
            if (Read(connection, null) is { } seen && Live(seen, now, options, isAlive)) throw new RunLeaseHeldException(dbPath, seen);
            var record = new LeaseRecord(Guid.NewGuid().ToString("N"), holder, null, now, now);
            using (var tx = BeginImmediate(connection, dbPath))
            {
                if (Read(connection, tx) is { } current)
                {
                    if (Live(current, now, options, isAlive)) throw new RunLeaseHeldException(dbPath, current);
                    if (!isAlive(current.Holder))
                        log.LogWarning("Taking over the run lease of {Holder}: its process is gone", current.Describe());
                    else
                        log.LogWarning("Taking over the run lease of {Holder}: no heartbeat for {Seconds:F0} s", current.Describe(), (now - current.HeartbeatAt).TotalSeconds);
                    MarkInterrupted(connection, tx, current, now);
                }
                Write(connection, tx, record);
                tx.Commit();
            }
            return new RunLease(connection, record, options, time, log);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>The current lease of the database, or null when no run holds it (read-only; for status and vacuum).</summary>
    public static LeaseRecord? Peek(NlpDatabase db) => Read(db.Connection, null);

    /// <summary>Records which run the holder is writing, so a second run's message can name it.</summary>
    public void AttachRun(long runId)
    {
        lock (_gate)
        {
            if (_disposed) return;
            using var cmd = Command("UPDATE run_lease SET run_id = $run WHERE token = $token");
            cmd.Parameters.AddWithValue("$run", runId);
            cmd.Parameters.AddWithValue("$token", Record.Token);
            cmd.ExecuteNonQuery();
            Record = Record with { RunId = runId };
        }
    }

    /// <summary>Renews the heartbeat now (the timer calls this; public so a test can drive it).</summary>
    public void Heartbeat()
    {
        lock (_gate)
        {
            if (_disposed || _lost.IsCancellationRequested) return;
            try
            {
                var now = _time.GetUtcNow();
                using var cmd = Command("UPDATE run_lease SET heartbeat_at = $now WHERE token = $token");
                cmd.Parameters.AddWithValue("$now", SqlTime.Format(now));
                cmd.Parameters.AddWithValue("$token", Record.Token);
                if (cmd.ExecuteNonQuery() == 0)
                {
                    _log.LogError("The run lease was taken over by another run (this one stalled past the stale limit); stopping");
                    _lost.Cancel();
                    return;
                }
                Record = Record with { HeartbeatAt = now };
            }
            catch (SqliteException ex)
            {
                // The database is busy beyond busy_timeout; the next tick tries again, well before the stale limit.
                _log.LogWarning("Run lease heartbeat failed, will retry: {Reason}", ex.Message);
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
        }
        _timer.Dispose();
        try
        {
            using var cmd = Command("DELETE FROM run_lease WHERE token = $token");
            cmd.Parameters.AddWithValue("$token", Record.Token);
            cmd.ExecuteNonQuery();
        }
        catch (SqliteException ex)
        {
            _log.LogWarning("Could not release the run lease (the next run will take it over once it is stale): {Reason}", ex.Message);
        }
        _connection.Dispose();
        _lost.Dispose();
    }

    private SqliteCommand Command(string sql)
    {
        var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        return cmd;
    }

    private static SqliteConnection Open(string dbPath)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.GetFullPath(dbPath),
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
        }.ToString());
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "PRAGMA busy_timeout = 10000";
        cmd.ExecuteNonQuery();
        return connection;
    }

    private static LeaseRecord? Read(SqliteConnection connection, SqliteTransaction? tx)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "SELECT token, pid, host, process_started, command, run_id, started_at, heartbeat_at FROM run_lease WHERE id = 1";
        using var r = cmd.ExecuteReader();
        if (!r.Read()) return null;
        var holder = new LeaseHolder((int)r.GetInt64(1), r.GetString(2), r.IsDBNull(3) ? null : SqlTime.Parse(r.GetString(3)), r.GetString(4));
        return new LeaseRecord(r.GetString(0), holder, r.IsDBNull(5) ? null : r.GetInt64(5), SqlTime.Parse(r.GetString(6)), SqlTime.Parse(r.GetString(7)));
    }

    private static bool Live(LeaseRecord lease, DateTimeOffset now, LeaseOptions options, Func<LeaseHolder, bool> isAlive) =>
        now - lease.HeartbeatAt <= options.StaleAfter && isAlive(lease.Holder);

    /// <summary>BEGIN IMMEDIATE: the write lock now, so two runs cannot both decide the lease is free.</summary>
    private static SqliteTransaction BeginImmediate(SqliteConnection connection, string dbPath)
    {
        try
        {
            return connection.BeginTransaction(deferred: false);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is 5 or 6)   // SQLITE_BUSY, SQLITE_LOCKED
        {
            throw new StorageException($"{dbPath} is busy: another program has held its write lock for longer than the busy timeout ({ex.Message}).", ex);
        }
    }

    /// <summary>The runs the dead holder left 'running' will never finish: say so in their records.</summary>
    private static void MarkInterrupted(SqliteConnection connection, SqliteTransaction tx, LeaseRecord dead, DateTimeOffset now)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = """
            UPDATE ingestion_runs SET status = 'interrupted', error = $error
            WHERE status = 'running' AND ((pid = $pid AND host = $host) OR id = $run)
            """;
        cmd.Parameters.AddWithValue("$error", $"the process (pid {dead.Holder.Pid} on {dead.Holder.Host}) ended without finishing; lease taken over at {SqlTime.Format(now)}");
        cmd.Parameters.AddWithValue("$pid", dead.Holder.Pid);
        cmd.Parameters.AddWithValue("$host", dead.Holder.Host);
        cmd.Parameters.AddWithValue("$run", (object?)dead.RunId ?? DBNull.Value);
        cmd.ExecuteNonQuery();
    }

    private static void Write(SqliteConnection connection, SqliteTransaction tx, LeaseRecord record)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = """
            INSERT OR REPLACE INTO run_lease (id, token, pid, host, process_started, command, run_id, started_at, heartbeat_at)
            VALUES (1, $token, $pid, $host, $ps, $command, NULL, $started, $beat)
            """;
        var p = cmd.Parameters;
        p.AddWithValue("$token", record.Token);
        p.AddWithValue("$pid", record.Holder.Pid);
        p.AddWithValue("$host", record.Holder.Host);
        p.AddWithValue("$ps", record.Holder.ProcessStarted is { } s ? SqlTime.Format(s) : DBNull.Value);
        p.AddWithValue("$command", record.Holder.Command);
        p.AddWithValue("$started", SqlTime.Format(record.StartedAt));
        p.AddWithValue("$beat", SqlTime.Format(record.HeartbeatAt));
        cmd.ExecuteNonQuery();
    }
}

/// <summary>How often the holder renews its lease, and how old a heartbeat may get before the lease counts as abandoned.</summary>
public sealed record LeaseOptions(TimeSpan HeartbeatEvery, TimeSpan StaleAfter)
{
    public static LeaseOptions Default { get; } = new(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(60));
}
