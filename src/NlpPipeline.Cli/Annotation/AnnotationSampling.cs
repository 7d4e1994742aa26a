using System.Text.Json;
using Microsoft.Extensions.Logging;
using NlpPipeline.Classification;
using NlpPipeline.Classification.Scoring;
using NlpPipeline.Cli.Pipeline;
using NlpPipeline.Core.Analysis;
using NlpPipeline.Core.Annotation;
using NlpPipeline.Core.Labels;
using NlpPipeline.Storage;

namespace NlpPipeline.Cli.Annotation;

/// <summary>
/// annotate sample: makes sure every stored passage has a prediction from the current model (scoring the
/// rest first, as `nlp classify` would), draws a batch with <see cref="AnnotationSampler"/>, records it, and
/// writes the file for annotators. Weeks for the spread are ISO weeks in the research time zone of the publication time,
/// else of the fetch time.
/// </summary>
internal sealed class AnnotationSampling(ScoringRunner scoring, ResearchCalendar calendar, ILogger<AnnotationSampling> log)
{
    public async Task<SampleResult> SampleAsync(NlpDatabase db, ModelBundle bundle, ModelManifest manifest, SampleRequest request, CancellationToken ct)
    {
        scoring.ScoreUnscored(db, bundle, manifest, ct);
        var store = new AnnotationStore(db);
        var thresholds = manifest.TopicThresholds.ToDictionary(kv => LabelNames.Topics.Parse(kv.Key), kv => kv.Value);
        // Streamed and kept small (no text, no probabilities): a store of millions of passages can be sampled.
        var candidates = store.Candidates(manifest.Version, request.Language,
                request.From is { } f ? calendar.StartOf(f) : null, request.To is { } t ? calendar.StartOf(t.AddDays(1)) : null)
            .Select(s => new SamplingCandidate(s.PassageId, s.Language, s.SourceId, calendar.WeekOf(s.Published ?? s.FetchedAt).ToString(),
                s.Scores.Intent, UncertaintyScore.Of(s.Scores, thresholds).Combined))
            .ToList();
        if (candidates.Count == 0)
            throw new UsageException("No passage can be sampled: every stored passage that matches is already labelled or in an open batch " +
                                     "(see 'nlp annotate batches'; 'nlp annotate close --batch ID' releases an abandoned batch), or the store is empty.");
        var texts = new Dictionary<long, string>();
        var picked = AnnotationSampler.Sample(candidates, request.Strategy, request.N, request.Seed,
            id => texts.TryGetValue(id, out var known) ? known : texts[id] = store.PassageText(id) ?? throw new StorageException($"Passage {id} vanished while sampling."));
        if (picked.Count < request.N)
            log.LogWarning("Only {Picked} of the {N} passages asked for could be sampled ({Candidates} candidates, near-copies left out)", picked.Count, request.N, candidates.Count);
        var parameters = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["n"] = request.N, ["seed"] = request.Seed, ["language"] = request.Language?.ToWire(),
            ["from"] = request.From?.ToString("yyyy-MM-dd"), ["to"] = request.To?.ToString("yyyy-MM-dd"),
            ["source_share"] = AnnotationSampler.SourceShare, ["week_share"] = AnnotationSampler.PeriodShare,
        });
        var strategy = Name(request.Strategy);
        var batchId = store.CreateBatch(strategy, parameters, manifest.Version, picked.Select(p => (p.PassageId, p.Uncertainty)).ToList());
        var uncertainty = picked.ToDictionary(p => p.PassageId, p => p.Uncertainty);
        var rows = store.CandidatesById(manifest.Version, picked.Select(p => p.PassageId))
            .Select(s => new BatchRow(batchId, s.PassageId, texts[s.PassageId], s.Language, s.SourceKind, s.SourceId, s.Published, s.Scores, uncertainty[s.PassageId]))
            .ToList();
        var path = request.Out ?? $"batch-{batchId}.csv";
        try
        {
            if (IsJsonLines(path)) await BatchFileWriter.WriteJsonLinesAsync(path, rows, ct);
            else await BatchFileWriter.WriteCsvAsync(path, rows, request.Delimiter, ct);
        }
        catch
        {
            store.CloseBatch(batchId);   // no file, no batch: its passages may be sampled again
            throw;
        }
        log.LogInformation("Batch {Batch}: {Count} passage(s) by {Strategy} from {Candidates} candidates, model {Version}", batchId, rows.Count, strategy, candidates.Count, manifest.Version);
        return new SampleResult(batchId, path, rows.Count, candidates.Count, manifest.Version);
    }

    public static bool IsJsonLines(string path) => path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase);

    public static string Name(SamplingStrategy s) => s switch
    {
        SamplingStrategy.Uncertainty => "uncertainty",
        SamplingStrategy.Random => "random",
        SamplingStrategy.Stratified => "stratified",
        _ => throw new ArgumentOutOfRangeException(nameof(s)),
    };
}
