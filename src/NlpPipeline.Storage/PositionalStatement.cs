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

    /// <summary>Binds UTF-8 text (SQLite copies it: the span may be reused as soon as this returns). An empty span is bound
    /// as the empty text: its pointer may be null, which SQLite would take for NULL.</summary>
    public void Bind(int position, ReadOnlySpan<byte> utf8) =>
        Check(utf8.IsEmpty ? raw.sqlite3_bind_text(_statement, position, string.Empty) : raw.sqlite3_bind_text(_statement, position, utf8));

    public void BindBlob(int position, ReadOnlySpan<byte> blob) => Check(raw.sqlite3_bind_blob(_statement, position, blob));

    public void BindNull(int position) => Check(raw.sqlite3_bind_null(_statement, position));

    public void BindOrNull(int position, string? value)
    {
        if (value is null) BindNull(position);
        else Bind(position, value);
    }

    public void BindOrNull(int position, long? value)
    {
        if (value is { } v) Bind(position, v);
        else BindNull(position);
    }

    public void BindOrNull(int position, double? value)
    {
        if (value is { } v) Bind(position, v);
        else BindNull(position);
    }

    /// <summary>Runs the statement with the values bound (they stay bound for the next run).</summary>
    public void Execute()
    {
        var rc = raw.sqlite3_step(_statement);
        raw.sqlite3_reset(_statement);
        if (rc != raw.SQLITE_DONE && rc != raw.SQLITE_ROW) SqliteException.ThrowExceptionForRC(rc, _db);
    }

    /// <summary>Runs the statement and returns the first column of its first row as an integer; null when there is no
    /// row or the value is NULL (a query's <c>SELECT id …</c>, an insert's <c>RETURNING id</c>).</summary>
    public long? ExecuteInt64()
    {
        var rc = raw.sqlite3_step(_statement);
        long? value = rc == raw.SQLITE_ROW && raw.sqlite3_column_type(_statement, 0) != raw.SQLITE_NULL ? raw.sqlite3_column_int64(_statement, 0) : null;
        raw.sqlite3_reset(_statement);
        if (rc != raw.SQLITE_DONE && rc != raw.SQLITE_ROW) SqliteException.ThrowExceptionForRC(rc, _db);
        return value;
    }

    /// <summary>As <see cref="ExecuteInt64"/>, for a text value.</summary>
    public string? ExecuteText()
    {
        var rc = raw.sqlite3_step(_statement);
        var value = rc == raw.SQLITE_ROW && raw.sqlite3_column_type(_statement, 0) != raw.SQLITE_NULL ? raw.sqlite3_column_text(_statement, 0).utf8_to_string() : null;
        raw.sqlite3_reset(_statement);
        if (rc != raw.SQLITE_DONE && rc != raw.SQLITE_ROW) SqliteException.ThrowExceptionForRC(rc, _db);
        return value;
    }

    /// <summary>Steps to the next row of a query: true with a row to read (<see cref="Int64"/>), false at the end, when
    /// the statement is reset for its next run. A caller that stops early calls <see cref="Reset"/>.</summary>
    public bool Read()
    {
        var rc = raw.sqlite3_step(_statement);
        if (rc == raw.SQLITE_ROW) return true;
        raw.sqlite3_reset(_statement);
        if (rc != raw.SQLITE_DONE) SqliteException.ThrowExceptionForRC(rc, _db);
        return false;
    }

    public long Int64(int column) => raw.sqlite3_column_int64(_statement, column);

    /// <summary>A text column of the current row (the empty text for NULL).</summary>
    public string Text(int column) => raw.sqlite3_column_text(_statement, column).utf8_to_string() ?? "";

    public void Reset() => raw.sqlite3_reset(_statement);

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, _db);
    }

    public void Dispose() => _statement.Dispose();
}
