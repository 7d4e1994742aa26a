namespace NlpPipeline.Storage;

/// <summary>A reclassification run: which model version is rolled out over the store and how far it got.</summary>
public sealed record ReclassifyRun(long Id, string ModelVersion, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, string Status,
    long PassagesTotal, long PassagesScored)
{
    public const string Running = "running";
    public const string Completed = "completed";
}

/// <summary>
/// Rows of <c>reclassify_runs</c>. The work itself is resumable through the predictions table (a passage
/// is done once it has a prediction from the version); a run row that is still <c>running</c> is an
/// interrupted roll-out, which the next run of the same version continues instead of starting another.
/// </summary>
public sealed class ReclassifyStore(NlpDatabase db)
{
    /// <summary>The unfinished run of <paramref name="modelVersion"/>, or a new one expecting <paramref name="unscored"/> passages.</summary>
    public (ReclassifyRun Run, bool Resumed) StartOrResume(string modelVersion, long unscored)
    {
        if (Find("model_version = $v AND status = 'running'", modelVersion) is { } open) return (open, true);
        using var cmd = db.Command("""
            INSERT INTO reclassify_runs (model_version, started_at, status, passages_total, passages_scored)
            VALUES ($v, $t, 'running', $n, 0) RETURNING id
            """);
        cmd.Parameters.AddWithValue("$v", modelVersion);
        cmd.Parameters.AddWithValue("$t", SqlTime.Format(db.Time.GetUtcNow()));
        cmd.Parameters.AddWithValue("$n", unscored);
        var id = (long)cmd.ExecuteScalar()!;
        return (Find("id = $v", id)!, false);
    }

    public void Progress(long runId, long scored)
    {
        using var cmd = db.Command("UPDATE reclassify_runs SET passages_scored = passages_scored + $n WHERE id = $id");
        cmd.Parameters.AddWithValue("$n", scored);
        cmd.Parameters.AddWithValue("$id", runId);
        cmd.ExecuteNonQuery();
    }

    public void Complete(long runId)
    {
        using var cmd = db.Command("UPDATE reclassify_runs SET status = 'completed', finished_at = $t WHERE id = $id");
        cmd.Parameters.AddWithValue("$t", SqlTime.Format(db.Time.GetUtcNow()));
        cmd.Parameters.AddWithValue("$id", runId);
        cmd.ExecuteNonQuery();
    }

    public IReadOnlyList<ReclassifyRun> All()
    {
        var list = new List<ReclassifyRun>();
        using var cmd = db.Command(Select + " ORDER BY id");
        using var r = cmd.ExecuteReader();
        while (r.Read()) list.Add(Read(r));
        return list;
    }

    private const string Select = "SELECT id, model_version, started_at, finished_at, status, passages_total, passages_scored FROM reclassify_runs";

    private ReclassifyRun? Find(string where, object value)
    {
        using var cmd = db.Command($"{Select} WHERE {where} ORDER BY id DESC LIMIT 1");
        cmd.Parameters.AddWithValue("$v", value);
        using var r = cmd.ExecuteReader();
        return r.Read() ? Read(r) : null;
    }

    private static ReclassifyRun Read(Microsoft.Data.Sqlite.SqliteDataReader r) =>
        new(r.GetInt64(0), r.GetString(1), SqlTime.Parse(r.GetString(2)), r.IsDBNull(3) ? null : SqlTime.Parse(r.GetString(3)), r.GetString(4),
            r.GetInt64(5), r.GetInt64(6));
}
