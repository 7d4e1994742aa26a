using System.Buffers.Binary;
using System.Runtime.ExceptionServices;
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
        statements.QueueNewPassagesForSearch();
        tx.Commit();
        return outcome;
    }

    /// <summary>
    /// Saves many documents by the same rules in one transaction: for bulk loads (the load generator), where a commit
    /// per document would rewrite the same index pages thousands of times. All are stored or none. The documents are
    /// prepared (<see cref="PreparedDocument"/>) on a second thread while this one writes, so two cores share the work;
    /// when that thread falls behind, this one prepares the next document itself instead of waiting for it
    /// (<see cref="Preparation"/>). Band rows that an earlier load left pending past <see cref="BandFlushRows"/> are
    /// flushed first, in their own transaction, while that thread prepares this load's documents.
    /// </summary>
    public IReadOnlyList<SaveOutcome> SaveAll(IReadOnlyList<(Document Document, IReadOnlyList<Passage> Passages, LanguageGuess Language)> documents, long? runId)
    {
        var preparation = new Preparation(documents);
        var preparing = Task.Run(preparation.Run);
        var outcomes = new List<SaveOutcome>(documents.Count);
        var cacheSize = Scalar(db, "PRAGMA cache_size");
        Scalar(db, $"PRAGMA cache_size = -{BulkCacheKibibytes}");
        try
        {
            if (_pending.Count >= BandFlushRows)
            {
                // The flush only writes document_bands; the documents need no database, so they are prepared meanwhile,
                // as many as there are (the writer takes none until the flush is done).
                preparation.AheadWithoutLimit = true;
                FlushBands();
                preparation.AheadWithoutLimit = false;
            }
            if (_pending.Count == 0) MoveStagedBands();
            using var tx = db.Connection.BeginTransaction();
            // Checked inside the transaction, which holds the write lock from its start: nobody can store bands after the check.
            var filter = CurrentBandFilter();
            using var statements = new Statements(db, tx, staged: true) { BandFilter = filter, DocumentFilter = _documentFilter };
            for (var i = 0; i < documents.Count; i++) outcomes.Add(SaveIn(statements, preparation.Take(i), runId, null));
            preparing.GetAwaiter().GetResult();
            statements.QueueNewPassagesForSearch();
            tx.Commit();
        }
        catch
        {
            preparation.Stop();
            try { preparing.Wait(); } catch (AggregateException) { }   // already failing; the first error is the one to report
            _pending.Clear();   // it may hold rows of the rolled-back batch; the committed ones are in document_bands_staged
            throw;
        }
        finally
        {
            Scalar(db, $"PRAGMA cache_size = {cacheSize}");
        }
        return outcomes;
    }

    /// <summary>
    /// The documents of a <see cref="SaveAll"/> prepared in their order by two hands: a thread of its own (<see cref="Run"/>)
    /// and the writer (<see cref="Take"/>), which prepares document i itself when nobody has started it yet, instead of
    /// waiting. So neither thread idles while the other has work: the split follows whichever side is slower at the moment
    /// (the writer in SQLite, or the preparing thread sharing its core with checkpoints and GC). The thread runs at most
    /// <see cref="Lead"/> documents ahead of the writer. A document that cannot be prepared fails the whole batch with its error.
    /// </summary>
    private sealed class Preparation(IReadOnlyList<(Document Document, IReadOnlyList<Passage> Passages, LanguageGuess Language)> documents)
    {
        private const int Lead = 512;
        private readonly object _gate = new();
        private readonly PreparedDocument?[] _ready = new PreparedDocument?[documents.Count];
        private int _claimed = -1;    // the highest index someone has started preparing
        private int _taken;           // documents the writer has taken
        private bool _stopping, _writerWaits, _threadWaits, _unbounded;
        private ExceptionDispatchInfo? _error;

        private PreparedDocument Prepare(int i) => PreparedDocument.Of(documents[i].Document, documents[i].Passages, documents[i].Language);

        /// <summary>The preparing thread: claims the next document not yet claimed, prepares it, hands it over.</summary>
        public void Run()
        {
            while (true)
            {
                int i;
                lock (_gate)
                {
                    while (!_stopping && !_unbounded && _claimed + 1 - _taken >= Lead)
                    {
                        _threadWaits = true;
                        Monitor.Wait(_gate);
                    }
                    if (_stopping || _claimed + 1 >= documents.Count) return;
                    i = ++_claimed;
                }
                PreparedDocument prepared;
                try { prepared = Prepare(i); }
                catch (Exception e)
                {
                    lock (_gate)
                    {
                        _error ??= ExceptionDispatchInfo.Capture(e);
                        _stopping = true;
                        Monitor.PulseAll(_gate);
                    }
                    throw;
                }
                lock (_gate)
                {
                    _ready[i] = prepared;
                    if (_writerWaits) Monitor.PulseAll(_gate);
                }
            }
        }

        /// <summary>Document <paramref name="i"/> prepared (the writer takes them in order): handed over, prepared here when
        /// nobody has started it, or waited for when the thread is preparing it.</summary>
        public PreparedDocument Take(int i)
        {
            PreparedDocument? prepared;
            lock (_gate)
            {
                while (true)
                {
                    _error?.Throw();
                    prepared = _ready[i];
                    if (prepared is not null) break;
                    if (_claimed < i)
                    {
                        _claimed = i;   // nobody has started it: this thread prepares it
                        break;
                    }
                    _writerWaits = true;
                    Monitor.Wait(_gate);
                    _writerWaits = false;
                }
                _ready[i] = null;
                _taken = i + 1;
                if (_threadWaits)
                {
                    _threadWaits = false;
                    Monitor.PulseAll(_gate);
                }
            }
            return prepared ?? Prepare(i);
        }

        /// <summary>True while the writer does something else before taking documents (a band flush): the thread may then
        /// prepare past <see cref="Lead"/>, up to the whole batch.</summary>
        public bool AheadWithoutLimit
        {
            set
            {
                lock (_gate)
                {
                    _unbounded = value;
                    Monitor.PulseAll(_gate);
                }
            }
        }

        /// <summary>Stops the preparing thread (the batch failed).</summary>
        public void Stop()
        {
            lock (_gate)
            {
                _stopping = true;
                Monitor.PulseAll(_gate);
            }
        }
    }

    /// <summary>
    /// Band rows of bulk-stored documents held in memory (and in <c>document_bands_staged</c>) before they go to
    /// <c>document_bands</c> sorted by key. Random band keys make every row land on another page of that index, so
    /// inserting them as documents arrive rewrote most of its pages at every commit once the index outgrew the cache;
    /// sorted, a page is written once per flush. Lookups see both, so decisions are the same as saving one by one.
    /// </summary>
    private readonly PendingBands _pending = new();

    /// <summary>Pending band rows (<see cref="SaveAll"/>) at which they are written to <c>document_bands</c>, at the start of the
    /// next <see cref="SaveAll"/> (or by <see cref="FlushBands"/>): about 45 bytes of memory each, and each flush rewrites the
    /// pages of the band index it touches (at most all of them).</summary>
    public int BandFlushRows { get; init; } = 4_000_000;

    /// <summary>The keys in <c>document_bands</c> and in <see cref="_pending"/>, for <see cref="SaveAll"/>'s look-ups, and the database's
    /// <c>data_version</c> when it was built: another connection's commit changes that number (this one's do not), and the
    /// filter is then built again, so it never misses a key someone else stored.</summary>
    private BandKeyFilter? _bandFilter;
    private long _bandFilterVersion;

    private BandKeyFilter CurrentBandFilter()
    {
        var version = Scalar(db, "PRAGMA data_version");
        if (_bandFilter is not null && !_filtersFull && version == _bandFilterVersion) return _bandFilter;
        // Sized from an upper bound on the rows (every stored document with all its keys), with room for half as many
        // again or for the load's next rows, whichever is more (about 2.5 bytes a key); it is built again, larger, once
        // the keys added take it past its capacity.
        var bound = Scalar(db, "SELECT coalesce(max(id), 0) FROM documents") * NearDuplicates.Bands;
        var filter = new BandKeyFilter(bound + Math.Max(bound / 2, 2L * Math.Min(BandFlushRows, 4_000_000)));
        using (var keys = new PositionalStatement(db.Connection, "SELECT band_key FROM document_bands"))
            while (keys.Read()) filter.Add(keys.Int64(0));
        _pending.AddKeysTo(filter);
        // The stored documents' URLs and content hashes, each read from its own index (not the table, which holds the texts).
        var documents = Scalar(db, "SELECT coalesce(max(id), 0) FROM documents");
        var documentFilter = new DocumentKeyFilter(documents + Math.Max(documents / 2, 1_000_000));
        using (var urls = new PositionalStatement(db.Connection, StoredUrlsSql))
            while (urls.Read()) documentFilter.AddUrl(urls.Text(0));
        using (var hashes = new PositionalStatement(db.Connection, StoredHashesSql))
            while (hashes.Read()) documentFilter.AddHash(hashes.Text(0));
        (_bandFilter, _documentFilter, _bandFilterVersion, _filtersFull) = (filter, documentFilter, version, false);
        return filter;
    }

    /// <summary>Read to build <see cref="_documentFilter"/>: each through its covering index, not the table with the texts.</summary>
    internal const string StoredUrlsSql = "SELECT canonical_url FROM documents", StoredHashesSql = "SELECT content_hash FROM documents";

    /// <summary>The canonical URLs and content hashes of the stored documents, kept and built with <see cref="_bandFilter"/>.</summary>
    private DocumentKeyFilter? _documentFilter;

    /// <summary>Notes a document this store wrote, in the filter of stored documents if one is kept.</summary>
    private void NoteDocument(string canonicalUrl, string contentHash)
    {
        if (_documentFilter is not { } filter) return;
        filter.Add(canonicalUrl, contentHash);   // a rolled-back transaction leaves extra entries: a "maybe" too many, never a miss
        if (filter.Count > filter.Capacity) _filtersFull = true;
    }

    /// <summary>
    /// Set when a filter holds more than its capacity: both are built again, larger, by the next bulk load. Until then they
    /// are still used and still noted in (past its capacity a filter says "maybe" more often, never "no" to a key it holds):
    /// the bulk load running when it fills up goes on checking them, so dropping them there would hide the rest of its own
    /// documents from its look-ups.
    /// </summary>
    private bool _filtersFull;

    /// <summary>Notes band keys this store writes to <c>document_bands</c> or keeps pending in the filter, if one is kept.</summary>
    private void NoteBandKeys(IReadOnlyList<long> keys)
    {
        if (_bandFilter is not { } filter) return;
        for (var i = 0; i < keys.Count; i++) filter.Add(keys[i]);
        if (filter.Count > filter.Capacity) _filtersFull = true;
    }

    /// <summary>Band rows of documents stored by <see cref="SaveAll"/> not yet in <c>document_bands</c>.</summary>
    public int PendingBandRows => _pending.Count;

    /// <summary>
    /// Writes the band rows that <see cref="SaveAll"/> keeps pending into <c>document_bands</c>, sorted by key, and clears
    /// <c>document_bands_staged</c>, in one transaction: a crash before its commit leaves the staged rows, which the next
    /// save moves again.
    /// </summary>
    public void FlushBands()
    {
        if (_pending.Count == 0) return;
        var rows = _pending.Sorted();
        // Every pending row's document is already stored and committed (its staged row was written with the foreign key
        // checked, and nothing deletes documents), so the check is left out here: in band-key order each row's check was a
        // random read of the documents table, which outgrows any cache, and it cost about half of a flush (`nlp db check`
        // still checks every foreign key). The pragma is a no-op inside a transaction, so it is set around this one.
        Scalar(db, "PRAGMA foreign_keys = OFF");
        try
        {
            using var tx = db.Connection.BeginTransaction();
            InsertSorted(rows);
            using var clear = db.Command("DELETE FROM document_bands_staged", tx);
            clear.ExecuteNonQuery();
            tx.Commit();
        }
        finally
        {
            Scalar(db, "PRAGMA foreign_keys = ON");
        }
        _pending.Clear();   // their keys went into the filter when they were staged
    }

    /// <summary>Band rows per statement of a flush: one statement of many rows costs far less per row than one statement per
    /// row (the statement's start, the cursor it opens and the calls into SQLite are shared), measured at 200,000 passages:
    /// 1,074,072 rows in 0.57 s at 64 a statement, 0.90 s at 16, 0.67 s at 256, 1.55 s one by one.</summary>
    internal const int FlushRowsPerStatement = 64;

    /// <summary>Inserts sorted rows into <c>document_bands</c>, <see cref="FlushRowsPerStatement"/> at a time, the rest one by one.</summary>
    private void InsertSorted(SortedBandRows rows)
    {
        var manyRows = "INSERT OR IGNORE INTO document_bands (band_key, document_id) VALUES "
            + string.Join(", ", Enumerable.Range(0, FlushRowsPerStatement).Select(i => $"(?{2 * i + 1}, ?{2 * i + 2})"));
        using var many = new PositionalStatement(db.Connection, manyRows);
        using var one = new PositionalStatement(db.Connection, "INSERT OR IGNORE INTO document_bands (band_key, document_id) VALUES (?1, ?2)");
        var inFullStatements = rows.Count - rows.Count % FlushRowsPerStatement;
        var n = 0;
        foreach (var (key, documentId) in rows)
        {
            if (n < inFullStatements)
            {
                var j = n % FlushRowsPerStatement;
                many.Bind(2 * j + 1, key);
                many.Bind(2 * j + 2, documentId);
                if (j == FlushRowsPerStatement - 1) many.Execute();
            }
            else
            {
                one.Bind(1, key);
                one.Bind(2, documentId);
                one.Execute();
            }
            n++;
        }
    }

    /// <summary>Moves band rows staged by a bulk load that did not flush them (killed, or another process) into
    /// <c>document_bands</c>, so the lookups that follow see them.</summary>
    private void MoveStagedBands()
    {
        using (var any = db.Command("SELECT EXISTS (SELECT 1 FROM document_bands_staged)"))
            if (any.ExecuteScalar() is not 1L) return;
        using (var cmd = db.Command("SELECT document_id, band_keys FROM document_bands_staged ORDER BY document_id"))
        using (var r = cmd.ExecuteReader())
            while (r.Read())
            {
                var keys = KeysOf((byte[])r.GetValue(1));
                _pending.Add(r.GetInt64(0), keys);
                NoteBandKeys(keys);
            }
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

    /// <summary>Runs a pragma or a query and gives its first value as an integer (0 when none). On the SQLite handle, so it
    /// runs inside a transaction that is open as well as outside one.</summary>
    private static long Scalar(NlpDatabase db, string sql)
    {
        using var query = new PositionalStatement(db.Connection, sql);
        return query.ExecuteInt64() ?? 0;
    }

    private SaveOutcome SaveIn(Statements s, PreparedDocument prepared, long? runId, Action<long, SqliteTransaction>? alsoStore)
    {
        var document = prepared.Document;
        var canonical = document.CanonicalUrl.AbsoluteUri;
        if (s.DocumentFilter?.MayHaveUrl(canonical) != false)   // no filter, or the URL may be stored: look it up
        {
            s.FindUrl.Bind(1, canonical);
            if (s.FindUrl.ExecuteInt64() is long existing) return new SaveOutcome(SaveStatus.AlreadyStored, existing, 0);
        }
        var original = (s.DocumentFilter?.MayHaveHash(prepared.Hash) != false ? FindExact(s, prepared.Hash) : null) ?? FindNear(s, prepared.Shingles, prepared.Keys);
        var insert = s.InsertDocument;
        insert.Bind(1, canonical);
        insert.Bind(2, document.Url.AbsoluteUri);
        insert.Bind(3, document.SourceId);
        insert.BindOrNull(4, runId);
        insert.Bind(5, SqlTime.Format(document.FetchedAt));
        insert.BindOrNull(6, document.PublishedAt is { } t ? SqlTime.Format(t) : null);
        insert.BindOrNull(7, document.PublishedAt is { } o ? (long)o.Offset.TotalMinutes : null);
        insert.BindOrNull(8, document.Title);
        insert.Bind(9, prepared.TextUtf8);   // encoded when the document was prepared (on another thread in a bulk load)
        insert.Bind(10, prepared.Language.Language.ToWire());
        insert.Bind(11, prepared.Language.Confidence);
        insert.Bind(12, prepared.Hash);
        insert.BindOrNull(13, original?.Id);
        insert.Bind(14, document.DatedBy.Source.ToWire());
        insert.BindOrNull(15, document.DatedBy.Detail);
        insert.Bind(16, document.DateTrust.ToWire());
        insert.BindOrNull(17, original is { } k ? (k.Kind == DuplicateKind.Exact ? "exact" : "near") : null);
        insert.BindOrNull(18, original?.Similarity);
        insert.Bind(19, prepared.Shingles.Words);
        var id = insert.ExecuteInt64() ?? throw new InvalidOperationException("The document insert returned no id.");
        NoteDocument(canonical, prepared.Hash);   // by one-by-one saves too, so the filter a later bulk load uses misses nothing
        if (document.Post is { } post) PostMetadataRows.Insert(db, s.Transaction, id, post);
        alsoStore?.Invoke(id, s.Transaction);
        insideTransaction?.Invoke();
        if (original is not null) return new SaveOutcome(SaveStatus.Duplicate, id, 0, original.Kind);
        InsertPassages(s, id, prepared);
        if (s.StageBands is { } stage) StageBands(stage, id, prepared.Keys);
        else InsertBands(s.InsertBand, id, prepared.Keys);
        return new SaveOutcome(SaveStatus.New, id, prepared.Passages.Count);
    }

    /// <summary>
    /// The statements a save runs, prepared once per transaction and reused for every document in it: preparing
    /// them per document cost more than running them.
    /// They are bound by position on the SQLite handle (<see cref="PositionalStatement"/>): <see cref="SqliteCommand"/>
    /// looked each of the document insert's 19 parameters up by name on every row.
    /// </summary>
    private sealed class Statements : IDisposable
    {
        public Statements(NlpDatabase db, SqliteTransaction tx, bool staged = false)
        {
            Transaction = tx;
            _lastPassageBefore = Scalar(db, "SELECT coalesce(max(id), 0) FROM passages");
            _queue = new(db.Connection, "INSERT INTO passage_search_pending (passage_id) SELECT id FROM passages WHERE id > ?1");
            FindUrl = new(db.Connection, "SELECT id FROM documents WHERE canonical_url = ?1");
            FindHash = new(db.Connection, "SELECT id FROM documents WHERE content_hash = ?1 AND duplicate_of IS NULL ORDER BY id LIMIT 1");
            // BandKeys gives every comparable text exactly Bands keys, so one statement serves every lookup.
            FindBands = new(db.Connection, $"""
                SELECT document_id, count(*) FROM document_bands WHERE band_key IN ({string.Join(", ", Enumerable.Range(1, NearDuplicates.Bands).Select(i => "?" + i))})
                GROUP BY document_id ORDER BY count(*) DESC, document_id LIMIT {MaxCandidates}
                """);
            ReadText = new(db.Connection, "SELECT text FROM documents WHERE id = ?1");
            InsertDocument = new(db.Connection, """
                INSERT INTO documents (canonical_url, fetched_url, source_id, run_id, fetched_at, published_utc,
                                       published_offset_minutes, title, text, language, language_confidence, content_hash, duplicate_of,
                                       date_source, date_detail, date_flag, duplicate_kind, duplicate_similarity, fingerprint_words)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)
                RETURNING id
                """);
            InsertPassage = new(db.Connection, "INSERT INTO passages (document_id, ordinal, text, language, language_confidence) VALUES (?1, ?2, ?3, ?4, ?5)");
            InsertBand = BandInsert(db);
            if (staged) StageBands = new(db.Connection, "INSERT INTO document_bands_staged (document_id, band_keys) VALUES (?1, ?2)");
        }

        private readonly long _lastPassageBefore;
        private readonly PositionalStatement _queue;

        /// <summary>
        /// Queues the passages this transaction stored for search indexing (<c>passage_search_pending</c>, see
        /// <see cref="Search.PassageSearchIndex"/>), in one statement, just before the commit. The transaction holds the
        /// write lock from its start, so every passage above the highest id it began with is one of its own.
        /// </summary>
        public void QueueNewPassagesForSearch()
        {
            _queue.Bind(1, _lastPassageBefore);
            _queue.Execute();
        }

        /// <summary>Set in a bulk load: the keys in <c>document_bands</c> and pending; a document none of whose keys may be
        /// there skips the band query and the pending look-up (both would find nothing).</summary>
        public BandKeyFilter? BandFilter { get; init; }

        /// <summary>Set in a bulk load: the stored documents' URLs and content hashes; a document whose URL (or hash) is
        /// surely not there skips that look-up (it would find nothing).</summary>
        public DocumentKeyFilter? DocumentFilter { get; init; }

        /// <summary>Set in a bulk load: new originals' band keys are staged (and kept in memory), not inserted into document_bands.</summary>
        public PositionalStatement? StageBands { get; }

        public SqliteTransaction Transaction { get; }
        public PositionalStatement FindUrl { get; }
        public PositionalStatement FindHash { get; }
        public PositionalStatement FindBands { get; }
        public PositionalStatement ReadText { get; }
        public PositionalStatement InsertDocument { get; }
        public PositionalStatement InsertPassage { get; }
        public PositionalStatement InsertBand { get; }

        public void Dispose()
        {
            foreach (var statement in new[] { _queue, FindUrl, FindHash, FindBands, ReadText, InsertDocument, InsertPassage, InsertBand }) statement.Dispose();
            StageBands?.Dispose();
        }
    }

    /// <summary>One statement for a document's band rows: <see cref="NearDuplicates.BandKeys"/> gives every comparable text
    /// exactly <see cref="NearDuplicates.Bands"/> keys (bound at 1 to <see cref="NearDuplicates.Bands"/>, the document last),
    /// and one 24-row insert costs far less than 24 one-row inserts.</summary>
    private static PositionalStatement BandInsert(NlpDatabase db) =>
        new(db.Connection, "INSERT OR IGNORE INTO document_bands (band_key, document_id) VALUES "
            + string.Join(", ", Enumerable.Range(1, NearDuplicates.Bands).Select(i => $"(?{i}, ?{NearDuplicates.Bands + 1})")));

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
            using var bands = BandInsert(db);
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
        s.FindHash.Bind(1, hash);
        return s.FindHash.ExecuteInt64() is long id ? new Match(id, DuplicateKind.Exact, 1.0) : null;
    }

    /// <summary>
    /// The most similar original sharing an LSH band with the text, if it is a near-duplicate. Candidates
    /// come from the band index, most shared bands first, at most <see cref="MaxCandidates"/> of them.
    /// </summary>
    private Match? FindNear(Statements s, ShingleSet shingles, IReadOnlyList<long> keys)
    {
        if (keys.Count == 0) return null;
        if (keys.Count != NearDuplicates.Bands) throw new InvalidOperationException($"Expected {NearDuplicates.Bands} band keys, got {keys.Count}.");
        if (s.BandFilter is { } filter && !filter.MayContainAny(keys)) return null;   // no key stored or pending: no candidate
        var ranked = new List<(long Id, long Shared)>();
        for (var i = 0; i < keys.Count; i++) s.FindBands.Bind(i + 1, keys[i]);
        while (s.FindBands.Read()) ranked.Add((s.FindBands.Int64(0), s.FindBands.Int64(1)));
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
            s.ReadText.Bind(1, candidate);
            if (s.ReadText.ExecuteText() is not string other) continue;
            if (NearDuplicates.AreNearDuplicates(shingles, NearDuplicates.Shingle(other), out var jaccard) && (best is null || jaccard > best.Similarity))
                best = new Match(candidate, DuplicateKind.Near, Math.Round(jaccard, 4));
        }
        return best;
    }

    /// <summary>Candidates checked per new document: bounds the cost when many stored texts share a band (site furniture).</summary>
    private const int MaxCandidates = 50;

    private void StageBands(PositionalStatement stage, long id, IReadOnlyList<long> keys)
    {
        if (keys.Count == 0) return;   // too short to compare
        if (keys.Count != NearDuplicates.Bands) throw new InvalidOperationException($"Expected {NearDuplicates.Bands} band keys, got {keys.Count}.");
        stage.Bind(1, id);
        stage.BindBlob(2, BlobOf(keys));
        stage.Execute();
        _pending.Add(id, keys);
        NoteBandKeys(keys);
    }

    private void InsertBands(PositionalStatement insert, long id, IReadOnlyList<long> keys)
    {
        if (keys.Count == 0) return;   // too short to compare
        if (keys.Count != NearDuplicates.Bands) throw new InvalidOperationException($"Expected {NearDuplicates.Bands} band keys, got {keys.Count}.");
        for (var i = 0; i < keys.Count; i++) insert.Bind(i + 1, keys[i]);
        insert.Bind(NearDuplicates.Bands + 1, id);
        insert.Execute();
        NoteBandKeys(keys);   // a rolled-back transaction leaves extra keys: a "maybe" too many, never a miss
    }

    private static void InsertPassages(Statements s, long id, PreparedDocument prepared)
    {
        var insert = s.InsertPassage;
        insert.Bind(1, id);
        var passages = prepared.Passages;
        for (var i = 0; i < passages.Count; i++)
        {
            var passage = passages[i];
            insert.Bind(2, passage.Ordinal);
            insert.Bind(3, prepared.PassageUtf8(i));
            insert.Bind(4, passage.Language.ToWire());
            insert.Bind(5, passage.LanguageConfidence);
            insert.Execute();
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
