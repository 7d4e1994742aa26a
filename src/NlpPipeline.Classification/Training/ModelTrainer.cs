using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.ML;
using NlpPipeline.Classification.Evaluation;
using NlpPipeline.Classification.Features;
using NlpPipeline.Classification.Scoring;
using NlpPipeline.Core.Corpora;
using NlpPipeline.Core.Domain;
using NlpPipeline.Core.Labels;
using NlpPipeline.Core.Text;

namespace NlpPipeline.Classification.Training;

/// <summary>
/// Trains the three tasks with one <see cref="ClassifierConfig"/> (by default the one chosen by
/// cross-validation, docs/classifier.md). Everything that is chosen is chosen on the training part
/// (the fixed split's train + dev): k-fold cross-validation gives out-of-fold topic probabilities, on
/// which each topic's threshold is tuned, and the cross-validated scores recorded in the card; then one
/// fit on the whole training part is measured once on the test part, which no choice has seen.
/// </summary>
public sealed class ModelTrainer(ILogger<ModelTrainer> log, TimeProvider time)
{
    public const string TextPreparation =
        "ClassifierText.Prepare (NFC, lower case, ё→е, quotes/dashes unified, URLs/e-mails/@mentions/phones left out, " +
        "emoji as tokens, Latin-script Kazakh transliterated to Cyrillic), then punctuation and spaces as word separators";

