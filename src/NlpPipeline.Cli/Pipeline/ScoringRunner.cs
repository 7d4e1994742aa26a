using Microsoft.Extensions.Logging;
using NlpPipeline.Classification;
using NlpPipeline.Classification.Scoring;
using NlpPipeline.Cli.Logging;
using NlpPipeline.Storage;

namespace NlpPipeline.Cli.Pipeline;

/// <summary>
/// classify: scores every stored passage that has no prediction from the given model, in batches, each
/// batch saved in one transaction (so an interrupted run resumes where it stopped), logging progress.
/// </summary>
internal sealed class ScoringRunner(ILogger<ScoringRunner> log, TimeProvider? time = null)
{
    public const int BatchSize = 2048;

    public int ScoreUnscored(NlpDatabase db, ModelBundle bundle, ModelManifest manifest, CancellationToken ct)
    {
        var predictions = new PredictionStore(db);
        predictions.RegisterModel(new ModelRecord(manifest.Version, manifest.CreatedAt, manifest.TrainingDataSha256,
            manifest.IntentThreshold, System.Text.Json.JsonSerializer.Serialize(manifest.Metrics, ModelManifest.Json)));
        var total = predictions.CountUnscored(manifest.Version);
        if (total == 0)
        {
            log.LogInformation("Every passage already has a prediction from model {Version}", manifest.Version);
            return 0;
        }
        log.LogInformation("Classifying {Total} passage(s) with model {Version}", total, manifest.Version);
        var done = 0;
        var progress = new PeriodicProgress(log, time ?? TimeProvider.System, "Classified", "passages", total);
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var batch = predictions.NextUnscored(manifest.Version, BatchSize);
            if (batch.Count == 0) break;
            var scores = bundle.Score(batch.Select(b => b.Text).ToList(), manifest.Version);
            TestPause.At("classify");
            predictions.Save(batch.Select((b, i) => (b.PassageId, scores[i])).ToList());
            done += batch.Count;
            progress.Add(batch.Count);
        }
        progress.Finish();
        return done;
    }
}
