using Microsoft.Data.Sqlite;

namespace NlpPipeline.Storage.Search;

/// <summary>
/// Keeps the full-text index (<c>passages_fts</c>) in step with the passages. Storing a passage only notes it in
/// <c>passage_search_pending</c> (migrations 0011 and 0013), so a write does not pay for tokenising; <see cref="CatchUp"/> then
/// indexes the pending passages in bulk, their text folded by <see cref="SearchFolding.Fold"/>, the function that folds
/// queries too. Ingest and import call it when they finish, and every search calls it first (see
/// <see cref="PassageConditions.Match"/>), so a search never misses a stored passage. Safe to run from two processes at
/// once: each batch is one write transaction that reads, indexes and clears the same pending rows.
/// </summary>
public sealed class PassageSearchIndex(NlpDatabase db)
{
    /// <summary>Passages indexed per transaction: FTS5 writes its in-memory segment once per commit, so larger is faster.</summary>
    private const int Batch = 20_000;

    /// <summary>
    /// The condition (on <c>passages p</c>) of a passage neither in the index nor waiting for it: one stored by something
    /// other than nlp (plain SQL), since <see cref="DocumentStore"/> queues its own passages (migration 0013).
    /// <c>passages_fts_docsize</c> holds one row per indexed passage.
    /// </summary>
    internal const string Unqueued = "NOT EXISTS (SELECT 1 FROM passages_fts_docsize z WHERE z.id = p.id) AND NOT EXISTS (SELECT 1 FROM passage_search_pending q WHERE q.passage_id = p.id)";

    /// <summary>Queues the passages that are neither indexed nor waiting (see <see cref="Unqueued"/>); returns how many. Reads
    /// every passage: for <c>nlp db index</c>, not for every search.</summary>
    public long QueueUnqueued()
    {
        using var tx = db.Connection.BeginTransaction();
        using var cmd = db.Command($"INSERT INTO passage_search_pending (passage_id) SELECT p.id FROM passages p WHERE {Unqueued}", tx);
        var queued = cmd.ExecuteNonQuery();
        tx.Commit();
        return queued;
    }

    /// <summary>Passages stored but not yet searchable.</summary>
    public long Pending()
    {
        using var cmd = db.Command("SELECT count(*) FROM passage_search_pending");
        return (long)cmd.ExecuteScalar()!;
    }

    /// <summary>Indexes every pending passage; returns how many. Cheap (one indexed lookup) when none is pending.</summary>
    public long CatchUp(CancellationToken ct = default, Action<long>? progress = null)
    {
        using (var any = db.Command("SELECT EXISTS (SELECT 1 FROM passage_search_pending)"))
            if ((long)any.ExecuteScalar()! == 0) return 0;
        long total = 0;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var (read, indexed) = IndexBatch();
            if (read == 0) return total;
            total += indexed;
            progress?.Invoke(total);
        }
    }

    /// <summary>Indexes the next pending passages in one transaction: how many pending rows were read, and how many indexed.</summary>
    private (int Read, int Indexed) IndexBatch()
    {
        using var tx = db.Connection.BeginTransaction();   // immediate: a second indexer waits instead of indexing the same rows
        using var select = db.Command($"""
            SELECT q.passage_id, p.text FROM passage_search_pending q LEFT JOIN passages p ON p.id = q.passage_id
            ORDER BY q.passage_id LIMIT {Batch}
            """, tx);
        using var insert = db.Command("INSERT INTO passages_fts (rowid, text) VALUES ($id, $text)", tx);
        var id = insert.Parameters.Add("$id", SqliteType.Integer);
        var text = insert.Parameters.Add("$text", SqliteType.Text);
        long last = 0;
        int read = 0, count = 0;
        using (var r = select.ExecuteReader())
            while (r.Read())
            {
                last = r.GetInt64(0);
                read++;
                if (r.IsDBNull(1)) continue;   // its passage is gone (the delete triggers clear these; a second guard)
                id.Value = last;
                text.Value = SearchFolding.Fold(r.GetString(1));
                insert.ExecuteNonQuery();
                count++;
            }
        if (read == 0) return (0, 0);
        using var clear = db.Command("DELETE FROM passage_search_pending WHERE passage_id <= $last", tx);
        clear.Parameters.AddWithValue("$last", last);
        clear.ExecuteNonQuery();
        tx.Commit();
        return (read, count);
    }
}
