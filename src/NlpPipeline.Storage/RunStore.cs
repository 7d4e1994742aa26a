using NlpPipeline.Core.Domain;
using NlpPipeline.Core.Labels;

namespace NlpPipeline.Storage;

/// <summary>Ingestion bookkeeping: the sources seen, each run with its totals, and every request made.</summary>
public sealed class RunStore(NlpDatabase db)
{
    public void UpsertSource(Source source)
    {
        var now = SqlTime.Format(db.Time.GetUtcNow());
        using var cmd = db.Command("""
            INSERT INTO sources (id, outlet, kind, source_kind, url, language_hint, first_seen, last_seen)
            VALUES ($id, $outlet, $kind, $sk, $url, $lang, $now, $now)
            ON CONFLICT(id) DO UPDATE SET outlet = $outlet, kind = $kind, source_kind = $sk, url = $url,
                                          language_hint = $lang, last_seen = $now
            """);
        cmd.Parameters.AddWithValue("$id", source.Id);
        cmd.Parameters.AddWithValue("$outlet", source.Outlet);
        cmd.Parameters.AddWithValue("$kind", source.Type.ToWire());
        cmd.Parameters.AddWithValue("$sk", source.Kind.ToWire());
        cmd.Parameters.AddWithValue("$url", source.Url.AbsoluteUri);
        cmd.Parameters.AddWithValue("$lang", source.LanguageHint is { } l ? l.ToWire() : DBNull.Value);
        cmd.Parameters.AddWithValue("$now", now);
        cmd.ExecuteNonQuery();
    }

    /// <summary>The ids of the sources that have at least one stored document.</summary>
    public IReadOnlyList<string> SourcesWithDocuments()
    {
        using var cmd = db.Command("SELECT id FROM sources s WHERE EXISTS (SELECT 1 FROM documents d WHERE d.source_id = s.id) ORDER BY id");
        using var r = cmd.ExecuteReader();
        var ids = new List<string>();
        while (r.Read()) ids.Add(r.GetString(0));
        return ids;
    }

    public bool SourceExists(string id)
    {
        using var cmd = db.Command("SELECT 1 FROM sources WHERE id = $id");
        cmd.Parameters.AddWithValue("$id", id);
        return cmd.ExecuteScalar() is not null;
    }

    /// <summary>Records the start of a run of <paramref name="command"/> by this process; status 'running' until finished.</summary>
    public long StartRun(string command = "ingest")
    {
        using var cmd = db.Command("""
            INSERT INTO ingestion_runs (started_at, status, command, pid, host) VALUES ($t, 'running', $command, $pid, $host) RETURNING id
            """);
        cmd.Parameters.AddWithValue("$t", SqlTime.Format(db.Time.GetUtcNow()));
        cmd.Parameters.AddWithValue("$command", command);
        cmd.Parameters.AddWithValue("$pid", Environment.ProcessId);
        cmd.Parameters.AddWithValue("$host", Environment.MachineName);
        return (long)cmd.ExecuteScalar()!;
    }

    /// <summary>Ends a run whose steps after ingestion (classification) are done: its final status and end time.</summary>
    public void Complete(long runId, string status)
    {
        using var cmd = db.Command("UPDATE ingestion_runs SET status = $status, finished_at = $t WHERE id = $id");
        cmd.Parameters.AddWithValue("$status", status);
        cmd.Parameters.AddWithValue("$t", SqlTime.Format(db.Time.GetUtcNow()));
        cmd.Parameters.AddWithValue("$id", runId);
        cmd.ExecuteNonQuery();
    }

    /// <summary>Adds the classification step's model and count to a run (the run may be finished already).</summary>
    public void RecordScoring(long runId, string modelVersion, long scored)
    {
        using var cmd = db.Command("UPDATE ingestion_runs SET model_version = $model, passages_scored = passages_scored + $n WHERE id = $id");
        cmd.Parameters.AddWithValue("$model", modelVersion);
        cmd.Parameters.AddWithValue("$n", scored);
        cmd.Parameters.AddWithValue("$id", runId);
        cmd.ExecuteNonQuery();
    }

