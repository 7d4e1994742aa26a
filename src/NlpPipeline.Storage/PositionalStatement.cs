using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace NlpPipeline.Storage;

/// <summary>
/// One statement prepared on a connection's SQLite handle and run many times with its <c>?N</c> parameters bound by
/// position: for the hottest insert, where <see cref="SqliteCommand"/> looks every parameter up by name on each
/// execution. Runs inside whatever transaction the connection has open; errors are thrown as
/// <see cref="SqliteException"/>s, as the command would throw them. Not thread-safe.
/// </summary>
internal sealed class PositionalStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    public PositionalStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(_db, sql, out _statement), _db);
    }

    public void Bind(int position, long value) => Check(raw.sqlite3_bind_int64(_statement, position, value));

    public void Bind(int position, double value) => Check(raw.sqlite3_bind_double(_statement, position, value));

    public void Bind(int position, string value) => Check(raw.sqlite3_bind_text(_statement, position, value));

    /// <summary>Binds UTF-8 text (SQLite copies it: the span may be reused as soon as this returns).</summary>
    public void Bind(int position, ReadOnlySpan<byte> utf8) => Check(raw.sqlite3_bind_text(_statement, position, utf8));

    /// <summary>Runs the statement with the values bound (they stay bound for the next run).</summary>
    public void Execute()
    {
        var rc = raw.sqlite3_step(_statement);
        raw.sqlite3_reset(_statement);
        if (rc != raw.SQLITE_DONE && rc != raw.SQLITE_ROW) SqliteException.ThrowExceptionForRC(rc, _db);
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, _db);
    }

    public void Dispose() => _statement.Dispose();
}
