using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using NlpPipeline.Classification;
using NlpPipeline.Classification.Scoring;
using NlpPipeline.Cli.Pipeline;
using NlpPipeline.Core.Corpora;
using NlpPipeline.Core.Domain;
using NlpPipeline.Core.Labels;
using NlpPipeline.Core.Text;
using NlpPipeline.Storage;

namespace NlpPipeline.Cli.Benchmarks;

/// <summary>
/// Classification throughput: the stages and scoring paths on their own (preparing, featurizing, ML.NET's batch
/// <c>Transform</c> and <c>PredictionEngine</c>, the direct path on one thread and one per core), then end to end as <c>nlp classify</c> runs:
/// passages read from SQLite, prepared, scored and their predictions stored, in a fresh database
/// filled with the annotated corpus's texts (drawn at random per document and each copy marked, so no document is a duplicate).
/// </summary>
internal static class ClassificationBenchmark
{
    public const int PassagesPerDocument = 10;

    public static void Run(TextWriter w, ModelBundle bundle, ModelManifest manifest, string corpusFolder, int passages, int threads, bool withTransform,
        Action<string> progress)
    {
        var corpus = AnnotatedCorpusReader.ReadFolder(corpusFolder);
        var texts = corpus.Select(p => p.Text).ToList();
        // Each text with its corpus record's source kind, as nlp classify passes its source's.
        var sample = Enumerable.Range(0, Math.Min(passages, 20_000)).Select(i => corpus[i % corpus.Count]).Select(p => new ScoringInput(p.Text, p.SourceKind)).ToList();
        w.WriteLine($"Model {manifest.Version}; texts from {corpusFolder} (mean {texts.Average(t => t.Length):0} characters); {threads} thread(s) where parallel.");
        w.WriteLine($"nlp classify scores by: {bundle.ScoringPath}.");
        w.WriteLine();
        w.WriteLine("| path | passages | seconds | passages/s | CPU seconds | passages per CPU second |");
        w.WriteLine("| --- | --- | --- | --- | --- | --- |");
        // Warm-up: JIT (every path once over a few thousand passages, then a pause for the optimising recompilation), lazy loading.
        var warm = sample.Take(4000).ToList();
        bundle.Score(warm, manifest.Version);
        bundle.ScoreWithTransform(warm.Take(1000).ToList(), manifest.Version);
        Thread.Sleep(500);
        var languages = new LanguageIdentifier();
        Row(w, "prepare only (ClassifierText.Prepare), 1 thread", sample.Count, Time(() => sample.ForEach(t => ClassifierText.Prepare(t.Text, languages))));
        Row(w, "prepare + hashed n-grams, 1 thread", sample.Count, Time(() => bundle.FeaturizeOnly(sample)));
        Row(w, "prepare + n-grams + ML.NET batch Transform (reference), 1 thread", sample.Count, Time(() => bundle.WithParallelism(1).ScoreWithTransform(sample, manifest.Version)));
        Row(w, "prepare + n-grams + PredictionEngine loop, 1 thread", sample.Count, Time(() => bundle.ScoreWithEngines(sample, manifest.Version, 1)));
        if (bundle.ScoresDirectly)
        {
            Row(w, "prepare + n-grams + direct scoring (nlp classify), 1 thread", sample.Count, Time(() => bundle.WithParallelism(1).Score(sample, manifest.Version)));
            Row(w, $"prepare + n-grams + direct scoring, {threads} chunks in parallel", sample.Count, Time(() => bundle.Score(sample, manifest.Version)));
        }
        else Row(w, $"batch Transform, {threads} chunks in parallel", sample.Count, Time(() => bundle.Score(sample, manifest.Version)));

        Stages(w, bundle, manifest, texts, passages, progress);
        if (withTransform) EndToEnd(w, bundle.WithTransformOnly(), manifest, texts, passages, "end to end with ML.NET batch Transform (before)", progress);
        EndToEnd(w, bundle, manifest, texts, passages, $"end to end: SQLite → prepare → score → SQLite (nlp classify, {(bundle.ScoresDirectly ? "direct" : "Transform")})", progress);
    }

