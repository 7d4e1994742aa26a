using System.Buffers.Binary;
using System.Collections.Concurrent;
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
        Save(PreparedDocument.Of(document, passages, language), runId, null);

    /// <summary>Saves a document prepared beforehand (on any thread): the writer then only looks up and writes.</summary>
    public SaveOutcome Save(PreparedDocument document, long? runId) => Save(document, runId, null);

    /// <summary>Saves as above; <paramref name="alsoStore"/> writes rows about a new document (id given) in the same transaction.</summary>
    internal SaveOutcome Save(PreparedDocument document, long? runId, Action<long, SqliteTransaction>? alsoStore)
    {
        if (_pending.Count == 0) MoveStagedBands();
        using var tx = db.Connection.BeginTransaction();
        using var statements = new Statements(db, tx);
        var outcome = SaveIn(statements, document, runId, alsoStore);
        tx.Commit();
        return outcome;
    }

    /// <summary>
    /// Saves many documents by the same rules in one transaction: for bulk loads (the load generator), where a commit
    /// per document would rewrite the same index pages thousands of times. All are stored or none. The documents are
    /// prepared (<see cref="PreparedDocument"/>) on a second thread while this one writes, so two cores share the work.
    /// </summary>
    public IReadOnlyList<SaveOutcome> SaveAll(IReadOnlyList<(Document Document, IReadOnlyList<Passage> Passages, LanguageGuess Language)> documents, long? runId)
    {
        using var stop = new CancellationTokenSource();
        using var prepared = new BlockingCollection<PreparedDocument>(boundedCapacity: 512);
        var preparing = Task.Run(() =>
        {
            try
            {
                foreach (var (document, passages, language) in documents) prepared.Add(PreparedDocument.Of(document, passages, language), stop.Token);
            }
            finally { prepared.CompleteAdding(); }
        });
        var outcomes = new List<SaveOutcome>(documents.Count);
        var cacheSize = Pragma("PRAGMA cache_size");
        Pragma($"PRAGMA cache_size = -{BulkCacheKibibytes}");
        try
        {
            if (_pending.Count == 0) MoveStagedBands();
            using var tx = db.Connection.BeginTransaction();
            using var statements = new Statements(db, tx, staged: true);
            foreach (var document in prepared.GetConsumingEnumerable()) outcomes.Add(SaveIn(statements, document, runId, null));
            preparing.GetAwaiter().GetResult();   // a document that could not be prepared fails the whole batch
            tx.Commit();
            if (_pending.Count >= BandFlushRows) FlushBands();
        }
        catch
        {
            stop.Cancel();
            try { preparing.Wait(); } catch (AggregateException) { }   // already failing; the first error is the one to report
            _pending.Clear();   // it may hold rows of the rolled-back batch; the committed ones are in document_bands_staged
            throw;
        }
        finally
        {
            Pragma($"PRAGMA cache_size = {cacheSize}");
        }
        return outcomes;
    }

    /// <summary>
    /// Band rows of bulk-stored documents held in memory (and in <c>document_bands_staged</c>) before they go to
    /// <c>document_bands</c> sorted by key. Random band keys make every row land on another page of that index, so
    /// inserting them as documents arrive rewrote most of its pages at every commit once the index outgrew the cache;
    /// sorted, a page is written once per flush. Lookups see both, so decisions are the same as saving one by one.
    /// </summary>
    private readonly PendingBands _pending = new();

    /// <summary>Pending band rows (<see cref="SaveAll"/>) at which they are written to <c>document_bands</c>: about 45 bytes of
    /// memory each, and each flush rewrites the pages of the band index it touches (at most all of them).</summary>
    public int BandFlushRows { get; init; } = 4_000_000;

    /// <summary>Band rows of documents stored by <see cref="SaveAll"/> not yet in <c>document_bands</c>.</summary>
    public int PendingBandRows => _pending.Count;

    /// <summary>
    /// Writes the band rows that <see cref="SaveAll"/> keeps pending into <c>document_bands</c>, sorted by key, in
    /// transactions of <see cref="FlushChunkRows"/> rows, then clears <c>document_bands_staged</c>. A crash in between
    /// leaves the staged rows, which the next save moves again (the inserts ignore rows already there).
    /// </summary>
    public void FlushBands()
    {
        if (_pending.Count == 0) return;
        var rows = _pending.Sorted();
        // Every pending row's document is already stored and committed (its staged row was written with the foreign key
        // checked, and nothing deletes documents), so the check is left out here: in band-key order each row's check was a
        // random read of the documents table, which outgrows any cache, and it cost about half of a flush (`nlp db check`
        // still checks every foreign key). The pragma is a no-op inside a transaction, so it is set around this one.
        Pragma("PRAGMA foreign_keys = OFF");
        try
        {
            using var tx = db.Connection.BeginTransaction();
            using (var insert = db.Command("INSERT OR IGNORE INTO document_bands (band_key, document_id) VALUES ($k, $d)", tx))
            {
                var k = insert.Parameters.Add("$k", SqliteType.Integer);
                var d = insert.Parameters.Add("$d", SqliteType.Integer);
                foreach (var (key, documentId) in rows)
                {
                    k.Value = key;
                    d.Value = documentId;
                    insert.ExecuteNonQuery();
                }
            }
            using var clear = db.Command("DELETE FROM document_bands_staged", tx);
            clear.ExecuteNonQuery();
            tx.Commit();
        }
        finally
        {
            Pragma("PRAGMA foreign_keys = ON");
        }
        _pending.Clear();
    }

    /// <summary>Moves band rows staged by a bulk load that did not flush them (killed, or another process) into
    /// <c>document_bands</c>, so the lookups that follow see them.</summary>
    private void MoveStagedBands()
    {
        using (var any = db.Command("SELECT EXISTS (SELECT 1 FROM document_bands_staged)"))
            if (any.ExecuteScalar() is not 1L) return;
        using (var cmd = db.Command("SELECT document_id, band_keys FROM document_bands_staged ORDER BY document_id"))
        using (var r = cmd.ExecuteReader())
            while (r.Read()) _pending.Add(r.GetInt64(0), KeysOf((byte[])r.GetValue(1)));
        if (_pending.Count == 0)
        {
            using var clear = db.Command("DELETE FROM document_bands_staged");
            clear.ExecuteNonQuery();
            return;
        }
        FlushBands();
    }

    private static byte[] BlobOf(IReadOnlyList<long> keys)
    {
        var bytes = new byte[keys.Count * sizeof(long)];
        for (var i = 0; i < keys.Count; i++) BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(i * sizeof(long)), keys[i]);
        return bytes;
    }

    private static long[] KeysOf(byte[] blob)
    {
        var keys = new long[blob.Length / sizeof(long)];
        for (var i = 0; i < keys.Length; i++) keys[i] = BinaryPrimitives.ReadInt64LittleEndian(blob.AsSpan(i * sizeof(long)));
        return keys;
    }

    /// <summary>
    /// Page cache of a bulk transaction. It dirties far more pages (document texts, passages, band rows spread over the whole
    /// band index) than SQLite's default 2 MB cache holds, and a full cache spills dirty pages to the WAL in the middle of
    /// the transaction, so the same pages are written several times. Measured at 100,000 passages: 14 % less CPU. 256 MiB
    /// holds the pages of a 16,384-passage batch (the load generator's).
    /// </summary>
    private const int BulkCacheKibibytes = 262_144;

    private long Pragma(string sql)
    {
        using var cmd = db.Command(sql);
        return cmd.ExecuteScalar() is long value ? value : 0;
    }

    private SaveOutcome SaveIn(Statements s, PreparedDocument prepared, long? runId, Action<long, SqliteTransaction>? alsoStore)
    {
        var document = prepared.Document;
        s.FindUrl.Parameters["$u"].Value = document.CanonicalUrl.AbsoluteUri;
        if (s.FindUrl.ExecuteScalar() is long existing) return new SaveOutcome(SaveStatus.AlreadyStored, existing, 0);
        var original = FindExact(s, prepared.Hash) ?? FindNear(s, prepared.Shingles, prepared.Keys);
        var p = s.InsertDocument.Parameters;
        p["$canonical"].Value = document.CanonicalUrl.AbsoluteUri;
        p["$fetched"].Value = document.Url.AbsoluteUri;
        p["$source"].Value = document.SourceId;
        p["$run"].Value = (object?)runId ?? DBNull.Value;
        p["$fetchedAt"].Value = SqlTime.Format(document.FetchedAt);
        p["$published"].Value = document.PublishedAt is { } t ? SqlTime.Format(t) : DBNull.Value;
        p["$offset"].Value = document.PublishedAt is { } o ? (long)o.Offset.TotalMinutes : DBNull.Value;
        p["$title"].Value = (object?)document.Title ?? DBNull.Value;
        p["$text"].Value = prepared.Text;
        p["$language"].Value = prepared.Language.Language.ToWire();
        p["$confidence"].Value = prepared.Language.Confidence;
        p["$hash"].Value = prepared.Hash;
        p["$dup"].Value = (object?)original?.Id ?? DBNull.Value;
        p["$dateSource"].Value = document.DatedBy.Source.ToWire();
        p["$dateDetail"].Value = (object?)document.DatedBy.Detail ?? DBNull.Value;
        p["$dateFlag"].Value = document.DateTrust.ToWire();
        p["$dupKind"].Value = original is { } k ? (k.Kind == DuplicateKind.Exact ? "exact" : "near") : DBNull.Value;
        p["$dupSimilarity"].Value = original is { } m ? m.Similarity : DBNull.Value;
        p["$words"].Value = prepared.Shingles.Words;
        var id = (long)s.InsertDocument.ExecuteScalar()!;
        if (document.Post is { } post) PostMetadataRows.Insert(db, s.Transaction, id, post);
        alsoStore?.Invoke(id, s.Transaction);
        insideTransaction?.Invoke();
        if (original is not null) return new SaveOutcome(SaveStatus.Duplicate, id, 0, original.Kind);
        InsertPassages(s, id, prepared.Passages);
        if (s.StageBands is { } stage) StageBands(stage, id, prepared.Keys);
        else InsertBands(s.InsertBand, id, prepared.Keys);
        return new SaveOutcome(SaveStatus.New, id, prepared.Passages.Count);
    }

    /// <summary>
    /// The statements a save runs, prepared once per transaction and reused for every document in it: preparing
    /// them per document (the passage insert compiles the search index trigger with it) cost more than running them.
    /// </summary>
    private sealed class Statements : IDisposable
    {
        public Statements(NlpDatabase db, SqliteTransaction tx, bool staged = false)
        {
            Transaction = tx;
            FindUrl = db.Command("SELECT id FROM documents WHERE canonical_url = $u", tx);
            FindUrl.Parameters.Add("$u", SqliteType.Text);
            FindHash = db.Command("SELECT id FROM documents WHERE content_hash = $h AND duplicate_of IS NULL ORDER BY id LIMIT 1", tx);
            FindHash.Parameters.Add("$h", SqliteType.Text);
            // BandKeys gives every comparable text exactly Bands keys, so one statement serves every lookup.
            FindBands = db.Command($"""
                SELECT document_id, count(*) FROM document_bands WHERE band_key IN ({string.Join(", ", Enumerable.Range(0, NearDuplicates.Bands).Select(i => "$k" + i))})
                GROUP BY document_id ORDER BY count(*) DESC, document_id LIMIT {MaxCandidates}
                """, tx);
            for (var i = 0; i < NearDuplicates.Bands; i++) FindBands.Parameters.Add("$k" + i, SqliteType.Integer);
            ReadText = db.Command("SELECT text FROM documents WHERE id = $id", tx);
            ReadText.Parameters.Add("$id", SqliteType.Integer);
            InsertDocument = db.Command("""
                INSERT INTO documents (canonical_url, fetched_url, source_id, run_id, fetched_at, published_utc,
                                       published_offset_minutes, title, text, language, language_confidence, content_hash, duplicate_of,
                                       date_source, date_detail, date_flag, duplicate_kind, duplicate_similarity, fingerprint_words)
                VALUES ($canonical, $fetched, $source, $run, $fetchedAt, $published, $offset, $title, $text, $language, $confidence, $hash, $dup,
                        $dateSource, $dateDetail, $dateFlag, $dupKind, $dupSimilarity, $words)
                RETURNING id
                """, tx);
            foreach (var name in new[] { "$canonical", "$fetched", "$source", "$run", "$fetchedAt", "$published", "$offset", "$title", "$text",
                         "$language", "$confidence", "$hash", "$dup", "$dateSource", "$dateDetail", "$dateFlag", "$dupKind", "$dupSimilarity", "$words" })
                InsertDocument.Parameters.Add(new SqliteParameter { ParameterName = name });
            InsertPassage = db.Command("INSERT INTO passages (document_id, ordinal, text, language, language_confidence) VALUES ($d, $o, $t, $l, $c)", tx);
            InsertPassage.Parameters.Add("$d", SqliteType.Integer);
            InsertPassage.Parameters.Add("$o", SqliteType.Integer);
            InsertPassage.Parameters.Add("$t", SqliteType.Text);
            InsertPassage.Parameters.Add("$l", SqliteType.Text);
            InsertPassage.Parameters.Add("$c", SqliteType.Real);
            InsertBand = BandInsert(db, tx);
            if (staged)
            {
                StageBands = db.Command("INSERT INTO document_bands_staged (document_id, band_keys) VALUES ($d, $b)", tx);
                StageBands.Parameters.Add("$d", SqliteType.Integer);
                StageBands.Parameters.Add("$b", SqliteType.Blob);
            }
        }

        /// <summary>Set in a bulk load: new originals' band keys are staged (and kept in memory), not inserted into document_bands.</summary>
        public SqliteCommand? StageBands { get; }

        public SqliteTransaction Transaction { get; }
        public SqliteCommand FindUrl { get; }
        public SqliteCommand FindHash { get; }
        public SqliteCommand FindBands { get; }
        public SqliteCommand ReadText { get; }
        public SqliteCommand InsertDocument { get; }
        public SqliteCommand InsertPassage { get; }
        public SqliteCommand InsertBand { get; }

        public void Dispose()
        {
            foreach (var cmd in new[] { FindUrl, FindHash, FindBands, ReadText, InsertDocument, InsertPassage, InsertBand }) cmd.Dispose();
            StageBands?.Dispose();
        }
    }

    /// <summary>One statement for a document's band rows: <see cref="NearDuplicates.BandKeys"/> gives every comparable text
    /// exactly <see cref="NearDuplicates.Bands"/> keys, and one 24-row insert costs far less than 24 one-row inserts.</summary>
    private static SqliteCommand BandInsert(NlpDatabase db, SqliteTransaction tx)
    {
        var insert = db.Command("INSERT OR IGNORE INTO document_bands (band_key, document_id) VALUES "
            + string.Join(", ", Enumerable.Range(0, NearDuplicates.Bands).Select(i => $"($k{i}, $d)")), tx);
        for (var i = 0; i < NearDuplicates.Bands; i++) insert.Parameters.Add("$k" + i, SqliteType.Integer);
        insert.Parameters.Add("$d", SqliteType.Integer);
        return insert;
    }

    /// <summary>
    /// Fingerprints original documents stored before near-duplicate detection existed (schema 4), so new
    /// copies of old stories are found too. Returns how many were indexed; 0 once everything is.
    /// </summary>
    public int IndexPendingFingerprints(CancellationToken ct = default)
    {
        if (_pending.Count == 0) MoveStagedBands();
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
            using var bands = BandInsert(db, tx);
            var w = mark.Parameters.Add("$w", SqliteType.Integer);
            var idParam = mark.Parameters.Add("$id", SqliteType.Integer);
            foreach (var (id, text) in pending)
            {
                var shingles = NearDuplicates.Shingle(text);
                InsertBands(bands, id, NearDuplicates.BandKeys(shingles));
                w.Value = shingles.Words;
                idParam.Value = id;
                mark.ExecuteNonQuery();
            }
            tx.Commit();
            total += pending.Count;
        }
    }

    private sealed record Match(long Id, DuplicateKind Kind, double Similarity);

    private static Match? FindExact(Statements s, string hash)
    {
        s.FindHash.Parameters["$h"].Value = hash;
        return s.FindHash.ExecuteScalar() is long id ? new Match(id, DuplicateKind.Exact, 1.0) : null;
    }

    /// <summary>
    /// The most similar original sharing an LSH band with the text, if it is a near-duplicate. Candidates
    /// come from the band index, most shared bands first, at most <see cref="MaxCandidates"/> of them.
    /// </summary>
    private Match? FindNear(Statements s, ShingleSet shingles, IReadOnlyList<long> keys)
    {
        if (keys.Count == 0) return null;
        if (keys.Count != NearDuplicates.Bands) throw new InvalidOperationException($"Expected {NearDuplicates.Bands} band keys, got {keys.Count}.");
        var ranked = new List<(long Id, long Shared)>();
        for (var i = 0; i < keys.Count; i++) s.FindBands.Parameters[i].Value = keys[i];
        using (var r = s.FindBands.ExecuteReader())
            while (r.Read()) ranked.Add((r.GetInt64(0), r.GetInt64(1)));
        if (_pending.Count > 0)
        {
            // Pending documents are not in document_bands, so the two sets are disjoint, and the stored top MaxCandidates
            // holds every stored document of the combined top: the same candidates, in the same order, as one query.
            var shared = new Dictionary<long, int>();
            _pending.CountShared(keys, shared);
            if (shared.Count > 0)
            {
                foreach (var (id, n) in shared)
                    if (!ranked.Exists(c => c.Id == id)) ranked.Add((id, n));
                ranked = [.. ranked.OrderByDescending(c => c.Shared).ThenBy(c => c.Id).Take(MaxCandidates)];
            }
        }
        var candidates = ranked.Select(c => c.Id);
        Match? best = null;
        foreach (var candidate in candidates)
        {
            s.ReadText.Parameters["$id"].Value = candidate;
            if (s.ReadText.ExecuteScalar() is not string other) continue;
            if (NearDuplicates.AreNearDuplicates(shingles, NearDuplicates.Shingle(other), out var jaccard) && (best is null || jaccard > best.Similarity))
                best = new Match(candidate, DuplicateKind.Near, Math.Round(jaccard, 4));
        }
        return best;
    }

    /// <summary>Candidates checked per new document: bounds the cost when many stored texts share a band (site furniture).</summary>
    private const int MaxCandidates = 50;

    private void StageBands(SqliteCommand stage, long id, IReadOnlyList<long> keys)
    {
        if (keys.Count == 0) return;   // too short to compare
        if (keys.Count != NearDuplicates.Bands) throw new InvalidOperationException($"Expected {NearDuplicates.Bands} band keys, got {keys.Count}.");
        stage.Parameters[0].Value = id;
        stage.Parameters[1].Value = BlobOf(keys);
        stage.ExecuteNonQuery();
        _pending.Add(id, keys);
    }

    private static void InsertBands(SqliteCommand insert, long id, IReadOnlyList<long> keys)
    {
        if (keys.Count == 0) return;   // too short to compare
        if (keys.Count != NearDuplicates.Bands) throw new InvalidOperationException($"Expected {NearDuplicates.Bands} band keys, got {keys.Count}.");
        for (var i = 0; i < keys.Count; i++) insert.Parameters[i].Value = keys[i];
        insert.Parameters[NearDuplicates.Bands].Value = id;
        insert.ExecuteNonQuery();
    }

    private static void InsertPassages(Statements s, long id, IReadOnlyList<Passage> passages)
    {
        var p = s.InsertPassage.Parameters;
        p["$d"].Value = id;
        foreach (var passage in passages)
        {
            p["$o"].Value = passage.Ordinal;
            p["$t"].Value = passage.Text;
            p["$l"].Value = passage.Language.ToWire();
            p["$c"].Value = passage.LanguageConfidence;
            s.InsertPassage.ExecuteNonQuery();
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