    /// <summary>
    /// Trains on the training part of <paramref name="corpus"/> plus <paramref name="extraTraining"/> (passages
    /// annotated in the database), which go to training only: the test part is always the corpus's fixed test
    /// split. An extra passage whose id is already in the corpus, or whose text is a copy or near-copy of a
    /// test passage, is left out, so nothing the model is measured on leaks into its training.
    /// </summary>
    public TrainedModel Train(IReadOnlyList<AnnotatedPassage> corpus, IReadOnlyList<string> files, TrainingOptions options,
        IReadOnlyList<AnnotatedPassage>? extraTraining = null)
    {
        var clock = Stopwatch.StartNew();
        var config = ClassifierConfig.Find(options.Config) ?? throw new ArgumentException($"Unknown configuration '{options.Config}'.", nameof(options));
        if (config.PerLanguage) throw new NotSupportedException("Per-language models are compared by cross-validation only; 'nlp train' saves one shared model.");
        if (config.SentenceTopics is not null)
            throw new NotSupportedException("Sentence-level topic scoring is compared by cross-validation only (docs/classifier.md, seventh round (b)); a saved model cannot record it.");
        if (config.TopicCount is not null)
            throw new NotSupportedException("A topic-count model is compared by cross-validation only (docs/classifier.md, eighth round (a)); a saved model cannot record it.");
        if (config.Boosting is not null)
            throw new NotSupportedException("The boosted second stage is compared by cross-validation only (docs/classifier.md, eighth round (b)); a saved model cannot record it.");
        if (config.Network is not null)
            throw new NotSupportedException("The topic network is compared by cross-validation only (docs/classifier.md, tenth round (b)); a saved model cannot record it.");
        var split = CorpusSplit.Assign(corpus);
        var test = corpus.Where(p => split[p.Id] == Split.Test).ToList();
        var extra = ExtraTraining(extraTraining ?? [], corpus, test);
        var training = corpus.Where(p => split[p.Id] != Split.Test).Concat(extra).ToList();
        var all = corpus.Concat(extra).ToList();
        if (training.Count < 20 * options.Folds || test.Count == 0)
            throw new InvalidOperationException($"The corpus is too small to train and evaluate ({training.Count} training, {test.Count} test passages); need at least {20 * options.Folds} training and some test passages.");

        var phases = new PhaseClock();
        var rows = Prepare(training);
        phases.Lap("prepare");
        var ids = training.Select(p => p.Id).ToList();
        log.LogInformation("Cross-validating {Config} on {Count} training passages ({Folds} folds) to tune topic thresholds, fitting on all of them alongside",
            config.Name, rows.Count, options.Folds);
        // The final fit's learners need nothing from the cross-validation, only its topic sigmoids at the end: they are fitted in the
        // same pool as the folds (their own seeded context, so the order does not matter) and completed with those sigmoids after.
        var ml = new MLContext(options.Seed);
        ModelFitter.PendingFit? pending = null;
        var cv = CrossValidator.Run(ids, rows, config, options.Folds, options.Seed, options.Parallelism, m => log.LogDebug("{Message}", m),
            alongside: () =>
            {
                pending = ModelFitter.FitLearners(ml, rows, config, CrossValidator.GivesTopicPlatt(config), m => log.LogDebug("final fit: {Message}", m));
                log.LogDebug("final fit: learners done");
            });
        var thresholds = LabelNames.Topics.Names.Select((t, i) => (t, i)).ToDictionary(x => x.t, x => cv.Thresholds[x.i]);
        phases.Lap("cross-validation and final learners");
        log.LogInformation("CV intent macro-F1 {Intent:0.000}, sentiment macro-F1 {Sentiment:0.000}, topics micro-F1 {Topics:0.000} ({Seconds:0} s)",
            cv.Result.Mean.IntentMacroF1, cv.Result.Mean.SentimentMacroF1, cv.Result.Mean.TopicMicroF1, cv.Result.Seconds);

        log.LogInformation("Evaluating the fit on all {Count} training passages on {Test} test passages", rows.Count, test.Count);
        var final = pending!.Complete(cv.TopicPlatt, cv.TopicStacking);
        phases.Lap("final sigmoids");
        var bundle = new ModelBundle(ml, final.Transformer, final.Featurizer, LabelNames.Intents.Names, LabelNames.Sentiments.Names, LabelNames.Topics.Names, thresholds);
        var report = Evaluate(bundle, test);
        phases.Lap("evaluation");

        var dataHash = DataHash(all);
        var preparedHash = PreparedTextHash(all);
        var configHash = ContentHash.Sha256Hex($"{dataHash}|{preparedHash}|{options.Seed}|{options.Folds}|{config.Describe()}|{HashedNgramFeaturizer.Name} v{final.Featurizer.Version}|{options.IntentThreshold}" +
            // The concept lexicon (v3) is data, not description: a model trained with an edited lexicon gets another version.
            (final.Featurizer.Concepts is { } concepts ? $"|concepts {concepts.Sha256}" : ""))[..8];
        phases.Lap("hashes");
        var now = time.GetUtcNow();
        var version = $"{now:yyyyMMdd}-{configHash}";
        var counts = TrainingLabelCounts.From(training);
        var heldOut = ModelEvaluation.Run(bundle, version, counts, test, HeldOutEvaluator.DefaultResamples, options.Seed);
        phases.Lap("held-out evaluation");
        var withoutNeighbours = WithoutNeighbours(bundle, version, counts, test, training, options.Seed);
        phases.Lap("held-out evaluation without close training neighbours");
        log.LogInformation("Training phases: {Phases}", phases);
        var manifest = new ModelManifest
        {
            Version = version,
            CreatedAt = now,
            Seed = options.Seed,
            TrainingDataSha256 = dataHash,
            PreparedTextSha256 = preparedHash,
            Corpus = new CorpusSummary(files,
                corpus.Count,
                corpus.GroupBy(p => p.Language.ToWire()).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
                new Dictionary<string, int> { ["training"] = training.Count, ["test"] = test.Count }),
            StoreAnnotations = extra.Count,
            Features = $"{TextPreparation}; {config.Features}{config.KindTraining}",
            Featurizer = FeaturizerRecord.Of(final.Featurizer),
            Trainers = $"intent: {config.Intent}; sentiment: {config.Sentiment}; topics: {config.Topics}, one calibrated binary model per topic" +
                (config.TopicNaiveBayes is { } nb && config.TopicsNeedCalibration ? $", trained on features scaled by {nb}" : "") +
                (cv.TopicPlatt is null ? "" : config.Calibration == TopicCalibrationMode.OutOfFoldRecalibration
                    ? $" (Platt sigmoid fitted on its training scores, then recalibrated on {options.Folds}-fold out-of-fold probabilities)"
                    : $" (Platt sigmoid fitted on {options.Folds}-fold out-of-fold scores)") +
                $", threshold tuned on {options.Folds}-fold out-of-fold probabilities",
            IntentLabels = bundle.IntentLabels,
            SentimentLabels = bundle.SentimentLabels,
            TopicLabels = bundle.TopicLabels,
            IntentThreshold = options.IntentThreshold,
            TopicThresholds = thresholds,
            Metrics = report,
            CrossValidation = cv.Result,
            TrainingLabels = counts,
            HeldOut = heldOut,
            HeldOutWithoutNeighbours = withoutNeighbours,
            TrainingSeconds = Math.Round(clock.Elapsed.TotalSeconds, 1),
        };
        return new TrainedModel(ml, final.Transformer, final.InputSchema, final.Featurizer, manifest);
    }

