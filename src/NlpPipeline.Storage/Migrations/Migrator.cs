using System.Reflection;
using Microsoft.Data.Sqlite;

namespace NlpPipeline.Storage.Migrations;

/// <summary>
/// Applies the numbered, embedded SQL migrations (<c>0001_initial.sql</c>, …) in order, each in its own
/// transaction, and records them in <c>schema_version</c>. The database is marked with our
/// <c>application_id</c>, which is how a file that is not ours is recognised.
/// </summary>
internal static class Migrator
{
    public const int ApplicationId = 0x4E4C5050;   // "NLPP"

    private static readonly IReadOnlyList<(int Version, string Name, string Sql)> All = Load();

    public static int LatestVersion => All[^1].Version;

    public static void Apply(SqliteConnection connection, string path, TimeProvider time)
    {
        var appId = Scalar<long>(connection, "PRAGMA application_id");
        var tables = Scalar<long>(connection, "SELECT count(*) FROM sqlite_master WHERE type = 'table'");
        if (appId != ApplicationId && tables > 0)
            throw new StorageException($"{path} is a SQLite database but not an NlpPipeline one (it has {tables} table(s) of another program). Use another --db path.");
        if (appId != ApplicationId)
        {
            Execute(connection, $"PRAGMA application_id = {ApplicationId}");
            Execute(connection, "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
        }
        var current = Scalar<long>(connection, "SELECT coalesce(max(version), 0) FROM schema_version");
        if (current > LatestVersion)
            throw new StorageException($"{path} has schema version {current}, but this build of nlp knows only up to {LatestVersion}. Use a newer nlp (the database was written by one).");
        // Every known migration the database has not recorded, in order: numbers are reserved per feature
        // branch, so a database may have met 0006 before 0003 reached the build.
        var applied = AppliedVersions(connection);
        foreach (var (version, name, sql) in All.Where(m => !applied.Contains(m.Version)))
        {
            using var tx = connection.BeginTransaction();
            using (var cmd = connection.CreateCommand())
            {
                cmd.Transaction = tx;
                cmd.CommandText = sql;
                cmd.ExecuteNonQuery();
                cmd.CommandText = "INSERT INTO schema_version(version, name, applied_at) VALUES ($v, $n, $t)";
                cmd.Parameters.AddWithValue("$v", version);
                cmd.Parameters.AddWithValue("$n", name);
                cmd.Parameters.AddWithValue("$t", SqlTime.Format(time.GetUtcNow()));
                cmd.ExecuteNonQuery();
            }
            tx.Commit();
        }
    }

    public static int CurrentVersion(SqliteConnection connection) =>
        (int)Scalar<long>(connection, "SELECT coalesce(max(version), 0) FROM schema_version");

    private static IReadOnlyList<(int, string, string)> Load()
    {
        var assembly = typeof(Migrator).Assembly;
        var list = new List<(int, string, string)>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith("Migrations/", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var file = resource["Migrations/".Length..];
            var version = int.Parse(file[..4], System.Globalization.CultureInfo.InvariantCulture);
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            list.Add((version, Path.GetFileNameWithoutExtension(file), reader.ReadToEnd()));
        }
        for (var i = 0; i < list.Count; i++)
            if (list[i].Item1 <= (i == 0 ? 0 : list[i - 1].Item1)) throw new InvalidOperationException($"Migrations must have distinct ascending numbers from 1; found {list[i].Item2}.");
        return list;
    }

    private static HashSet<long> AppliedVersions(SqliteConnection c)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT version FROM schema_version";
        using var r = cmd.ExecuteReader();
        var set = new HashSet<long>();
        while (r.Read()) set.Add(r.GetInt64(0));
        return set;
    }

    private static T Scalar<T>(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return (T)Convert.ChangeType(cmd.ExecuteScalar()!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Execute(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
