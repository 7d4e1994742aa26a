using Microsoft.Data.Sqlite;
using NlpPipeline.Storage.Migrations;

namespace NlpPipeline.Storage;

/// <summary>
/// One open NlpPipeline database file: WAL mode, foreign keys on, migrations applied on open.
/// Not thread-safe (one SQLite connection); open one per unit of work.
/// </summary>
public sealed class NlpDatabase : IDisposable
{
    private NlpDatabase(SqliteConnection connection, string path, TimeProvider time)
    {
        Connection = connection;
        Path = path;
        Time = time;
    }

    internal SqliteConnection Connection { get; }
    internal TimeProvider Time { get; }
    public string Path { get; }

    public int SchemaVersion => Migrator.CurrentVersion(Connection);

    public static int LatestSchemaVersion => Migrator.LatestVersion;

    /// <summary>The SQLite <c>application_id</c> that marks a database file as ours.</summary>
    public const int ApplicationId = Migrator.ApplicationId;

    /// <summary>Opens (creating if needed, with its folder) and migrates the database at <paramref name="path"/>.</summary>
    public static NlpDatabase Open(string path, TimeProvider? time = null)
    {
        time ??= TimeProvider.System;
        var full = System.IO.Path.GetFullPath(path);
        if (Directory.Exists(full)) throw new StorageException($"{path} is a directory, not a database file.");
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = SqliteOpenMode.ReadWriteCreate,
            ForeignKeys = true,
            Pooling = false,
        }.ToString());
        try
        {
            connection.Open();
            Pragma(connection, "PRAGMA busy_timeout = 10000");
            Pragma(connection, "PRAGMA journal_mode = WAL");
            Pragma(connection, "PRAGMA synchronous = NORMAL");
            Migrator.Apply(connection, path, time);
            return new NlpDatabase(connection, path, time);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is 26 or 11)   // SQLITE_NOTADB, SQLITE_CORRUPT
        {
            connection.Dispose();
            throw new StorageException($"{path} is not an NlpPipeline database (not a SQLite file, or damaged): {ex.Message}", ex);
        }
        catch (SqliteException ex)
        {
            connection.Dispose();
            throw new StorageException($"Cannot open database {path}: {ex.Message}", ex);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    internal SqliteCommand Command(string sql, SqliteTransaction? tx = null)
    {
        var cmd = Connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        return cmd;
    }

    private static void Pragma(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    public void Dispose() => Connection.Dispose();
}
