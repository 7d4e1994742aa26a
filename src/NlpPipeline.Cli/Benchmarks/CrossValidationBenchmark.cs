using System.Globalization;
using NlpPipeline.Classification.Training;
using NlpPipeline.Core.Corpora;

namespace NlpPipeline.Cli.Benchmarks;

/// <summary>
/// Model selection: k-fold cross-validation of classifier configurations on the training part of the
/// annotated corpus (the fixed split's train + dev; the test part is never read), as Markdown tables.
/// </summary>
internal static class CrossValidationBenchmark
{
    public static void Run(TextWriter w, string corpusFolder, IReadOnlyList<ClassifierConfig> configs, int folds, int seed, int parallelism,
        Action<string> progress, CancellationToken ct)
    {
        var corpus = AnnotatedCorpusReader.ReadFolder(corpusFolder);
        var split = CorpusSplit.Assign(corpus);
        var training = corpus.Where(p => split[p.Id] != Split.Test).ToList();
        var rows = ModelTrainer.Prepare(training);
        var ids = training.Select(p => p.Id).ToList();
        w.WriteLine($"{folds}-fold cross-validation (seed {seed}) on the training part of {corpusFolder}: {training.Count} of {corpus.Count} passages; test part not read.");
        w.WriteLine();
        var results = new List<CrossValidationResult>();
        foreach (var config in configs)
        {
            ct.ThrowIfCancellationRequested();
            progress($"Cross-validating {config.Name}: {config.Describe()}");
            var r = CrossValidator.Run(ids, rows, config, folds, seed, parallelism, progress).Result;
            results.Add(r);
            progress(string.Format(CultureInfo.InvariantCulture, "{0}: intent {1:0.000}, sentiment {2:0.000}, topics {3:0.000} ({4:0} s)",
                r.Config, r.Mean.IntentMacroF1, r.Mean.SentimentMacroF1, r.Mean.TopicMicroF1, r.Seconds));
        }
        w.WriteLine("| config | intent macro-F1 | intent acc. | sentiment macro-F1 | sentiment acc. | topics micro-F1 | topics macro-F1 | mean of the three F1 | seconds |");
        w.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var r in results)
            w.WriteLine(string.Format(CultureInfo.InvariantCulture,
                "| {0} | {1:0.000} ± {2:0.000} | {3:0.000} | {4:0.000} ± {5:0.000} | {6:0.000} | {7:0.000} ± {8:0.000} | {9:0.000} | {10:0.000} | {11:0} |",
                r.Config, r.Mean.IntentMacroF1, r.StdDev.IntentMacroF1, r.Mean.IntentAccuracy, r.Mean.SentimentMacroF1, r.StdDev.SentimentMacroF1,
                r.Mean.SentimentAccuracy, r.Mean.TopicMicroF1, r.StdDev.TopicMicroF1, r.Mean.TopicMacroF1, r.Mean.Headline, r.Seconds));
        w.WriteLine();
        w.WriteLine("By language (out-of-fold predictions pooled over the folds): intent macro-F1 / sentiment macro-F1 / topics micro-F1");
        w.WriteLine();
        var languages = results.SelectMany(r => r.ByLanguage.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        w.WriteLine("| config | " + string.Join(" | ", languages) + " |");
        w.WriteLine("| --- | " + string.Join(" | ", languages.Select(_ => "---")) + " |");
        foreach (var r in results)
            w.WriteLine($"| {r.Config} | " + string.Join(" | ", languages.Select(l => r.ByLanguage.TryGetValue(l, out var s)
                ? string.Format(CultureInfo.InvariantCulture, "{0:0.000} / {1:0.000} / {2:0.000}", s.IntentMacroF1, s.SentimentMacroF1, s.TopicMicroF1) : "–")) + " |");
        w.WriteLine();
        foreach (var r in results) w.WriteLine($"- {r.Config}: {r.Description}");
    }
}
