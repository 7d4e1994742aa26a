using NlpPipeline.Core.Domain;
using NlpPipeline.Core.Text;
using NlpPipeline.Ingestion.Fetching;
using NlpPipeline.Storage;

namespace NlpPipeline.Cli.Pipeline;

/// <summary>
/// The database as the concurrent ingestion workers see it: every call takes one lock, because a SQLite
/// connection must not be used from two threads at once. Calls are short (a lookup, one document's
/// transaction, one fetch-log row), so workers spend their time fetching, not waiting here.
/// </summary>
internal sealed class RunStorage(NlpDatabase db)
{
    private readonly object _gate = new();
    private readonly DocumentStore _documents = new(db, () => TestPause.At("write"));
    private readonly RunStore _runs = new(db);
    private readonly HttpCacheStore _cache = new(db);

    /// <summary>Source health and telegram positions; use them from workers only through <see cref="Exclusive{T}"/>.</summary>
    public SourceHealthStore Health { get; } = new(db);
    public TelegramStateStore Telegram { get; } = new(db);

    /// <summary>Runs a database call under the lock.</summary>
    public T Exclusive<T>(Func<T> call) { lock (_gate) return call(); }

    public long StartRun(string command) { lock (_gate) return _runs.StartRun(command); }

    public void UpsertSource(Source source) { lock (_gate) _runs.UpsertSource(source); }

    public bool IsKnown(Uri url) { lock (_gate) return _documents.IsKnown(url); }

    /// <summary>Fingerprints stored documents that predate near-duplicate detection (before the workers start).</summary>
    public int IndexPendingFingerprints(CancellationToken ct) { lock (_gate) return _documents.IndexPendingFingerprints(ct); }

    /// <summary>Stores one document. Its hash, shingles and band keys are computed before taking the lock, on the worker's
    /// thread, so workers prepare in parallel while one of them writes.</summary>
    public SaveOutcome Save(Document document, IReadOnlyList<Passage> passages, LanguageGuess language, long runId)
    {
        var prepared = PreparedDocument.Of(document, passages, language);
        lock (_gate) return _documents.Save(prepared, runId);
    }

    public void LogFetch(long runId, string sourceId, FetchRecord f)
    {
        lock (_gate)
        {
            _runs.LogFetch(runId, sourceId, f.At, f.Url.AbsoluteUri, f.Status, f.Outcome.ToWire(), f.Detail, f.Bytes, f.Elapsed);
            TestPause.At("fetch");
        }
    }

    public HttpValidators? CachedValidators(Uri url)
    {
        lock (_gate) return _cache.Get(url) is { } v ? HttpValidators.From(v.ETag, v.LastModified) : null;
    }

    public void SaveValidators(Uri url, HttpValidators validators)
    {
        lock (_gate) _cache.Save(url, validators.ETag, validators.LastModified);
    }

    public void FinishRun(long runId, RunTotals totals, string status, string summaryJson)
    {
        lock (_gate) _runs.FinishRun(runId, totals, status, summaryJson);
    }
}
