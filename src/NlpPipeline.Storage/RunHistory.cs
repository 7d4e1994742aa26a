namespace NlpPipeline.Storage;

/// <summary>Reads the recorded runs (<c>nlp runs list|show</c>), newest first.</summary>
public sealed class RunHistory(NlpDatabase db)
{
    private const string Columns = """
        id, command, status, started_at, finished_at, sources_ok, sources_failed, documents_new, documents_existing,
        documents_duplicate, passages, errors, passages_scored, model_version, error, pid, host, summary_json
        """;

    public IReadOnlyList<RunRecord> List(int limit)
    {
        using var cmd = db.Command($"SELECT {Columns} FROM ingestion_runs ORDER BY id DESC LIMIT $limit");
        cmd.Parameters.AddWithValue("$limit", limit);
        return Read(cmd);
    }

    public RunRecord? Get(long id)
    {
        using var cmd = db.Command($"SELECT {Columns} FROM ingestion_runs WHERE id = $id");
        cmd.Parameters.AddWithValue("$id", id);
        return Read(cmd).SingleOrDefault();
    }

    private static List<RunRecord> Read(Microsoft.Data.Sqlite.SqliteCommand cmd)
    {
        using var r = cmd.ExecuteReader();
        var list = new List<RunRecord>();
        while (r.Read())
        {
            string? S(int i) => r.IsDBNull(i) ? null : r.GetString(i);
            list.Add(new RunRecord(r.GetInt64(0), r.GetString(1), r.GetString(2), SqlTime.Parse(r.GetString(3)),
                S(4) is { } f ? SqlTime.Parse(f) : null,
                new RunTotals((int)r.GetInt64(5), (int)r.GetInt64(6), (int)r.GetInt64(7), (int)r.GetInt64(8), (int)r.GetInt64(9), (int)r.GetInt64(10), (int)r.GetInt64(11)),
                (int)r.GetInt64(12), S(13), S(14), r.IsDBNull(15) ? null : (int)r.GetInt64(15), S(16), S(17)));
        }
        return list;
    }
}

/// <summary>One recorded run: what ran, how it ended, what it added, with which model; <see cref="SummaryJson"/> has the per-source detail.</summary>
public sealed record RunRecord(long Id, string Command, string Status, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, RunTotals Totals,
    int PassagesScored, string? ModelVersion, string? Error, int? Pid, string? Host, string? SummaryJson);
