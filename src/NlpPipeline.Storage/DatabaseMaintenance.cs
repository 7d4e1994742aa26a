using Microsoft.Data.Sqlite;

namespace NlpPipeline.Storage;

/// <summary>
/// Operator chores on one database: an online backup (safe while a run writes: SQLite's backup API reads a
/// consistent snapshot), a health check (integrity, foreign keys, schema version, orphans) and VACUUM.
/// </summary>
public sealed class DatabaseMaintenance(NlpDatabase db)
{
    /// <summary>
    /// Copies the database to <paramref name="target"/>: into a temporary file beside it, checked with
    /// integrity_check, then renamed over the target, so the target is never a half-written copy. The copy is a
    /// single self-contained file (rollback journal, no -wal beside it). Returns the copy's size in bytes.
    /// </summary>
    public long Backup(string target)
    {
        var full = Path.GetFullPath(target);
        if (Directory.Exists(full)) throw new StorageException($"{target} is a directory; give the backup file's path.");
        if (string.Equals(full, Path.GetFullPath(db.Path), StringComparison.Ordinal)) throw new StorageException("The backup path is the database itself.");
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = $"{full}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = temp, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString()))
            {
                copy.Open();
                db.Connection.BackupDatabase(copy);
                Exec(copy, "PRAGMA journal_mode = DELETE");
                var integrity = Strings(copy, "PRAGMA integrity_check");
                if (integrity is not ["ok"]) throw new StorageException($"The backup copy failed its integrity check: {string.Join("; ", integrity.Take(5))}");
            }
            File.Move(temp, full, overwrite: true);
            return new FileInfo(full).Length;
        }
        finally
        {
            foreach (var leftover in new[] { temp, temp + "-journal", temp + "-wal", temp + "-shm" })
                if (File.Exists(leftover)) File.Delete(leftover);
        }
    }

    /// <summary>Checks the whole file; every problem found is one line of <see cref="DatabaseCheck.Problems"/>.</summary>
    public DatabaseCheck Check()
    {
        var problems = new List<string>();
        var integrity = Strings(db.Connection, "PRAGMA integrity_check");
        if (integrity is not ["ok"]) problems.AddRange(integrity.Take(20).Select(i => $"integrity_check: {i}"));
        using (var cmd = db.Command("PRAGMA foreign_key_check"))
        using (var r = cmd.ExecuteReader())
            while (r.Read() && problems.Count < 50)
                problems.Add($"foreign_key_check: row {(r.IsDBNull(1) ? "?" : r.GetInt64(1))} of {r.GetString(0)} points at a missing row of {r.GetString(2)}");
        var version = db.SchemaVersion;
        if (version != NlpDatabase.LatestSchemaVersion) problems.Add($"schema version {version}, this build expects {NlpDatabase.LatestSchemaVersion}");
        var orphans = new (string What, string Sql)[]
        {
            ("original document(s) without passages", "SELECT count(*) FROM documents d WHERE d.duplicate_of IS NULL AND NOT EXISTS (SELECT 1 FROM passages p WHERE p.document_id = d.id)"),
            ("passage(s) of a missing document", "SELECT count(*) FROM passages p WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = p.document_id)"),
            ("prediction(s) of a missing passage", "SELECT count(*) FROM predictions x WHERE NOT EXISTS (SELECT 1 FROM passages p WHERE p.id = x.passage_id)"),
            ("duplicate(s) of a missing document", "SELECT count(*) FROM documents d WHERE d.duplicate_of IS NOT NULL AND NOT EXISTS (SELECT 1 FROM documents o WHERE o.id = d.duplicate_of)"),
            ("passage(s) neither in the search index nor waiting for it ('nlp db index' queues and indexes them)", $"SELECT count(*) FROM passages p WHERE {Search.PassageSearchIndex.Unqueued}"),
        };
        foreach (var (what, sql) in orphans)
            if (Long(db.Connection, sql) is var n and > 0) problems.Add($"{n} {what}");
        var counts = new[] { "documents", "passages", "predictions", "ingestion_runs", "fetch_log", "sources" }
            .ToDictionary(t => t, t => Long(db.Connection, $"SELECT count(*) FROM {t}"));
        var pending = new Search.PassageSearchIndex(db).Pending();
        return new DatabaseCheck(version, NlpDatabase.LatestSchemaVersion, counts, pending, RunLease.Peek(db), problems);
    }

    /// <summary>Rebuilds the file without free pages. The caller holds the run lease, so no run writes meanwhile.</summary>
    public (long Before, long After) Vacuum()
    {
        var before = SizeOnDisk();
        Exec(db.Connection, "VACUUM");
        Exec(db.Connection, "PRAGMA wal_checkpoint(TRUNCATE)");
        return (before, SizeOnDisk());
    }

    private long SizeOnDisk() => new[] { "", "-wal" }.Select(s => new FileInfo(db.Path + s)).Where(f => f.Exists).Sum(f => f.Length);

    private static void Exec(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static long Long(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return (long)cmd.ExecuteScalar()!;
    }

    private static List<string> Strings(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        using var r = cmd.ExecuteReader();
        var list = new List<string>();
        while (r.Read()) list.Add(r.GetString(0));
        return list;
    }
}

/// <summary>
/// What <c>nlp db check</c> found: schema version, row counts, passages stored but not yet indexed for search (normal
/// between a write and the next indexing; not a problem), the current lease, and problems (none: healthy).
/// </summary>
public sealed record DatabaseCheck(int SchemaVersion, int LatestSchemaVersion, IReadOnlyDictionary<string, long> Counts, long SearchPending,
    LeaseRecord? Lease, IReadOnlyList<string> Problems);