    /// <summary>The held-out evaluation again, on the test passages whose word overlap with every training passage is below
    /// <see cref="TrainingNeighbours.DefaultThreshold"/>; null when none is.</summary>
    private HeldOutWithoutNeighbours? WithoutNeighbours(ModelBundle bundle, string version, TrainingLabelCounts counts,
        IReadOnlyList<AnnotatedPassage> test, IReadOnlyList<AnnotatedPassage> training, int seed)
    {
        var nearest = TrainingNeighbours.Nearest(test.Select(p => p.Text).ToList(), training.Select(p => p.Text).ToList());
        var distinct = test.Where((_, i) => nearest[i] < TrainingNeighbours.DefaultThreshold).ToList();
        log.LogInformation("{LeftOut} of {Test} test passages share at least {Threshold:P0} of their words with a training passage",
            test.Count - distinct.Count, test.Count, TrainingNeighbours.DefaultThreshold);
        return distinct.Count == 0 ? null
            : new HeldOutWithoutNeighbours(TrainingNeighbours.DefaultThreshold, test.Count - distinct.Count,
                ModelEvaluation.Run(bundle, version, counts, distinct, HeldOutEvaluator.DefaultResamples, seed));
    }

    private List<AnnotatedPassage> ExtraTraining(IReadOnlyList<AnnotatedPassage> extra, IReadOnlyList<AnnotatedPassage> corpus, IReadOnlyList<AnnotatedPassage> test)
    {
        if (extra.Count == 0) return [];
        var ids = corpus.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var testHashes = test.Select(p => ContentHash.Of(p.Text)).ToHashSet(StringComparer.Ordinal);
        var testShingles = test.Select(p => NearDuplicates.Shingle(p.Text)).Where(s => s.Hashes.Count > 0).ToList();
        var kept = new List<AnnotatedPassage>();
        int sameId = 0, copies = 0;
        foreach (var p in extra)
        {
            if (ids.Contains(p.Id)) { sameId++; continue; }
            var shingles = NearDuplicates.Shingle(p.Text);
            if (testHashes.Contains(ContentHash.Of(p.Text)) || (shingles.Hashes.Count > 0 && testShingles.Any(t => NearDuplicates.AreNearCopies(shingles, t)))) { copies++; continue; }
            kept.Add(p);
        }
        log.LogInformation("Adding {Kept} stored annotation(s) to the training part ({SameId} already in the corpus and {Copies} copying a test passage left out)",
            kept.Count, sameId, copies);
        return kept;
    }

    /// <summary>The fitting rows for passages: prepared text and gold labels.</summary>
    public static IReadOnlyList<TrainingRow> Prepare(IEnumerable<AnnotatedPassage> passages)
    {
        var languages = new LanguageIdentifier();
        return passages.Select(p => new TrainingRow(ClassifierText.Prepare(p.Text, languages), p.Language, p.Intent, p.Sentiment, p.Topics.ToHashSet(), p.SourceKind)).ToList();
    }