    /// <summary>Marks a run failed with the reason (the store or a later step failed); its counts so far stay.</summary>
    public void Fail(long runId, string error, string status = "failed")
    {
        using var cmd = db.Command("""
            UPDATE ingestion_runs SET status = $status, error = $error, finished_at = coalesce(finished_at, $t) WHERE id = $id
            """);
        cmd.Parameters.AddWithValue("$error", error);
        cmd.Parameters.AddWithValue("$status", status);
        cmd.Parameters.AddWithValue("$t", SqlTime.Format(db.Time.GetUtcNow()));
        cmd.Parameters.AddWithValue("$id", runId);
        cmd.ExecuteNonQuery();
    }

    /// <summary>As <see cref="Fail"/>, but when the database itself is what failed, false instead of a second error hiding the first.</summary>
    public bool TryFail(long runId, string error, string status = "failed")
    {
        try
        {
            Fail(runId, error, status);
            return true;
        }
        catch (Microsoft.Data.Sqlite.SqliteException)
        {
            return false;
        }
    }

    /// <summary>Finishes a run that stores no per-source summary (classify, import): status and what it added.</summary>
    public void FinishSimple(long runId, string status, int documentsNew, int documentsExisting, int passages, string? summaryJson = null)
    {
        using var cmd = db.Command("""
            UPDATE ingestion_runs SET finished_at = $t, status = $status, documents_new = $new, documents_existing = $existing,
                passages = $passages, summary_json = coalesce($json, summary_json)
            WHERE id = $id
            """);
        var p = cmd.Parameters;
        p.AddWithValue("$t", SqlTime.Format(db.Time.GetUtcNow()));
        p.AddWithValue("$status", status);
        p.AddWithValue("$new", documentsNew);
        p.AddWithValue("$existing", documentsExisting);
        p.AddWithValue("$passages", passages);
        p.AddWithValue("$json", (object?)summaryJson ?? DBNull.Value);
        p.AddWithValue("$id", runId);
        cmd.ExecuteNonQuery();
    }

    public void LogFetch(long runId, string sourceId, DateTimeOffset at, string url, int? status, string outcome, string? detail, long bytes, TimeSpan elapsed)
    {
        using var cmd = db.Command("""
            INSERT INTO fetch_log (run_id, source_id, url, fetched_at, status, outcome, detail, bytes, elapsed_ms)
            VALUES ($run, $source, $url, $at, $status, $outcome, $detail, $bytes, $ms)
            """);
        var p = cmd.Parameters;
        p.AddWithValue("$run", runId);
        p.AddWithValue("$source", sourceId);
        p.AddWithValue("$url", url);
        p.AddWithValue("$at", SqlTime.Format(at));
        p.AddWithValue("$status", (object?)status ?? DBNull.Value);
        p.AddWithValue("$outcome", outcome);
        p.AddWithValue("$detail", (object?)detail ?? DBNull.Value);
        p.AddWithValue("$bytes", bytes);
        p.AddWithValue("$ms", (long)elapsed.TotalMilliseconds);
        cmd.ExecuteNonQuery();
    }

    public void FinishRun(long runId, RunTotals totals, string status, string summaryJson)
    {
        using var cmd = db.Command("""
            UPDATE ingestion_runs SET finished_at = CASE WHEN $status = 'running' THEN NULL ELSE $t END, status = $status, sources_ok = $ok, sources_failed = $failed,
                documents_new = $new, documents_existing = $existing, documents_duplicate = $dup, passages = $passages,
                errors = $errors, summary_json = $json
            WHERE id = $id
            """);
        var p = cmd.Parameters;
        p.AddWithValue("$t", SqlTime.Format(db.Time.GetUtcNow()));
        p.AddWithValue("$status", status);
        p.AddWithValue("$ok", totals.SourcesOk);
        p.AddWithValue("$failed", totals.SourcesFailed);
        p.AddWithValue("$new", totals.DocumentsNew);
        p.AddWithValue("$existing", totals.DocumentsExisting);
        p.AddWithValue("$dup", totals.DocumentsDuplicate);
        p.AddWithValue("$passages", totals.Passages);
        p.AddWithValue("$errors", totals.Errors);
        p.AddWithValue("$json", summaryJson);
        p.AddWithValue("$id", runId);
        cmd.ExecuteNonQuery();
    }
}

/// <summary>The counters of one ingestion run, as stored in <c>ingestion_runs</c>.</summary>
public sealed record RunTotals(int SourcesOk, int SourcesFailed, int DocumentsNew, int DocumentsExisting, int DocumentsDuplicate, int Passages, int Errors);
