using NlpPipeline.Classification;
using NlpPipeline.Classification.Scoring;
using NlpPipeline.Core.Domain;
using NlpPipeline.Ingestion.Fetching;
using NlpPipeline.Ingestion.Sources;
using NlpPipeline.Ingestion.Telegram;
using NlpPipeline.Storage;

namespace NlpPipeline.Cli.Pipeline;

/// <summary>What one ingestion run does: the sources with their fetch settings, and the model to classify with (none: store only).</summary>
internal sealed record IngestPlan(IReadOnlyList<Source> Sources, FetchOptions Fetch, TelegramOptions Telegram, SourceHealthOptions Health,
    (ModelBundle Bundle, ModelManifest Manifest)? Model);

/// <summary>
/// ingest → classify under the run lease, recorded as one run (ingest and every scheduled tick go through
/// here): the run row names the command, its per-source summary, the model and how many passages it
/// classified; a failure after the run started (the store, the model) marks the run failed with the reason.
/// </summary>
internal static class LeasedIngest
{
    /// <param name="afterClassify">A further step under the same lease and run (the schedule's aggregation).</param>
    public static async Task<RunSummary> RunAsync(CliContext c, NlpDatabase db, string command, IngestPlan plan, CancellationToken ct,
        Func<RunSummary, CancellationToken, Task>? afterClassify = null)
    {
        using var lease = c.AcquireLease(db, command);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, lease.Lost);
        long? runId = null;
        try
        {
            var summary = await Composition.IngestionRunner(c, plan.Fetch, plan.Telegram, plan.Health)
                .RunAsync(plan.Sources, db, linked.Token, command, id => { runId = id; lease.AttachRun(id); }, moreSteps: true);
            if (plan.Model is { } s)
            {
                summary.Scored = Composition.ScoringRunner(c).ScoreUnscored(db, s.Bundle, s.Manifest, linked.Token);
                summary.ScoringNote = $"Classified {summary.Scored} passage(s) with model {s.Manifest.Version}.";
                new RunStore(db).RecordScoring(summary.RunId, s.Manifest.Version, summary.Scored);
            }
            else
            {
                summary.ScoringNote = "Passages were stored without predictions; run 'nlp classify' to label them.";
            }
            if (afterClassify is not null) await afterClassify(summary, linked.Token);
            new RunStore(db).Complete(summary.RunId, summary.AllFailed ? "failed" : "completed");
            return summary;
        }
        catch (OperationCanceledException) when (lease.Lost.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            throw new StorageException($"{db.Path}: another run took the lease over while this one was stalled; this run stopped. Everything it stored is complete.");
        }
        catch (Exception ex) when (runId is { } id && ex is not OperationCanceledException)
        {
            TryRecordFailure(db, id, ex);
            throw;
        }
    }

    /// <summary>Records why a run failed; if the store itself is what failed, the original error is what matters.</summary>
    public static void TryRecordFailure(NlpDatabase db, long runId, Exception ex)
    {
        new RunStore(db).TryFail(runId, $"{ex.GetType().Name}: {ex.Message}");
    }
}
