using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Text;
using NlpPipeline.Classification.Evaluation;
using NlpPipeline.Classification.Schema;
using NlpPipeline.Classification.Scoring;
using NlpPipeline.Core.Corpora;
using NlpPipeline.Core.Domain;
using NlpPipeline.Core.Labels;
using NlpPipeline.Core.Text;

namespace NlpPipeline.Classification.Training;

/// <summary>
/// Trains the three tasks over one shared text featurizer (word 1–2-grams and character 4-grams of the
/// normalised text): intent and sentiment as multiclass maximum-entropy models, each topic as its own
/// calibrated binary logistic model. Two phases: fit on train and pick each topic's threshold on dev;
/// then fit on train + dev and measure on test, which no choice has seen.
/// </summary>
public sealed class ModelTrainer(ILogger<ModelTrainer> log, TimeProvider time)
{
    public const string FeaturesDescription =
        "ClassifierText.Prepare (NFC, lower case, ё→е, quotes/dashes unified, URLs/e-mails/@mentions/phones masked, " +
        "emoji as tokens, Latin-script Kazakh transliterated to Cyrillic); ML.NET FeaturizeText: " +
        "word 1–2-grams + character 4-grams, diacritics kept, punctuation removed, L2-normalised";
    public const string TrainersDescription =
        "intent, sentiment: SdcaMaximumEntropy; topics: one SdcaLogisticRegression per topic (calibrated), threshold tuned on dev";

    public TrainedModel Train(IReadOnlyList<AnnotatedPassage> corpus, IReadOnlyList<string> files, TrainingOptions options)
    {
        var split = CorpusSplit.Assign(corpus);
        var bySplit = corpus.GroupBy(p => split[p.Id]).ToDictionary(g => g.Key, g => (IReadOnlyList<AnnotatedPassage>)g.ToList());
        var train = bySplit.GetValueOrDefault(Split.Train) ?? [];
        var dev = bySplit.GetValueOrDefault(Split.Dev) ?? [];
        var test = bySplit.GetValueOrDefault(Split.Test) ?? [];
        if (train.Count < 20 || dev.Count == 0 || test.Count == 0)
            throw new InvalidOperationException($"The corpus is too small to train and evaluate ({train.Count} train, {dev.Count} dev, {test.Count} test passages); need at least 20 train and some dev and test.");

        log.LogInformation("Phase 1/2: fitting on {Train} train passages to tune topic thresholds on {Dev} dev passages", train.Count, dev.Count);
        var ml = new MLContext(options.Seed);
        var tuning = Fit(ml, train);
        var thresholds = TuneTopicThresholds(ml, tuning, dev);

        log.LogInformation("Phase 2/2: fitting on {Count} train+dev passages, evaluating on {Test} test passages", train.Count + dev.Count, test.Count);
        ml = new MLContext(options.Seed);
        var final = Fit(ml, [.. train, .. dev]);
        var bundle = new ModelBundle(ml, final.Transformer, LabelNames.Intents.Names, LabelNames.Sentiments.Names,
            LabelNames.Topics.Names, thresholds);
        var report = Evaluate(bundle, test);

        var dataHash = DataHash(corpus);
        var preparedHash = PreparedTextHash(corpus);
        var configHash = ContentHash.Sha256Hex($"{dataHash}|{preparedHash}|{options.Seed}|{FeaturesDescription}|{TrainersDescription}|{options.IntentThreshold}")[..8];
        var now = time.GetUtcNow();
        var manifest = new ModelManifest
        {
            Version = $"{now:yyyyMMdd}-{configHash}",
            CreatedAt = now,
            Seed = options.Seed,
            TrainingDataSha256 = dataHash,
            PreparedTextSha256 = preparedHash,
            Corpus = new CorpusSummary(files,
                corpus.Count,
                corpus.GroupBy(p => p.Language.ToWire()).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
                new Dictionary<string, int> { ["train"] = train.Count, ["dev"] = dev.Count, ["test"] = test.Count }),
            Features = FeaturesDescription,
            Trainers = TrainersDescription,
            IntentLabels = bundle.IntentLabels,
            SentimentLabels = bundle.SentimentLabels,
            TopicLabels = bundle.TopicLabels,
            IntentThreshold = options.IntentThreshold,
            TopicThresholds = bundle.TopicLabels.ToDictionary(t => t, t => thresholds[t]),
            Metrics = report,
        };
        return new TrainedModel(ml, final.Transformer, final.InputSchema, manifest);
    }

    private sealed record Fitted(ITransformer Transformer, DataViewSchema InputSchema);

