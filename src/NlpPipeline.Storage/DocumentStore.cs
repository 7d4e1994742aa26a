using Microsoft.Data.Sqlite;
using NlpPipeline.Core.Domain;
using NlpPipeline.Core.Labels;
using NlpPipeline.Core.Text;

namespace NlpPipeline.Storage;

/// <summary>
/// Writes documents with their passages, one transaction per document, so a crash never leaves a
/// document without its passages. A story is stored once: a known canonical URL is not stored again,
/// and the same body text under a new URL (same <see cref="ContentHash"/>), or a near-copy of it
/// (<see cref="NearDuplicates"/>: other furniture, a changed sentence), is recorded as a duplicate of the
/// first copy. Each document also records where its publication time came from and whether it is trusted.
/// </summary>
public sealed class DocumentStore(NlpDatabase db, Action? insideTransaction = null)
{
    // insideTransaction: a crash-test seam, called after a new document's row is written and before its
    // passages, inside the document's transaction (the CLI pauses there when NLP_TEST_PAUSE_AT asks it to).

    public bool IsKnown(Uri url)
    {
        using var cmd = db.Command("SELECT 1 FROM documents WHERE canonical_url = $u OR fetched_url = $u LIMIT 1");
        cmd.Parameters.AddWithValue("$u", url.AbsoluteUri);
        return cmd.ExecuteScalar() is not null;
    }

    public SaveOutcome Save(Document document, IReadOnlyList<Passage> passages, LanguageGuess language, long? runId) =>
        Save(document, passages, language, runId, null);

    /// <summary>Saves as above; <paramref name="alsoStore"/> writes rows about a new document (id given) in the same transaction.</summary>
    internal SaveOutcome Save(Document document, IReadOnlyList<Passage> passages, LanguageGuess language, long? runId,
        Action<long, Microsoft.Data.Sqlite.SqliteTransaction>? alsoStore)
    {
        using var tx = db.Connection.BeginTransaction();
        var outcome = SaveIn(tx, document, passages, language, runId, alsoStore);
        tx.Commit();
        return outcome;
    }

    /// <summary>
    /// Saves many documents by the same rules in one transaction: for bulk loads (the load generator), where a commit
    /// per document would rewrite the same index pages thousands of times. All are stored or none.
    /// </summary>
    public IReadOnlyList<SaveOutcome> SaveAll(IReadOnlyList<(Document Document, IReadOnlyList<Passage> Passages, LanguageGuess Language)> documents, long? runId)
    {
        using var tx = db.Connection.BeginTransaction();
        var outcomes = documents.Select(d => SaveIn(tx, d.Document, d.Passages, d.Language, runId, null)).ToList();
        tx.Commit();
        return outcomes;
    }

