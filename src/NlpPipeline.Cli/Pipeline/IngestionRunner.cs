using Microsoft.Extensions.Logging;
using NlpPipeline.Core.Domain;
using NlpPipeline.Ingestion;
using NlpPipeline.Ingestion.Feeds;
using NlpPipeline.Ingestion.Fetching;
using NlpPipeline.Cli.Logging;
using NlpPipeline.Storage;
using NlpPipeline.Storage.Search;

namespace NlpPipeline.Cli.Pipeline;

/// <summary>
/// ingest: for each source, fetch → extract → split → identify language → store (one transaction per
/// document). One failing source is recorded in the summary and never stops the others.
/// <para>
/// Concurrency: sources are grouped into lanes by the host of their URL (all file:// sources share one
/// lane). Lanes run in parallel, at most <c>maxParallelHosts</c> at once; the sources of a lane run one
/// after another, in file order. Politeness between hosts is the fetcher's job (its per-host schedule
/// also spaces requests when a feed on one host links to another). The SQLite connection is not
/// thread-safe, so every database call — reads included — goes through <see cref="RunStorage"/>, which
/// holds one lock: writes stay on one writer and each document keeps its own transaction.
/// </para>
/// </summary>
internal sealed class IngestionRunner(SourceIngestor ingestor, PassageBuilder passageBuilder,
    SourceHealthOptions health, ILogger<IngestionRunner> log, TimeProvider time, int maxParallelHosts = 4, ProgressFactory? progress = null)
{
    /// <param name="command">What the run is recorded as (ingest, schedule).</param>
    /// <param name="started">Told the run's id once it is recorded (the lease names it).</param>
    /// <param name="moreSteps">Steps follow (classification): a run that got through stays 'running' for them to finish
    /// (<see cref="RunStore.Complete"/>), so a kill during them is not recorded as a completed run.</param>
    public async Task<RunSummary> RunAsync(IReadOnlyList<Source> sources, NlpDatabase db, CancellationToken ct,
        string command = "ingest", Action<long>? started = null, bool moreSteps = false)
    {
        var storage = new RunStorage(db);
        var indexed = storage.IndexPendingFingerprints(ct);
        if (indexed > 0) log.LogInformation("Indexed {Count} stored document(s) for near-duplicate detection", indexed);
        var summary = new RunSummary(storage.StartRun(command));
        started?.Invoke(summary.RunId);
        var tracking = new SourceTracking(storage, health, log);
        var work = tracking.Active(sources, summary).Select(s =>
        {
            storage.UpsertSource(s);
            return (Source: s, Report: summary.Start(s.Id));   // reports in file order, whatever order lanes finish in
        }).ToList();
        var reporting = progress ?? ProgressReporting.Plain(time);
        using var stored = reporting(log, "Stored", "new documents", null);
        using var sourcesDone = reporting(log, "Finished", "sources", work.Count, TimeSpan.FromSeconds(30));
        var status = "failed";
        try
        {
            var lanes = work.GroupBy(w => LaneOf(w.Source.Url)).Select(g => g.ToList()).ToList();
            await Parallel.ForEachAsync(lanes, new ParallelOptions { MaxDegreeOfParallelism = maxParallelHosts, CancellationToken = ct },
                async (lane, token) =>
                {
                    foreach (var (source, report) in lane)
                    {
                        token.ThrowIfCancellationRequested();
                        await IngestSourceAsync(source, report, storage, tracking, summary.RunId, stored, token);
                        sourcesDone.Add();
                    }
                });
            var searchable = storage.Exclusive(() => new PassageSearchIndex(db).CatchUp(ct));
            if (searchable > 0) log.LogInformation("Indexed {Count} new passage(s) for search", searchable);
            status = summary.AllFailed ? "failed" : moreSteps ? "running" : "completed";
            stored.Finish();
        }
        finally
        {
            summary.BackedOffHosts = ingestor.BackedOffHosts;
            tracking.Record(summary, ct.IsCancellationRequested);
            storage.FinishRun(summary.RunId, summary.Totals, ct.IsCancellationRequested ? "cancelled" : status, summary.ToJson());
        }
        return summary;
    }

    /// <summary>Sources on one host share a lane, so they are read one after another.</summary>
    private static string LaneOf(Uri url) => url.IsFile ? "file:" : url.IdnHost.ToLowerInvariant();

    private async Task IngestSourceAsync(Source source, SourceReport report, RunStorage storage, SourceTracking tracking, long runId,
        IProgressReporter progress, CancellationToken ct)
    {
        var context = new IngestContext(
            storage.IsKnown,
            f =>
            {
                storage.LogFetch(runId, source.Id, f);
                report.Count(f);
            },
            storage.CachedValidators,
            storage.SaveValidators)
        { Cursor = tracking.CursorFor(source) };
        try
        {
            await foreach (var item in ingestor.IngestAsync(source, context, ct))
                if (Store(item, report, storage, runId)) progress.Add();
            log.LogInformation("Source {SourceId}: {New} new, {Known} already stored, {Errors} item error(s){NotModified}",
                source.Id, report.New, report.AlreadyStored, report.Errors, report.NotModified ? " (feed not modified)" : "");
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            log.LogError("Source {SourceId} failed; continuing with the others: {Reason}", source.Id, ex.Message);
            log.LogDebug(ex, "Source {SourceId} failure detail", source.Id);
            report.Fail(ex);
        }
    }

    /// <summary>Stores one item; true when it was a new document.</summary>
    private bool Store(IngestItem item, SourceReport report, RunStorage storage, long runId)
    {
        switch (item)
        {
            case IngestItem.Skipped skipped:
                report.Skip(skipped.Reason, skipped.Fetch);
                break;
            case IngestItem.Fetched { Document: var document }:
                if (passageBuilder.Build(document) is not { } built) { report.Skip(SkipReason.NoMainText); break; }
                var (passages, language) = built;
                var outcome = storage.Save(document, passages, language, runId);
                switch (outcome.Status)
                {
                    case SaveStatus.New: report.New++; report.Passages += outcome.Passages; break;
                    case SaveStatus.AlreadyStored: report.AlreadyStored++; break;
                    case SaveStatus.Duplicate: report.Duplicates++; break;
                }
                log.LogDebug("{Status}{Kind}: {Url} ({Passages} passages, {Language}, date {DateSource} {DateFlag})", outcome.Status, outcome.Kind,
                    document.CanonicalUrl, outcome.Passages, language.Language, document.DatedBy.Source.ToWire(), document.DateTrust.ToWire());
                return outcome.Status == SaveStatus.New;
        }
        return false;
    }
}
