using Microsoft.Data.Sqlite;

namespace NlpPipeline.Storage;

/// <summary>
/// Copies the write-ahead log into the database file on a thread and connection of its own while a bulk load writes, instead of
/// on the writing thread after each commit (SQLite's automatic checkpoint, which this turns off for the load). A checkpoint
/// reads back every page the commit wrote and writes it into the file; in a bulk load that is a large part of the writer's time,
/// and here the second core does it while the writer goes on. Checkpoints are PASSIVE: they never block the writer and copy only
/// committed pages, so a crash at any moment loses nothing (the log is replayed on the next open, as always).
/// <para>
/// A log that is being checkpointed while the writer keeps appending is never started again from its beginning, so it would grow
/// without bound. <see cref="Throttle"/>, called by the writer between transactions, waits for the checkpoint to catch up
/// once the log is over <see cref="LimitPages"/>: the next transaction then restarts it. Disposing makes one last checkpoint
/// and turns the automatic one back on.
/// </para>
/// </summary>
public sealed class BackgroundCheckpoints : IDisposable
{
    private readonly NlpDatabase _db;
    private readonly SqliteConnection _connection;
    private readonly Thread _thread;
    private readonly object _gate = new();
    private readonly long _autoCheckpoint;
    private bool _stopping;
    private bool _nudged;
    private long _logFrames;
    private long _checkpointedFrames;
    private long _checkpoints;
    private Exception? _error;

    private BackgroundCheckpoints(NlpDatabase db, int limitPages)
    {
        _db = db;
        LimitPages = limitPages;
        using (var get = db.Command("PRAGMA wal_autocheckpoint"))
            _autoCheckpoint = get.ExecuteScalar() is long pages ? pages : 1000;
        using (var off = db.Command("PRAGMA wal_autocheckpoint = 0")) off.ExecuteNonQuery();
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = System.IO.Path.GetFullPath(db.Path), Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
        try
        {
            _connection.Open();
            using var timeout = _connection.CreateCommand();
            timeout.CommandText = "PRAGMA busy_timeout = 10000";
            timeout.ExecuteNonQuery();
        }
        catch
        {
            _connection.Dispose();
            RestoreAutoCheckpoint();
            throw;
        }
        _thread = new Thread(Run) { IsBackground = true, Name = "WAL checkpoints" };
        _thread.Start();
    }

    /// <summary>Starts checkpointing <paramref name="db"/>'s log in the background; dispose to stop.</summary>
    public static BackgroundCheckpoints Start(NlpDatabase db, int limitPages = DefaultLimitPages) => new(db, limitPages);

    /// <summary>Log pages (4 KiB each) above which <see cref="Throttle"/> waits for the checkpoint: 256 MiB by default.</summary>
    public const int DefaultLimitPages = 65_536;

    public int LimitPages { get; }

    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(60);

    /// <summary>Checkpoints run so far.</summary>
    public long Checkpoints { get { lock (_gate) return _checkpoints; } }

    /// <summary>Tells the checkpointing thread that a transaction was committed: there is work for it.</summary>
    public void Nudge()
    {
        lock (_gate)
        {
            _nudged = true;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>
    /// Called by the writer outside any transaction: when the log holds more than <see cref="LimitPages"/>, waits until every
    /// committed page is in the database file, so the writer's next transaction starts the log again from its beginning.
    /// Rethrows a checkpoint failure. True when it waited, and the database file then held everything committed.
    /// </summary>
    public bool Throttle()
    {
        lock (_gate)
        {
            ThrowIfFailed();
            if (_logFrames <= LimitPages) return false;
            _nudged = true;
            Monitor.PulseAll(_gate);
            // Nothing is being written now, so a checkpoint that starts after this point copies the whole log.
            // A reader holding an old snapshot (another process) can keep it from finishing: then the log grows, as it would anyway.
            var after = _checkpoints + 1;
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (!(_checkpoints > after && _checkpointedFrames >= _logFrames) && _error is null && !_stopping && waited.Elapsed < MaxWait)
            {
                _nudged = true;
                Monitor.PulseAll(_gate);
                Monitor.Wait(_gate, 100);
            }
            ThrowIfFailed();
            return _checkpoints > after && _checkpointedFrames >= _logFrames;
        }
    }

    private void ThrowIfFailed()
    {
        if (_error is not null) throw new StorageException($"Checkpointing the write-ahead log of {_db.Path} failed: {_error.Message}", _error);
    }

    private void Run()
    {
        while (true)
        {
            lock (_gate)
            {
                while (!_nudged && !_stopping) Monitor.Wait(_gate, 250);
                if (_stopping) return;
                _nudged = false;
            }
            try
            {
                var (log, done) = Checkpoint();
                lock (_gate)
                {
                    _logFrames = log;
                    _checkpointedFrames = done;
                    _checkpoints++;
                    Monitor.PulseAll(_gate);
                }
            }
            catch (Exception ex)
            {
                lock (_gate)
                {
                    _error = ex;
                    Monitor.PulseAll(_gate);
                }
                return;
            }
        }
    }

    /// <summary>One PASSIVE checkpoint: (frames in the log, frames now copied into the database file).</summary>
    private (long Log, long Checkpointed) Checkpoint()
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
        using var r = cmd.ExecuteReader();
        r.Read();
        return (r.GetInt64(1), r.GetInt64(2));
    }

    private void RestoreAutoCheckpoint()
    {
        using var on = _db.Command($"PRAGMA wal_autocheckpoint = {_autoCheckpoint}");
        on.ExecuteNonQuery();
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _stopping = true;
            Monitor.PulseAll(_gate);
        }
        _thread.Join();
        try
        {
            if (_error is null) Checkpoint();
        }
        finally
        {
            _connection.Dispose();
            RestoreAutoCheckpoint();
        }
    }
}