    /// <summary>
    /// The three stages of <c>nlp classify</c> one after the other instead of overlapped, each timed on its own over all
    /// passages: reading the unscored passages in batches, scoring them (every core), saving the predictions with
    /// their weekly aggregates in batches (one thread).
    /// </summary>
    private static void Stages(TextWriter w, ModelBundle bundle, ModelManifest manifest, IReadOnlyList<string> texts, int passages, Action<string> progress)
    {
        WithDatabase(texts, passages, progress, db =>
        {
            var predictions = new PredictionStore(db);
            predictions.RegisterModel(new ModelRecord(manifest.Version, manifest.CreatedAt, manifest.TrainingDataSha256, manifest.IntentThreshold, "{}"));
            var batches = new List<IReadOnlyList<(long PassageId, string Text, SourceKind Kind)>>();
            Row(w, $"stage: read unscored passages from SQLite, batches of {ScoringRunner.BatchSize}, 1 thread", passages, Time(() =>
            {
                for (var last = 0L; predictions.NextUnscored(manifest.Version, ScoringRunner.BatchSize, last) is { Count: > 0 } batch; last = batch[^1].PassageId)
                    batches.Add(batch);
            }));
            var scores = new List<IReadOnlyList<PassageScores>>();
            Row(w, $"stage: prepare + n-grams + score, {bundle.Parallelism} thread(s)", passages, Time(() =>
            {
                foreach (var batch in batches) scores.Add(bundle.Score(batch.Select(b => new ScoringInput(b.Text, b.Kind)).ToList(), manifest.Version));
            }));
            Row(w, "stage: save predictions + weekly aggregates, 1 thread", passages, Time(() =>
            {
                for (var i = 0; i < batches.Count; i++) predictions.Save(batches[i].Select((b, j) => (b.PassageId, scores[i][j])).ToList());
            }));
        });
    }

    private static void WithDatabase(IReadOnlyList<string> texts, int passages, Action<string> progress, Action<NlpDatabase> run)
    {
        var dir = Path.Combine(Path.GetTempPath(), "nlp-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        try
        {
            using var db = NlpDatabase.Open(Path.Combine(dir, "bench.db"));
            progress($"Storing {passages} passages in {db.Path} (not timed)");
            Fill(db, texts, passages);
            run(db);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        }
    }

    private static void EndToEnd(TextWriter w, ModelBundle bundle, ModelManifest manifest, IReadOnlyList<string> texts, int passages, string name, Action<string> progress) =>
        WithDatabase(texts, passages, progress, db =>
        {
            progress($"Classifying them as 'nlp classify' does (timed): {name}");
            var runner = new ScoringRunner(NullLogger<ScoringRunner>.Instance);
            var scored = 0;
            var time = Time(() => scored = runner.ScoreUnscored(db, bundle, manifest, CancellationToken.None));
            Row(w, name, scored, time);
            w.WriteLine(string.Format(CultureInfo.InvariantCulture,
                "| (the thread that reads and saves while batches are scored: reading {0:0.00} s, saving {1:0.00} s, waiting for scores {2:0.00} s) | | | | | |",
                runner.LastStages.Read, runner.LastStages.Save, runner.LastStages.WaitForScores));
        });

    private static void Fill(NlpDatabase db, IReadOnlyList<string> texts, int passages)
    {
        new RunStore(db).UpsertSource(new Source("bench", "Benchmark", SourceType.Feed, new Uri("https://bench.example/feed"), null, SourceKind.Social));
        var store = new DocumentStore(db);
        var at = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        // Each document draws its passages at random (seeded), so no two documents are near-copies of each other
        // (DocumentStore would keep such a copy as a duplicate, without passages to classify).
        var random = new Random(1);
        for (var start = 0; start < passages; start += PassagesPerDocument)
        {
            var n = Math.Min(PassagesPerDocument, passages - start);
            var paragraphs = Enumerable.Range(start, n).Select(i => $"{texts[random.Next(texts.Count)]} ({i})").ToList();
            var url = new Uri($"https://bench.example/{start}");
            var document = new Document(url, url, "bench", at, at, null, paragraphs);
            store.Save(document, paragraphs.Select((p, i) => new Passage(i, p, Language.Russian, 1)).ToList(), new LanguageGuess(Language.Russian, 1), null);
        }
    }

    /// <summary>Wall-clock and CPU seconds (all threads of this process): on a machine shared with other work, the CPU
    /// seconds show what the path costs, whatever the wall clock lost to the other processes.</summary>
    private static (double Wall, double Cpu) Time(Action a)
    {
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        a();
        process.Refresh();
        return (clock.Elapsed.TotalSeconds, (process.TotalProcessorTime - cpu).TotalSeconds);
    }

    private static void Row(TextWriter w, string path, int passages, (double Wall, double Cpu) t) =>
        w.WriteLine(string.Format(CultureInfo.InvariantCulture, "| {0} | {1:N0} | {2:0.00} | {3:N0} | {4:0.00} | {5:N0} |",
            path, passages, t.Wall, passages / t.Wall, t.Cpu, passages / t.Cpu));
}
