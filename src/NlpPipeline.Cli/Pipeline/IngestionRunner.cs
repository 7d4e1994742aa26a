using Microsoft.Extensions.Logging;
using NlpPipeline.Core.Domain;
using NlpPipeline.Ingestion;
using NlpPipeline.Storage;

namespace NlpPipeline.Cli.Pipeline;

/// <summary>
/// ingest: for each source, fetch → extract → split → identify language → store (one transaction per
/// document). One failing source is recorded in the summary and never stops the others.
/// </summary>
internal sealed class IngestionRunner(SourceIngestor ingestor, PassageBuilder passageBuilder, ILogger<IngestionRunner> log)
{
    public async Task<RunSummary> RunAsync(IReadOnlyList<Source> sources, NlpDatabase db, CancellationToken ct)
    {
        var documents = new DocumentStore(db);
        var runs = new RunStore(db);
        var summary = new RunSummary(runs.StartRun());
        var status = "failed";
        try
        {
            foreach (var source in sources)
            {
                ct.ThrowIfCancellationRequested();
                runs.UpsertSource(source);
                var report = summary.Start(source.Id);
                var context = new IngestContext(documents.IsKnown, f =>
                    runs.LogFetch(summary.RunId, source.Id, f.At, f.Url.AbsoluteUri, f.Status, f.Outcome, f.Detail, f.Bytes, f.Elapsed));
                try
                {
                    await foreach (var item in ingestor.IngestAsync(source, context, ct))
                        Store(item, source, report, documents, summary.RunId);
                    log.LogInformation("Source {SourceId}: {New} new, {Known} already stored, {Errors} item error(s)",
                        source.Id, report.New, report.AlreadyStored, report.Errors);
                }
                catch (Exception ex) when (!ct.IsCancellationRequested)
                {
                    log.LogError("Source {SourceId} failed; continuing with the others: {Reason}", source.Id, ex.Message);
                    log.LogDebug(ex, "Source {SourceId} failure detail", source.Id);
                    report.Fail(ex.Message);
                }
            }
            status = "completed";
        }
        finally
        {
            runs.FinishRun(summary.RunId, summary.Totals, ct.IsCancellationRequested ? "cancelled" : status, summary.ToJson());
        }
        return summary;
    }

    private void Store(IngestItem item, Source source, SourceReport report, DocumentStore documents, long runId)
    {
        switch (item)
        {
            case IngestItem.Skipped skipped:
                report.Skip(skipped.Reason);
                break;
            case IngestItem.Fetched { Document: var document }:
                if (passageBuilder.Build(document) is not { } built) { report.Skip(SkipReason.NoMainText); break; }
                var (passages, language) = built;
                var outcome = documents.Save(document, passages, language, runId);
                switch (outcome.Status)
                {
                    case SaveStatus.New: report.New++; report.Passages += outcome.Passages; break;
                    case SaveStatus.AlreadyStored: report.AlreadyStored++; break;
                    case SaveStatus.Duplicate: report.Duplicates++; break;
                }
                log.LogDebug("{Status}: {Url} ({Passages} passages, {Language})", outcome.Status, document.CanonicalUrl, outcome.Passages, language.Language);
                break;
        }
    }
}