    private SaveOutcome SaveIn(SqliteTransaction tx, Document document, IReadOnlyList<Passage> passages, LanguageGuess language, long? runId,
        Action<long, SqliteTransaction>? alsoStore)
    {
        if (passages.Count == 0) throw new ArgumentException("A document needs at least one passage.", nameof(passages));
        using (var find = db.Command("SELECT id FROM documents WHERE canonical_url = $u", tx))
        {
            find.Parameters.AddWithValue("$u", document.CanonicalUrl.AbsoluteUri);
            if (find.ExecuteScalar() is long existing) return new SaveOutcome(SaveStatus.AlreadyStored, existing, 0);
        }
        var hash = ContentHash.Of(document.Text);
        var shingles = NearDuplicates.Shingle(document.Text);
        var original = FindExact(hash, tx) ?? FindNear(shingles, tx);
        long id;
        using (var insert = db.Command("""
            INSERT INTO documents (canonical_url, fetched_url, source_id, run_id, fetched_at, published_utc,
                                   published_offset_minutes, title, text, language, language_confidence, content_hash, duplicate_of,
                                   date_source, date_detail, date_flag, duplicate_kind, duplicate_similarity, fingerprint_words)
            VALUES ($canonical, $fetched, $source, $run, $fetchedAt, $published, $offset, $title, $text, $language, $confidence, $hash, $dup,
                    $dateSource, $dateDetail, $dateFlag, $dupKind, $dupSimilarity, $words)
            RETURNING id
            """, tx))
        {
            var p = insert.Parameters;
            p.AddWithValue("$canonical", document.CanonicalUrl.AbsoluteUri);
            p.AddWithValue("$fetched", document.Url.AbsoluteUri);
            p.AddWithValue("$source", document.SourceId);
            p.AddWithValue("$run", (object?)runId ?? DBNull.Value);
            p.AddWithValue("$fetchedAt", SqlTime.Format(document.FetchedAt));
            p.AddWithValue("$published", document.PublishedAt is { } t ? SqlTime.Format(t) : DBNull.Value);
            p.AddWithValue("$offset", document.PublishedAt is { } o ? (long)o.Offset.TotalMinutes : DBNull.Value);
            p.AddWithValue("$title", (object?)document.Title ?? DBNull.Value);
            p.AddWithValue("$text", document.Text);
            p.AddWithValue("$language", language.Language.ToWire());
            p.AddWithValue("$confidence", language.Confidence);
            p.AddWithValue("$hash", hash);
            p.AddWithValue("$dup", (object?)original?.Id ?? DBNull.Value);
            p.AddWithValue("$dateSource", document.DatedBy.Source.ToWire());
            p.AddWithValue("$dateDetail", (object?)document.DatedBy.Detail ?? DBNull.Value);
            p.AddWithValue("$dateFlag", document.DateTrust.ToWire());
            p.AddWithValue("$dupKind", original is { } k ? (k.Kind == DuplicateKind.Exact ? "exact" : "near") : DBNull.Value);
            p.AddWithValue("$dupSimilarity", original is { } m ? m.Similarity : DBNull.Value);
            p.AddWithValue("$words", shingles.Words);
            id = (long)insert.ExecuteScalar()!;
        }
        if (document.Post is { } post) PostMetadataRows.Insert(db, tx, id, post);
        alsoStore?.Invoke(id, tx);
        insideTransaction?.Invoke();
        if (original is not null) return new SaveOutcome(SaveStatus.Duplicate, id, 0, original.Kind);
        InsertPassages(id, passages, tx);
        InsertBands(id, shingles, tx);
        return new SaveOutcome(SaveStatus.New, id, passages.Count);
    }