    private static EvaluationReport Evaluate(ModelBundle bundle, IReadOnlyList<AnnotatedPassage> test)
    {
        var predictions = bundle.Score(test.Select(t => new ScoringInput(t.Text, t.SourceKind)).ToList(), "evaluation");
        var intent = Scorer.Multiclass(test.Select(t => t.Intent.ToWire()).ToList(), predictions.Select(p => p.Intent.ToWire()).ToList(), LabelNames.Intents.Names);
        var sentiment = Scorer.Multiclass(test.Select(t => t.Sentiment.ToWire()).ToList(), predictions.Select(p => p.Sentiment.ToWire()).ToList(), LabelNames.Sentiments.Names);
        var topics = Scorer.MultiLabel(test.Select(t => (IReadOnlySet<string>)t.Topics.Select(x => x.ToWire()).ToHashSet()).ToList(),
            predictions.Select(p => (IReadOnlySet<string>)p.Topics.Select(x => x.ToWire()).ToHashSet()).ToList(), LabelNames.Topics.Names);
        var byLanguage = new Dictionary<string, LanguageMetrics>();
        foreach (var group in test.Select((t, i) => (t, p: predictions[i])).GroupBy(x => x.t.Language.ToWire()).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var items = group.ToList();
            var li = Scorer.Multiclass(items.Select(x => x.t.Intent.ToWire()).ToList(), items.Select(x => x.p.Intent.ToWire()).ToList(), LabelNames.Intents.Names);
            var ls = Scorer.Multiclass(items.Select(x => x.t.Sentiment.ToWire()).ToList(), items.Select(x => x.p.Sentiment.ToWire()).ToList(), LabelNames.Sentiments.Names);
            var lt = Scorer.MultiLabel(items.Select(x => (IReadOnlySet<string>)x.t.Topics.Select(y => y.ToWire()).ToHashSet()).ToList(),
                items.Select(x => (IReadOnlySet<string>)x.p.Topics.Select(y => y.ToWire()).ToHashSet()).ToList(), LabelNames.Topics.Names);
            byLanguage[group.Key] = new LanguageMetrics(items.Count, li.Accuracy, li.MacroF1, ls.Accuracy, lt.MicroF1, ls.MacroF1, lt.MacroF1);
        }
        return new EvaluationReport(test.Count, intent, sentiment, topics, byLanguage);
    }

    /// <summary>
    /// SHA-256 over the text the featurizer sees (<see cref="ClassifierText.Prepare"/>) for every passage in id
    /// order: a change to normalisation, masking, language cues or transliteration changes it, and with it
    /// the model version, even when the corpus is the same.
    /// </summary>
    public static string PreparedTextHash(IEnumerable<AnnotatedPassage> corpus)
    {
        var languages = new LanguageIdentifier();
        var sb = new StringBuilder();
        foreach (var p in corpus.OrderBy(p => p.Id, StringComparer.Ordinal))
            sb.Append(p.Id).Append('\t').Append(ClassifierText.Prepare(p.Text, languages)).Append('\n');
        return ContentHash.Sha256Hex(sb.ToString());
    }

    /// <summary>SHA-256 over the passages in id order (id, text and every label), independent of file layout.</summary>
    public static string DataHash(IEnumerable<AnnotatedPassage> corpus)
    {
        var sb = new StringBuilder();
        foreach (var p in corpus.OrderBy(p => p.Id, StringComparer.Ordinal))
        {
            sb.Append(p.Id).Append('\t').Append(p.Text).Append('\t').Append(p.Language.ToWire()).Append('\t')
              .Append(p.Intent.ToWire()).Append('\t').Append(string.Join(",", p.Topics.Select(t => t.ToWire()).Order(StringComparer.Ordinal)))
              .Append('\t').Append(p.Sentiment.ToWire()).Append('\n');
        }
        return ContentHash.Sha256Hex(sb.ToString());
    }
}

/// <summary>Wall time per phase of a run, in the order the phases ended ("prepare 1.2 s, cross-validation 70.3 s, …").</summary>
internal sealed class PhaseClock
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly List<(string Name, double Seconds)> laps = [];

    public void Lap(string name)
    {
        laps.Add((name, clock.Elapsed.TotalSeconds));
        clock.Restart();
    }

    public override string ToString() =>
        string.Join(", ", laps.Select(l => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{l.Name} {l.Seconds:0.0} s")));
}
