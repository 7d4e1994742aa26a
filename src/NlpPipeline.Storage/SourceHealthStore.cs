namespace NlpPipeline.Storage;

/// <summary>
/// Source health: every source's outcome in every run, whether it is disabled, and the summary of its
/// record that <c>nlp sources health</c> prints.
/// </summary>
public sealed class SourceHealthStore(NlpDatabase db)
{
    public void Record(long runId, SourceOutcome outcome)
    {
        using var cmd = db.Command("""
            INSERT INTO source_runs (run_id, source_id, finished_at, status, new_items, error_class, error_message)
            VALUES ($run, $source, $t, $status, $new, $class, $message)
            ON CONFLICT(source_id, run_id) DO UPDATE SET finished_at = $t, status = $status, new_items = $new,
                error_class = $class, error_message = $message
            """);
        var p = cmd.Parameters;
        p.AddWithValue("$run", runId);
        p.AddWithValue("$source", outcome.SourceId);
        p.AddWithValue("$t", SqlTime.Format(db.Time.GetUtcNow()));
        p.AddWithValue("$status", outcome.Failed ? "failed" : "ok");
        p.AddWithValue("$new", outcome.NewItems);
        p.AddWithValue("$class", outcome.Failed ? outcome.ErrorClass ?? "error" : DBNull.Value);
        p.AddWithValue("$message", outcome.Failed ? (object?)outcome.ErrorMessage ?? DBNull.Value : DBNull.Value);
        cmd.ExecuteNonQuery();
    }

    /// <summary>Failed runs of the source since the last run it answered in.</summary>
    public int ConsecutiveFailures(string sourceId)
    {
        using var cmd = db.Command($"SELECT {FailuresSql("$s")}");
        cmd.Parameters.AddWithValue("$s", sourceId);
        return Convert.ToInt32(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Disabled sources by id, with the time and reason.</summary>
    public IReadOnlyDictionary<string, (DateTimeOffset At, string? Reason)> Disabled()
    {
        using var cmd = db.Command("SELECT id, disabled_at, disabled_reason FROM sources WHERE disabled_at IS NOT NULL");
        using var r = cmd.ExecuteReader();
        var map = new Dictionary<string, (DateTimeOffset, string?)>(StringComparer.Ordinal);
        while (r.Read()) map[r.GetString(0)] = (SqlTime.Parse(r.GetString(1)), r.IsDBNull(2) ? null : r.GetString(2));
        return map;
    }

    public void Disable(string sourceId, string reason)
    {
        using var cmd = db.Command("UPDATE sources SET disabled_at = $t, disabled_reason = $r WHERE id = $s AND disabled_at IS NULL");
        cmd.Parameters.AddWithValue("$t", SqlTime.Format(db.Time.GetUtcNow()));
        cmd.Parameters.AddWithValue("$r", reason);
        cmd.Parameters.AddWithValue("$s", sourceId);
        cmd.ExecuteNonQuery();
    }

    /// <summary>
    /// Re-enables a source. Its failure streak starts again from zero: the runs before re-enabling no
    /// longer count towards disabling it again.
    /// </summary>
    public EnableResult Enable(string sourceId)
    {
        using var tx = db.Connection.BeginTransaction();
        using var find = db.Command("SELECT disabled_at IS NOT NULL FROM sources WHERE id = $s", tx);
        find.Parameters.AddWithValue("$s", sourceId);
        if (find.ExecuteScalar() is not long disabled) return EnableResult.UnknownSource;
        if (disabled == 0) return EnableResult.NotDisabled;
        using var update = db.Command("""
            UPDATE sources SET disabled_at = NULL, disabled_reason = NULL,
                streak_reset_run = (SELECT coalesce(max(run_id), 0) FROM source_runs WHERE source_id = $s)
            WHERE id = $s
            """, tx);
        update.Parameters.AddWithValue("$s", sourceId);
        update.ExecuteNonQuery();
        tx.Commit();
        return EnableResult.Enabled;
    }

    /// <summary>Every known source's record, by id.</summary>
    public IReadOnlyList<SourceHealth> Read()
    {
        using var cmd = db.Command($"""
            SELECT s.id, s.outlet, s.kind, s.url,
                (SELECT count(*) FROM source_runs r WHERE r.source_id = s.id),
                (SELECT min(finished_at) FROM source_runs r WHERE r.source_id = s.id),
                last.finished_at, last.status,
                (SELECT max(finished_at) FROM source_runs r WHERE r.source_id = s.id AND r.status = 'ok'),
                (SELECT max(finished_at) FROM source_runs r WHERE r.source_id = s.id AND r.new_items > 0),
                {FailuresSql("s.id")},
                err.error_class, err.error_message, err.finished_at,
                s.disabled_at, s.disabled_reason
            FROM sources s
            LEFT JOIN source_runs last ON last.source_id = s.id
                AND last.run_id = (SELECT max(run_id) FROM source_runs r WHERE r.source_id = s.id)
            LEFT JOIN source_runs err ON err.source_id = s.id
                AND err.run_id = (SELECT max(run_id) FROM source_runs r WHERE r.source_id = s.id AND r.status = 'failed')
            ORDER BY s.id
            """);
        using var r = cmd.ExecuteReader();
        var list = new List<SourceHealth>();
        DateTimeOffset? Time(int i) => r.IsDBNull(i) ? null : SqlTime.Parse(r.GetString(i));
        string? Text(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        while (r.Read())
        {
            list.Add(new SourceHealth(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetInt32(4), Time(5),
                Time(6), r.IsDBNull(7) ? null : r.GetString(7) == "failed", Time(8), Time(9), r.GetInt32(10),
                Text(11), Text(12), Time(13), Time(14), Text(15)));
        }
        return list;
    }

    /// <summary>SQL for the number of failed runs of a source after its last successful one (and after it was last enabled).</summary>
    private static string FailuresSql(string sourceId) => $"""
        (SELECT count(*) FROM source_runs f WHERE f.source_id = {sourceId} AND f.status = 'failed'
            AND f.run_id > coalesce((SELECT max(run_id) FROM source_runs o WHERE o.source_id = {sourceId} AND o.status = 'ok'), 0)
            AND f.run_id > coalesce((SELECT streak_reset_run FROM sources z WHERE z.id = {sourceId}), 0))
        """;
}