    private Fitted Fit(MLContext ml, IReadOnlyList<AnnotatedPassage> rows)
    {
        var languages = new LanguageIdentifier();
        var texts = rows.Select(r => ClassifierText.Prepare(r.Text, languages)).ToList();
        var textView = ml.Data.LoadFromEnumerable(texts.Select(t => new ModelInput { Text = t }));
        var featurizer = ml.Transforms.Text.FeaturizeText(ModelColumns.Features, FeaturizerOptions(), ModelColumns.Text).Fit(textView);
        var parts = new List<ITransformer> { featurizer };

        parts.AddRange(FitMulticlass(ml, featurizer, texts, rows.Select(r => r.Intent.ToWire()).ToList(), LabelNames.Intents.Names, ModelColumns.IntentScores));
        parts.AddRange(FitMulticlass(ml, featurizer, texts, rows.Select(r => r.Sentiment.ToWire()).ToList(), LabelNames.Sentiments.Names, ModelColumns.SentimentScores));
        var topicColumns = new List<string>();
        foreach (var (topic, index) in LabelNames.Topics.All.Select((t, i) => (t, i)))
        {
            var data = ml.Data.LoadFromEnumerable(texts.Select((t, i) => new BinaryText { Text = t, Label = rows[i].Topics.Contains(topic) }));
            var featurized = ml.Data.Cache(featurizer.Transform(data));
            var column = ModelColumns.TopicProbability(index);
            topicColumns.Add(column);
            if (!rows.Any(r => r.Topics.Contains(topic)))
                throw new InvalidOperationException($"No training passage is labelled with topic '{topic.ToWire()}'; a model cannot learn it.");
            var model = ml.BinaryClassification.Trainers.SdcaLogisticRegression(ModelColumns.Label, ModelColumns.Features).Fit(featurized);
            var copy = ml.Transforms.CopyColumns(column, ModelColumns.Probability).Fit(model.Transform(featurized));
            parts.Add(model);
            parts.Add(copy);
        }
        var scored = new TransformerChain<ITransformer>([.. parts]).Transform(textView);
        parts.Add(ml.Transforms.Concatenate(ModelColumns.TopicProbs, [.. topicColumns]).Fit(scored));
        return new Fitted(new TransformerChain<ITransformer>([.. parts]), textView.Schema);
    }

    private static IEnumerable<ITransformer> FitMulticlass(MLContext ml, ITransformer featurizer, IReadOnlyList<string> texts,
        IReadOnlyList<string> labels, IReadOnlyList<string> allLabels, string outputColumn)
    {
        var data = ml.Data.LoadFromEnumerable(texts.Select((t, i) => new LabelledText { Text = t, Label = labels[i] }));
        // The label→key map is fitted here and not saved with the model (so prediction needs no label
        // column); its key data lists every label in LABELS.md order, which fixes the score slot order.
        var labelRows = ml.Data.LoadFromEnumerable(allLabels.Select(l => new LabelledText { Label = l }));
        var keyData = ml.Transforms.SelectColumns(ModelColumns.Label).Fit(labelRows).Transform(labelRows);
        var keyMap = ml.Transforms.Conversion.MapValueToKey(ModelColumns.LabelKey, ModelColumns.Label, keyData: keyData).Fit(data);
        var featurized = ml.Data.Cache(featurizer.Transform(keyMap.Transform(data)));
        var model = ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(ModelColumns.LabelKey, ModelColumns.Features).Fit(featurized);
        var output = model.Transform(featurized);
        CheckSlotOrder(output.Schema[ModelColumns.Score], allLabels);
        yield return model;
        yield return ml.Transforms.CopyColumns(outputColumn, ModelColumns.Score).Fit(output);
    }

    private static void CheckSlotOrder(DataViewSchema.Column score, IReadOnlyList<string> expected)
    {
        VBuffer<ReadOnlyMemory<char>> names = default;
        score.GetSlotNames(ref names);
        var actual = names.DenseValues().Select(n => n.ToString()).ToList();
        if (!actual.SequenceEqual(expected))
            throw new InvalidOperationException($"Score slots are [{string.Join(", ", actual)}], expected [{string.Join(", ", expected)}].");
    }

    private static TextFeaturizingEstimator.Options FeaturizerOptions() => new()
    {
        KeepDiacritics = true,
        KeepPunctuations = false,
        KeepNumbers = true,
        CaseMode = TextNormalizingEstimator.CaseMode.Lower,
        WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = 2, UseAllLengths = true },
        CharFeatureExtractor = new WordBagEstimator.Options { NgramLength = 4, UseAllLengths = false },
        Norm = TextFeaturizingEstimator.NormFunction.L2,
    };

    private Dictionary<string, double> TuneTopicThresholds(MLContext ml, Fitted model, IReadOnlyList<AnnotatedPassage> dev)
    {
        var bundle = new ModelBundle(ml, model.Transformer, LabelNames.Intents.Names, LabelNames.Sentiments.Names, LabelNames.Topics.Names,
            LabelNames.Topics.Names.ToDictionary(t => t, _ => 0.5));
        var outputs = bundle.Predict(dev.Select(d => d.Text).ToList());
        var thresholds = new Dictionary<string, double>();
        foreach (var (topic, index) in LabelNames.Topics.All.Select((t, i) => (t, i)))
        {
            var gold = dev.Select(d => d.Topics.Contains(topic)).ToList();
            var positives = gold.Count(g => g);
            var best = (Threshold: 0.5, F1: -1.0);
            if (positives >= 3)
            {
                for (var th = 0.15; th <= 0.851; th += 0.05)
                {
                    int tp = 0, fp = 0, fn = 0;
                    for (var i = 0; i < gold.Count; i++)
                    {
                        var p = outputs[i].TopicProbs[index] >= th;
                        if (p && gold[i]) tp++; else if (p) fp++; else if (gold[i]) fn++;
                    }
                    var f1 = Scorer.Metrics(tp, fp, fn).F1;
                    if (f1 > best.F1 + 1e-9) best = (Math.Round(th, 2), f1);
                }
            }
            thresholds[topic.ToWire()] = best.Threshold;
            log.LogDebug("Topic {Topic}: threshold {Threshold} (dev F1 {F1:0.00}, {Positives} positives)", topic.ToWire(), best.Threshold, best.F1, positives);
        }
        return thresholds;
    }

    private static EvaluationReport Evaluate(ModelBundle bundle, IReadOnlyList<AnnotatedPassage> test)
    {
        var predictions = bundle.Score(test.Select(t => t.Text).ToList(), "evaluation");
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
            byLanguage[group.Key] = new LanguageMetrics(items.Count, li.Accuracy, li.MacroF1, ls.Accuracy, lt.MicroF1);
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
