using System.Globalization;
using NlpPipeline.Classification.Evaluation;
using NlpPipeline.Classification.Features;
using NlpPipeline.Classification.Schema;
using NlpPipeline.Classification.Training;
using NlpPipeline.Core.Labels;
using NlpPipeline.Core.Corpora;

namespace NlpPipeline.Cli.Benchmarks;

/// <summary>
/// Model selection: k-fold cross-validation of classifier configurations on the training part of the
/// annotated corpus (the fixed split's train + dev; the test part is never read), as Markdown tables.
/// </summary>
internal static class CrossValidationBenchmark
{
    public static void Run(TextWriter w, string corpusFolder, IReadOnlyList<ClassifierConfig> configs, int folds, int seed, int parallelism,
        Action<string> progress, CancellationToken ct, double trainShare = 1)
    {
        var corpus = AnnotatedCorpusReader.ReadFolder(corpusFolder);
        var split = CorpusSplit.Assign(corpus);
        var training = corpus.Where(p => split[p.Id] != Split.Test).ToList();
        var rows = ModelTrainer.Prepare(training);
        var ids = training.Select(p => p.Id).ToList();
        w.WriteLine($"{folds}-fold cross-validation (seed {seed}) on the training part of {corpusFolder}: {training.Count} of {corpus.Count} passages; test part not read." +
            (trainShare < 1 ? string.Format(CultureInfo.InvariantCulture, " Learning curve: each fold's models fitted on {0:0%} of the other folds' passages.", trainShare) : ""));
        w.WriteLine();
        var results = new List<CrossValidationResult>();
        var perLanguageThresholds = new List<(string Config, double Shared, double PerLanguage, double Common, double SharedSd, double PerLanguageSd, double CommonSd)>();
        CrossValidator.Outcome? first = null;
        var outcomes = new List<CrossValidator.Outcome>();
        foreach (var config in configs)
        {
            ct.ThrowIfCancellationRequested();
            progress($"Cross-validating {config.Name}: {config.Describe()}");
            var outcome = CrossValidator.Run(ids, rows, config, folds, seed, parallelism, progress, trainShare);
            first ??= outcome;
            outcomes.Add(outcome);
            perLanguageThresholds.Add(ThresholdsByLanguage(config.Name, ids, rows, outcome, folds, seed));
            var r = outcome.Result;
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
        w.WriteLine("Calibration of the out-of-fold topic probabilities (pooled over topics): mean p on positives / on negatives, share of positives below 0.10, Brier score, expected calibration error (10 bins)");
        w.WriteLine();
        w.WriteLine("| config | mean p, positives | mean p, negatives | positives below 0.10 | Brier | ECE |");
        w.WriteLine("| --- | --- | --- | --- | --- | --- |");
        foreach (var r in results.Where(r => r.TopicCalibration is not null))
        {
            var c = r.TopicCalibration!;
            w.WriteLine(string.Format(CultureInfo.InvariantCulture, "| {0} | {1:0.000} | {2:0.000} | {3:0.000} | {4:0.0000} | {5:0.0000} |",
                r.Config, c.MeanOnPositives, c.MeanOnNegatives, c.PositivesBelow010, c.Brier, c.Ece));
        }
        w.WriteLine();
        if (results.Any(r => r.UnknownKind is not null))
        {
            w.WriteLine("Source kind withheld (a text with no source): the same out-of-fold passages scored by the models that read the kind, with the kind unknown; " +
                        "pooled over the folds: intent macro-F1 / sentiment macro-F1 / topics micro-F1 (and the mean of the three), overall and by language");
            w.WriteLine();
            w.WriteLine("| config | all | mean of the three F1 | " + string.Join(" | ", languages) + " |");
            w.WriteLine("| --- | --- | --- | " + string.Join(" | ", languages.Select(_ => "---")) + " |");
            static string Three(CvScores s) => string.Format(CultureInfo.InvariantCulture, "{0:0.000} / {1:0.000} / {2:0.000}", s.IntentMacroF1, s.SentimentMacroF1, s.TopicMicroF1);
            foreach (var r in results.Where(r => r.UnknownKind is not null))
                w.WriteLine($"| {r.Config} | {Three(r.UnknownKind!.Pooled)} | {r.UnknownKind.Pooled.Headline.ToString("0.000", CultureInfo.InvariantCulture)} | " +
                    string.Join(" | ", languages.Select(l => r.UnknownKind.ByLanguage.TryGetValue(l, out var s) ? Three(s) : "–")) + " |");
            w.WriteLine();
        }
        w.WriteLine("Other topic thresholds (a diagnostic, not what the model does): topics micro-F1 over the folds, mean ± s.d., with one " +
                    "threshold per topic tuned on the other folds (as above), one per topic and language (kk, ru, en, mixed) tuned on the other folds' " +
                    "passages of that language, and one threshold for every topic tuned for micro-F1 on the other folds");
        w.WriteLine();
        w.WriteLine("| config | per topic | per topic and language | one for all topics |");
        w.WriteLine("| --- | --- | --- | --- |");
        foreach (var (name, shared, perLanguage, common, sharedSd, perLanguageSd, commonSd) in perLanguageThresholds)
            w.WriteLine(string.Format(CultureInfo.InvariantCulture, "| {0} | {1:0.000} ± {2:0.000} | {3:0.000} ± {4:0.000} | {5:0.000} ± {6:0.000} |",
                name, shared, sharedSd, perLanguage, perLanguageSd, common, commonSd));
        w.WriteLine();
        foreach (var outcome in outcomes) WriteContextThresholds(w, ids, rows, outcome, folds, seed);
        foreach (var r in results) w.WriteLine($"- {r.Config}: {r.Description}");
        if (first is not null) WriteErrorsByLanguage(w, rows, first);
        foreach (var outcome in outcomes) WriteTopicErrors(w, training.Select(p => p.Text.Length).ToList(), rows, outcome);
    }

    /// <summary>The length groups of <see cref="WriteTopicErrors"/>, in characters of the passage's text: [lower, upper).</summary>
    private static readonly (string Name, int Lower, int Upper)[] LengthGroups =
        [("< 100 chars", 0, 100), ("100–300", 100, 300), ("300–600", 300, 600), ("≥ 600", 600, int.MaxValue)];

    /// <summary>
    /// Where the topic errors are (a diagnostic): the out-of-fold topic decisions (cross-fitted thresholds, as scored above) pooled
    /// by passage length (characters of the passage's text), by source kind and by topic: passages, gold (passage, topic) pairs,
    /// true positives, false topics, missed topics, precision, recall, micro-F1.
    /// </summary>
    private static void WriteTopicErrors(TextWriter w, IReadOnlyList<int> lengths, IReadOnlyList<TrainingRow> rows, CrossValidator.Outcome outcome)
    {
        w.WriteLine();
        w.WriteLine($"Topic errors out of fold, {outcome.Result.Config} (training part only; thresholds cross-fitted): micro-averaged over the group's (passage, topic) pairs");
        w.WriteLine();
        w.WriteLine("| group | passages | gold pairs | true | false topics | missed topics | precision | recall | micro-F1 |");
        w.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        var all = LabelNames.Topics.All;
        void Row(string name, IEnumerable<int> passages, IReadOnlyList<Topic> topics)
        {
            int n = 0, tp = 0, fp = 0, fn = 0;
            foreach (var i in passages)
            {
                n++;
                foreach (var t in topics)
                {
                    var g = rows[i].Topics.Contains(t);
                    var p = outcome.Decided[i].Contains(t);
                    if (g && p) tp++; else if (p) fp++; else if (g) fn++;
                }
            }
            var m = Scorer.Metrics(tp, fp, fn);
            w.WriteLine(string.Format(CultureInfo.InvariantCulture, "| {0} | {1:N0} | {2:N0} | {3:N0} | {4:N0} | {5:N0} | {6:0.000} | {7:0.000} | {8:0.000} |",
                name, n, tp + fn, tp, fp, fn, m.Precision, m.Recall, m.F1));
        }
        var every = Enumerable.Range(0, rows.Count).ToList();
        Row("all", every, all);
        foreach (var (name, lower, upper) in LengthGroups) Row(name, every.Where(i => lengths[i] >= lower && lengths[i] < upper), all);
        var pieces = rows.Select(r => PreparedSentenceSplitter.Split(r.Text).Count).ToList();
        Row("1 sentence (PreparedSentenceSplitter)", every.Where(i => pieces[i] <= 1), all);
        Row("2 sentences", every.Where(i => pieces[i] == 2), all);
        Row("3–4 sentences", every.Where(i => pieces[i] is 3 or 4), all);
        Row("≥ 5 sentences", every.Where(i => pieces[i] >= 5), all);
        foreach (var kind in every.GroupBy(i => rows[i].Kind?.ToString().ToLowerInvariant() ?? "unknown").OrderBy(g => g.Key, StringComparer.Ordinal))
            Row($"kind {kind.Key}", kind, all);
        Row("no gold topic", every.Where(i => rows[i].Topics.Count == 0), all);
        Row("1 gold topic", every.Where(i => rows[i].Topics.Count == 1), all);
        Row("≥ 2 gold topics", every.Where(i => rows[i].Topics.Count >= 2), all);
        foreach (var topic in all) Row($"topic {topic.ToWire()}", every, [topic]);
        // A missed topic and a false one in the same passage: the model put the passage under a neighbouring topic.
        var swaps = new Dictionary<(Topic Missed, Topic Instead), int>();
        int missed = 0, missedWithSwap = 0;
        foreach (var i in every)
        {
            var wrong = outcome.Decided[i].Where(t => !rows[i].Topics.Contains(t)).ToList();
            foreach (var gold in rows[i].Topics.Where(t => !outcome.Decided[i].Contains(t)))
            {
                missed++;
                if (wrong.Count > 0) missedWithSwap++;
                foreach (var instead in wrong) swaps[(gold, instead)] = swaps.GetValueOrDefault((gold, instead)) + 1;
            }
        }
        w.WriteLine();
        w.WriteLine(string.Format(CultureInfo.InvariantCulture,
            "Missed topics with a false topic in the same passage: {0:N0} of {1:N0}; the most frequent pairs (missed → predicted instead): {2}",
            missedWithSwap, missed, string.Join(", ", swaps.OrderByDescending(x => x.Value).ThenBy(x => x.Key.Missed).ThenBy(x => x.Key.Instead).Take(12)
                .Select(x => $"{x.Key.Missed.ToWire()} → {x.Key.Instead.ToWire()} {x.Value}"))));
        if (outcome.SentenceMix is { } mix)
        {
            w.WriteLine();
            w.WriteLine("Sentence mix fitted on every passage (logistic regression per topic): coefficient of the passage's log-odds / of the best sentence's / intercept");
            w.WriteLine();
            w.WriteLine("| " + string.Join(" | ", all.Select(t => t.ToWire())) + " |");
            w.WriteLine("| " + string.Join(" | ", all.Select(_ => "---")) + " |");
            w.WriteLine("| " + string.Join(" | ", mix.Select(b => string.Format(CultureInfo.InvariantCulture, "{0:0.00} / {1:0.00} / {2:0.00}", b[0], b[1], b[2]))) + " |");
        }
    }

    /// <summary>
    /// Topics micro-F1 per fold (mean, s.d.) of the out-of-fold probabilities decided with thresholds tuned on the other folds,
    /// shared by all languages (as <see cref="CrossValidator"/> does) and per language.
    /// </summary>
    private static (string, double, double, double, double, double, double) ThresholdsByLanguage(string name, IReadOnlyList<string> ids, IReadOnlyList<TrainingRow> rows,
        CrossValidator.Outcome outcome, int folds, int seed)
    {
        var fold = CrossValidator.AssignFolds(ids, rows, folds, seed);
        var probabilities = outcome.OutOfFold.Select(o => o.TopicProbs).ToList();
        var gold = rows.Select(r => r.Topics).ToList();
        var shared = new IReadOnlySet<Topic>[rows.Count];
        var byLanguage = new IReadOnlySet<Topic>[rows.Count];
        var common = new IReadOnlySet<Topic>[rows.Count];
        var topics = LabelNames.Topics.All;
        for (var k = 0; k < folds; k++)
        {
            var kk = k;
            var best = (Threshold: 0.5, F1: -1.0);
            foreach (var candidate in TopicThresholds.Grid)
            {
                int tp = 0, fp = 0, fn = 0;
                for (var i = 0; i < rows.Count; i++)
                    if (fold[i] != k)
                        for (var t = 0; t < topics.Count; t++)
                        {
                            var p = probabilities[i][t] >= candidate;
                            var g = gold[i].Contains(topics[t]);
                            if (p && g) tp++; else if (p) fp++; else if (g) fn++;
                        }
                var f1 = Scorer.Metrics(tp, fp, fn).F1;
                if (f1 > best.F1) best = (candidate, f1);
            }
            var one = Enumerable.Repeat(best.Threshold, topics.Count).ToArray();
            for (var i = 0; i < rows.Count; i++) if (fold[i] == k) common[i] = CrossValidator.Decide(probabilities[i], one);
            var th = TopicThresholds.Tune(probabilities, gold, Enumerable.Range(0, rows.Count).Where(i => fold[i] != kk));
            foreach (var language in rows.Select(r => r.Language).Distinct())
            {
                var own = TopicThresholds.Tune(probabilities, gold, Enumerable.Range(0, rows.Count).Where(i => fold[i] != kk && rows[i].Language == language));
                for (var i = 0; i < rows.Count; i++)
                    if (fold[i] == k && rows[i].Language == language)
                    {
                        shared[i] = CrossValidator.Decide(probabilities[i], th);
                        byLanguage[i] = CrossValidator.Decide(probabilities[i], own);
                    }
            }
        }
        double Micro(IReadOnlySet<Topic>[] decided, int k)
        {
            var idx = Enumerable.Range(0, rows.Count).Where(i => fold[i] == k).ToList();
            return Scorer.MultiLabel(idx.Select(i => (IReadOnlySet<string>)gold[i].Select(t => t.ToWire()).ToHashSet()).ToList(),
                idx.Select(i => (IReadOnlySet<string>)decided[i].Select(t => t.ToWire()).ToHashSet()).ToList(), LabelNames.Topics.Names).MicroF1;
        }
        var a = Enumerable.Range(0, folds).Select(k => Micro(shared, k)).ToList();
        var b = Enumerable.Range(0, folds).Select(k => Micro(byLanguage, k)).ToList();
        var c = Enumerable.Range(0, folds).Select(k => Micro(common, k)).ToList();
        static double Sd(List<double> xs) => Math.Sqrt(xs.Sum(x => (x - xs.Average()) * (x - xs.Average())) / (xs.Count - 1));
        return (name, a.Average(), b.Average(), c.Average(), Sd(a), Sd(b), Sd(c));
    }

    /// <summary>
    /// Thresholds that know the passage's other topics (a diagnostic, <see cref="ContextThresholds"/>): for each fold, the first-pass
    /// thresholds and every variant's thresholds are tuned on the other folds' out-of-fold probabilities and applied to the fold's own.
    /// Topics micro-F1 mean ± s.d. over the folds, macro-F1 mean, the paired differences from the per-topic thresholds fold by fold,
    /// pooled micro-F1 by language, recall on passages with two or more gold topics and false topics on passages with none.
    /// </summary>
    private static void WriteContextThresholds(TextWriter w, IReadOnlyList<string> ids, IReadOnlyList<TrainingRow> rows, CrossValidator.Outcome outcome,
        int folds, int seed)
    {
        var fold = CrossValidator.AssignFolds(ids, rows, folds, seed);
        var probabilities = outcome.OutOfFold.Select(o => o.TopicProbs).ToList();
        var gold = rows.Select(r => r.Topics).ToList();
        var n = rows.Count;
        var variants = new (string Name, ContextThresholds.ContextKind Kind, ContextThresholds.Objective Objective)[]
        {
            ("one per topic, topic F1 (the model's)", ContextThresholds.ContextKind.None, ContextThresholds.Objective.TopicF1),
            ("one per topic, micro-F1", ContextThresholds.ContextKind.None, ContextThresholds.Objective.MicroF1),
            ("two per topic (other topic above / none), topic F1", ContextThresholds.ContextKind.OtherAbove, ContextThresholds.Objective.TopicF1),
            ("two per topic, micro-F1", ContextThresholds.ContextKind.OtherAbove, ContextThresholds.Objective.MicroF1),
            ("none / strongest other < 0.4, 0.4–0.7, ≥ 0.7, topic F1", ContextThresholds.ContextKind.StrongestOtherBucket, ContextThresholds.Objective.TopicF1),
            ("none / strongest other buckets, micro-F1", ContextThresholds.ContextKind.StrongestOtherBucket, ContextThresholds.Objective.MicroF1),
        };
        var decided = variants.Select(_ => new IReadOnlySet<Topic>[n]).ToArray();
        for (var k = 0; k < folds; k++)
        {
            var kk = k;
            var others = Enumerable.Range(0, n).Where(i => fold[i] != kk).ToList();
            var first = TopicThresholds.Tune(probabilities, gold, others);
            for (var v = 0; v < variants.Length; v++)
            {
                // The first variant is exactly the model's thresholds (checked below against the cross-validation's own decisions).
                var th = v == 0 ? first.Select(x => new[] { x }).ToArray()
                    : ContextThresholds.Tune(probabilities, gold, others, first, variants[v].Kind, variants[v].Objective);
                for (var i = 0; i < n; i++)
                    if (fold[i] == k) decided[v][i] = ContextThresholds.Decide(probabilities[i], first, th, variants[v].Kind);
            }
        }
        var agrees = Enumerable.Range(0, n).All(i => decided[0][i].SetEquals(outcome.Decided[i]));
        TopicMetrics Metrics(IReadOnlySet<Topic>[] d, IEnumerable<int> idx)
        {
            var list = idx.ToList();
            return Scorer.MultiLabel(list.Select(i => (IReadOnlySet<string>)gold[i].Select(t => t.ToWire()).ToHashSet()).ToList(),
                list.Select(i => (IReadOnlySet<string>)d[i].Select(t => t.ToWire()).ToHashSet()).ToList(), LabelNames.Topics.Names);
        }
        var languages = rows.Select(r => r.Language.ToWire()).Distinct().Order(StringComparer.Ordinal).ToList();
        w.WriteLine($"Topic thresholds that know the other topics, {outcome.Result.Config} (a diagnostic): each fold decided with first-pass and context thresholds " +
                    $"tuned on the other folds; topics micro-F1 mean ± s.d. over the folds, macro-F1 mean, paired difference from the first row fold by fold, " +
                    $"pooled micro-F1 by language, recall on passages with ≥ 2 gold topics, false topics on passages with none" +
                    (agrees ? "" : " (WARNING: the first row's decisions differ from the cross-validation's)"));
        w.WriteLine();
        w.WriteLine("| thresholds | micro-F1 | macro-F1 | paired Δ by fold | " + string.Join(" | ", languages) + " | recall, ≥ 2 gold | false topics, no gold |");
        w.WriteLine("| --- | --- | --- | --- | " + string.Join(" | ", languages.Select(_ => "---")) + " | --- | --- |");
        var baseline = Enumerable.Range(0, folds).Select(k => Metrics(decided[0], Enumerable.Range(0, n).Where(i => fold[i] == k)).MicroF1).ToList();
        for (var v = 0; v < variants.Length; v++)
        {
            var perFold = Enumerable.Range(0, folds).Select(k => Metrics(decided[v], Enumerable.Range(0, n).Where(i => fold[i] == k))).ToList();
            var micro = perFold.Select(m => m.MicroF1).ToList();
            var sd = Math.Sqrt(micro.Sum(x => (x - micro.Average()) * (x - micro.Average())) / (micro.Count - 1));
            var byLanguage = languages.Select(l => Metrics(decided[v], Enumerable.Range(0, n).Where(i => rows[i].Language.ToWire() == l)).MicroF1);
            int tpMulti = 0, fnMulti = 0, fpNone = 0;
            for (var i = 0; i < n; i++)
            {
                if (gold[i].Count >= 2) foreach (var t in gold[i]) if (decided[v][i].Contains(t)) tpMulti++; else fnMulti++;
                if (gold[i].Count == 0) fpNone += decided[v][i].Count;
            }
            w.WriteLine(string.Format(CultureInfo.InvariantCulture, "| {0} | {1:0.0000} ± {2:0.0000} | {3:0.0000} | {4} | {5} | {6:0.000} | {7:N0} |",
                variants[v].Name, micro.Average(), sd, perFold.Average(m => m.MacroF1),
                string.Join(", ", micro.Select((x, k) => (x - baseline[k]).ToString("+0.0000;−0.0000;0", CultureInfo.InvariantCulture))),
                string.Join(" | ", byLanguage.Select(x => x.ToString("0.000", CultureInfo.InvariantCulture))),
                (double)tpMulti / Math.Max(1, tpMulti + fnMulti), fpNone));
        }
        w.WriteLine();
        var all = Enumerable.Range(0, n).ToList();
        var firstAll = TopicThresholds.Tune(probabilities, gold, all);
        var two = ContextThresholds.Tune(probabilities, gold, all, firstAll, ContextThresholds.ContextKind.OtherAbove, ContextThresholds.Objective.TopicF1);
        w.WriteLine("Tuned on every passage, per topic: first pass / no other topic above / some other topic above (two per topic, topic F1): " +
            string.Join(", ", LabelNames.Topics.All.Select((t, j) => string.Format(CultureInfo.InvariantCulture, "{0} {1:0.00} / {2:0.00} / {3:0.00}",
                t.ToWire(), firstAll[j], two[j][0], two[j][1]))));
        w.WriteLine();
    }

    /// <summary>Per-label F1 of intent and sentiment by language, from the first configuration's out-of-fold predictions.</summary>
    private static void WriteErrorsByLanguage(TextWriter w, IReadOnlyList<TrainingRow> rows, CrossValidator.Outcome outcome)
    {
        w.WriteLine();
        w.WriteLine($"Out-of-fold F1 per label and language, {outcome.Result.Config} (training part only):");
        void Table(string task, IReadOnlyList<string> labels, Func<TrainingRow, string> gold, Func<ModelOutput, string> predicted)
        {
            w.WriteLine();
            w.WriteLine($"| {task} | " + string.Join(" | ", labels) + " | macro-F1 |");
            w.WriteLine("| --- | " + string.Join(" | ", labels.Select(_ => "---")) + " | --- |");
            foreach (var group in Enumerable.Range(0, rows.Count).GroupBy(i => rows[i].Language.ToWire()).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var m = Scorer.Multiclass(group.Select(i => gold(rows[i])).ToList(), group.Select(i => predicted(outcome.OutOfFold[i])).ToList(), labels);
                w.WriteLine($"| {group.Key} ({group.Count()}) | " + string.Join(" | ", labels.Select(l => m.PerLabel[l].F1.ToString("0.000", CultureInfo.InvariantCulture))) +
                    $" | {m.MacroF1.ToString("0.000", CultureInfo.InvariantCulture)} |");
            }
        }
        Table("intent", LabelNames.Intents.Names, r => r.Intent.ToWire(), o => CrossValidator.IntentOf(o).ToWire());
        Table("sentiment", LabelNames.Sentiments.Names, r => r.Sentiment.ToWire(), o => CrossValidator.SentimentOf(o).ToWire());
    }
}