    /// <summary>
    /// Fingerprints original documents stored before near-duplicate detection existed (schema 4), so new
    /// copies of old stories are found too. Returns how many were indexed; 0 once everything is.
    /// </summary>
    public int IndexPendingFingerprints(CancellationToken ct = default)
    {
        var total = 0;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var pending = new List<(long Id, string Text)>();
            using (var cmd = db.Command("SELECT id, text FROM documents WHERE fingerprint_words IS NULL AND duplicate_of IS NULL ORDER BY id LIMIT 500"))
            using (var r = cmd.ExecuteReader())
                while (r.Read()) pending.Add((r.GetInt64(0), r.GetString(1)));
            if (pending.Count == 0) return total;
            using var tx = db.Connection.BeginTransaction();
            using var mark = db.Command("UPDATE documents SET fingerprint_words = $w WHERE id = $id", tx);
            var w = mark.Parameters.Add("$w", SqliteType.Integer);
            var idParam = mark.Parameters.Add("$id", SqliteType.Integer);
            foreach (var (id, text) in pending)
            {
                var shingles = NearDuplicates.Shingle(text);
                InsertBands(id, shingles, tx);
                w.Value = shingles.Words;
                idParam.Value = id;
                mark.ExecuteNonQuery();
            }
            tx.Commit();
            total += pending.Count;
        }
    }

    private sealed record Match(long Id, DuplicateKind Kind, double Similarity);

    private Match? FindExact(string hash, SqliteTransaction tx)
    {
        using var dup = db.Command("SELECT id FROM documents WHERE content_hash = $h AND duplicate_of IS NULL ORDER BY id LIMIT 1", tx);
        dup.Parameters.AddWithValue("$h", hash);
        return dup.ExecuteScalar() is long id ? new Match(id, DuplicateKind.Exact, 1.0) : null;
    }

    /// <summary>
    /// The most similar original sharing an LSH band with the text, if it is a near-duplicate. Candidates
    /// come from the band index, most shared bands first, at most <see cref="MaxCandidates"/> of them.
    /// </summary>
    private Match? FindNear(ShingleSet shingles, SqliteTransaction tx)
    {
        var keys = NearDuplicates.BandKeys(shingles);
        if (keys.Count == 0) return null;
        var candidates = new List<long>();
        using (var cmd = db.Command($"""
            SELECT document_id FROM document_bands WHERE band_key IN ({string.Join(", ", keys.Select((_, i) => "$k" + i))})
            GROUP BY document_id ORDER BY count(*) DESC, document_id LIMIT {MaxCandidates}
            """, tx))
        {
            for (var i = 0; i < keys.Count; i++) cmd.Parameters.AddWithValue("$k" + i, keys[i]);
            using var r = cmd.ExecuteReader();
            while (r.Read()) candidates.Add(r.GetInt64(0));
        }
        Match? best = null;
        using var text = db.Command("SELECT text FROM documents WHERE id = $id", tx);
        var idParam = text.Parameters.Add("$id", SqliteType.Integer);
        foreach (var candidate in candidates)
        {
            idParam.Value = candidate;
            if (text.ExecuteScalar() is not string other) continue;
            if (NearDuplicates.AreNearDuplicates(shingles, NearDuplicates.Shingle(other), out var jaccard) && (best is null || jaccard > best.Similarity))
                best = new Match(candidate, DuplicateKind.Near, Math.Round(jaccard, 4));
        }
        return best;
    }

    /// <summary>Candidates checked per new document: bounds the cost when many stored texts share a band (site furniture).</summary>
    private const int MaxCandidates = 50;

    private void InsertBands(long id, ShingleSet shingles, SqliteTransaction tx)
    {
        var keys = NearDuplicates.BandKeys(shingles);
        if (keys.Count == 0) return;
        using var insert = db.Command("INSERT OR IGNORE INTO document_bands (band_key, document_id) VALUES ($k, $d)", tx);
        insert.Parameters.AddWithValue("$d", id);
        var k = insert.Parameters.Add("$k", SqliteType.Integer);
        foreach (var key in keys)
        {
            k.Value = key;
            insert.ExecuteNonQuery();
        }
    }

    private void InsertPassages(long id, IReadOnlyList<Passage> passages, SqliteTransaction tx)
    {
        using var insert = db.Command("INSERT INTO passages (document_id, ordinal, text, language, language_confidence) VALUES ($d, $o, $t, $l, $c)", tx);
        insert.Parameters.AddWithValue("$d", id);
        var o = insert.Parameters.Add("$o", SqliteType.Integer);
        var t = insert.Parameters.Add("$t", SqliteType.Text);
        var l = insert.Parameters.Add("$l", SqliteType.Text);
        var c = insert.Parameters.Add("$c", SqliteType.Real);
        foreach (var passage in passages)
        {
            o.Value = passage.Ordinal;
            t.Value = passage.Text;
            l.Value = passage.Language.ToWire();
            c.Value = passage.LanguageConfidence;
            insert.ExecuteNonQuery();
        }
    }

    /// <summary>Stored documents (duplicates left out) per document language, most first.</summary>
    public IReadOnlyList<KeyValuePair<string, int>> CountByLanguage()
    {
        using var cmd = db.Command("SELECT language, count(*) FROM documents WHERE duplicate_of IS NULL GROUP BY language ORDER BY count(*) DESC, language");
        using var r = cmd.ExecuteReader();
        var list = new List<KeyValuePair<string, int>>();
        while (r.Read()) list.Add(new(r.GetString(0), r.GetInt32(1)));
        return list;
    }

    public (long Documents, long Passages) Counts()
    {
        using var cmd = db.Command("SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM passages)");
        using var r = cmd.ExecuteReader();
        r.Read();
        return (r.GetInt64(0), r.GetInt64(1));
    }
}
