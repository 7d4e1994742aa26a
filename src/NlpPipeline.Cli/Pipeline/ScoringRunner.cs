using Microsoft.Extensions.Logging;
using NlpPipeline.Classification;
using NlpPipeline.Classification.Scoring;
using NlpPipeline.Core.Domain;
using NlpPipeline.Core.Labels;
using NlpPipeline.Cli.Logging;
using NlpPipeline.Storage;

namespace NlpPipeline.Cli.Pipeline;

/// <summary>What a reclassification did: the version, whether it continued an interrupted run, and the counts.</summary>
internal sealed record ReclassifySummary(string ModelVersion, long RunId, bool Resumed, long ScoredBefore, long ScoredNow, long Total);

/// <summary>
/// classify: scores every stored passage that has no prediction from the given model, in batches, each
/// batch saved in one transaction (so an interrupted run resumes where it stopped), logging progress.
/// <see cref="Reclassify"/> does the same as a recorded roll-out of the promoted model.
/// </summary>
internal sealed class ScoringRunner(ILogger<ScoringRunner> log, int batchSize = ScoringRunner.BatchSize, TimeProvider? time = null,
    ProgressFactory? progressFactory = null)
{
    public const int BatchSize = 2048;

    /// <summary>Where the last run's time went (seconds): reading, saving, and waiting for scoring after both were done.</summary>
    public (double Read, double Save, double WaitForScores) LastStages { get; private set; }

    public int ScoreUnscored(NlpDatabase db, ModelBundle bundle, ModelManifest manifest, CancellationToken ct) =>
        (int)Score(db, bundle, manifest, null, ct);

    /// <summary>
    /// Relabels every stored passage with <paramref name="manifest"/>'s model (the promoted one), recording the
    /// roll-out in <c>reclassify_runs</c>: an interrupted run of the same version is continued, not restarted, and
    /// the run is marked completed once no passage lacks a prediction from the version. Predictions of other
    /// versions stay in the store.
    /// </summary>
    public ReclassifySummary Reclassify(NlpDatabase db, ModelBundle bundle, ModelManifest manifest, CancellationToken ct)
    {
        var predictions = Register(db, manifest);
        var runs = new ReclassifyStore(db);
        var unscored = predictions.CountUnscored(manifest.Version);
        var (run, resumed) = runs.StartOrResume(manifest.Version, unscored);
        var before = resumed ? run.PassagesScored : 0;
        if (resumed)
            log.LogInformation("Resuming reclassification #{Run} with model {Version}: {Done} passage(s) done before the interruption, {Left} left",
                run.Id, manifest.Version, run.PassagesScored, unscored);
        var now = Score(db, bundle, manifest, run.Id, ct);
        runs.Complete(run.Id);
        log.LogInformation("Reclassification #{Run} with model {Version} completed", run.Id, manifest.Version);
        return new ReclassifySummary(manifest.Version, run.Id, resumed, before, now, before + now);
    }

    private static PredictionStore Register(NlpDatabase db, ModelManifest manifest)
    {
        var predictions = new PredictionStore(db);
        predictions.RegisterModel(new ModelRecord(manifest.Version, manifest.CreatedAt, manifest.TrainingDataSha256,
            manifest.IntentThreshold, System.Text.Json.JsonSerializer.Serialize(manifest.Metrics, ModelManifest.Json)));
        return predictions;
    }

    private long Score(NlpDatabase db, ModelBundle bundle, ModelManifest manifest, long? reclassifyRun, CancellationToken ct)
    {
        var predictions = Register(db, manifest);
        var runs = reclassifyRun is null ? null : new ReclassifyStore(db);
        var total = predictions.CountUnscored(manifest.Version);
        if (total == 0)
        {
            log.LogInformation("Every passage already has a prediction from model {Version}", manifest.Version);
            return 0;
        }
        log.LogInformation("Classifying {Total} passage(s) with model {Version}; scoring by {Path}", total, manifest.Version, bundle.ScoringPath);
        var done = 0L;
        var lastId = 0L;
        using var progress = (progressFactory ?? ProgressReporting.Plain(time ?? TimeProvider.System))(log, "Classified", "passages", total);
        // Two stages overlap: batches are scored one after another on their own thread (their chunks on every core), up
        // to two ahead of the save, while this thread saves the scored ones and reads the next (one connection, used by
        // this thread only), so the scoring never waits for a save. Batches go up the passage ids, so the next one
        // starts after the last read: no rescan of what is done, and nothing is read twice while a batch is in flight.
        var reading = new System.Diagnostics.Stopwatch();
        var saving = new System.Diagnostics.Stopwatch();
        var waiting = new System.Diagnostics.Stopwatch();
        IReadOnlyList<(long PassageId, string Text, SourceKind Kind)> Next()
        {
            using var _ = Measure(reading);
            var batch = predictions.NextUnscored(manifest.Version, batchSize, lastId);
            if (batch.Count > 0) lastId = batch[^1].PassageId;
            return batch;
        }
        void Save(IReadOnlyList<(long PassageId, string Text, SourceKind Kind)> batch, IReadOnlyList<PassageScores> scores)
        {
            TestPause.At("classify");
            using var _ = Measure(saving);
            predictions.Save(batch.Select((b, i) => (b.PassageId, scores[i])).ToList());
            runs?.Progress(reclassifyRun!.Value, batch.Count);
            done += batch.Count;
            log.LogDebug("Classified {Done}/{Total} passages with model {Version} (batch saved)", done, total, manifest.Version);
            progress.Add(batch.Count);
        }
        const int Ahead = 2;
        var inFlight = new Queue<(IReadOnlyList<(long PassageId, string Text, SourceKind Kind)> Batch, Task<IReadOnlyList<PassageScores>> Scores)>();
        Task last = Task.CompletedTask;
        void Start(IReadOnlyList<(long PassageId, string Text, SourceKind Kind)> batch)
        {
            // A thread of its own, after the batch before: the batch's chunks then get the pool's threads, however busy the pool is.
            var scores = last.ContinueWith(_ => bundle.Score(batch.Select(b => new ScoringInput(b.Text, b.Kind)).ToList(), manifest.Version),
                CancellationToken.None, TaskContinuationOptions.LongRunning, TaskScheduler.Default);
            last = scores;
            inFlight.Enqueue((batch, scores));
        }
        try
        {
            var next = Next();
            while (next.Count > 0 || inFlight.Count > 0)
            {
                ct.ThrowIfCancellationRequested();
                while (inFlight.Count < Ahead && next.Count > 0)
                {
                    Start(next);
                    next = Next();
                }
                var (batch, scoring) = inFlight.Dequeue();
                using (Measure(waiting)) ((IAsyncResult)scoring).AsyncWaitHandle.WaitOne();
                Save(batch, scoring.GetAwaiter().GetResult());
            }
        }
        finally
        {
            // Never leave a scoring task running past this method, whatever the save did.
            ((IAsyncResult)last).AsyncWaitHandle.WaitOne();
        }
        LastStages = (reading.Elapsed.TotalSeconds, saving.Elapsed.TotalSeconds, waiting.Elapsed.TotalSeconds);
        log.LogInformation("Classification stages: reading {Read:0.0} s, saving {Save:0.0} s, waiting for scores {Wait:0.0} s",
            LastStages.Read, LastStages.Save, LastStages.WaitForScores);
        progress.Finish();
        return done;
    }

    private static Stage Measure(System.Diagnostics.Stopwatch clock)
    {
        clock.Start();
        return new Stage(clock);
    }

    private readonly struct Stage(System.Diagnostics.Stopwatch clock) : IDisposable
    {
        public void Dispose() => clock.Stop();
    }
}
