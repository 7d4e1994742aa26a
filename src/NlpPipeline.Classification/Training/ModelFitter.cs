using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms.Text;
using NlpPipeline.Classification.Schema;
using NlpPipeline.Core.Labels;

namespace NlpPipeline.Classification.Training;

/// <summary>A passage ready for fitting: its prepared text (<c>ClassifierText.Prepare</c>) and its gold labels.</summary>
public sealed record TrainingRow(string Text, Language Language, Intent Intent, Sentiment Sentiment, IReadOnlySet<Topic> Topics);

/// <summary>A fitted transformer chain that reads <see cref="ModelInput"/> and writes the <see cref="ModelOutput"/> columns.</summary>
public sealed record FittedModel(ITransformer Transformer, DataViewSchema InputSchema);

/// <summary>
/// Fits one model for all three tasks over one shared featurizer: a multiclass model for intent and
/// one for sentiment, and one calibrated binary model per topic. Every learner runs on one thread, so
/// the same rows, configuration and seed give bit-identical weights.
/// </summary>
public static class ModelFitter
{
    private const string Normalized = "NormText";
    private const string WordTokens = "WordTokens";
    private const string WordKeys = "WordKeys";
    private const string WordGrams = "WordGrams";
    private const string WordKept = "WordGramsKept";
    private const string CharKeys = "CharKeys";
    private const string CharGrams = "CharGrams";
    private const string CharKept = "CharGramsKept";
    private const string RawFeatures = "RawFeatures";
    private const string WordBlock = "WordFeatures";
    private const string CharBlock = "CharFeatures";

    public static FittedModel Fit(MLContext ml, IReadOnlyList<TrainingRow> rows, ClassifierConfig config, Action<string>? trace = null)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        void Lap(string what) { trace?.Invoke($"{what}: {clock.Elapsed.TotalSeconds:0.0} s"); clock.Restart(); }
        foreach (var topic in LabelNames.Topics.All)
            if (!rows.Any(r => r.Topics.Contains(topic)))
                throw new InvalidOperationException($"No training passage is labelled with topic '{topic.ToWire()}'; a model cannot learn it.");
        var textView = ml.Data.LoadFromEnumerable(rows.Select(r => new ModelInput { Text = r.Text }));
        var labelled = ml.Data.LoadFromEnumerable(rows.Select(Labelled));
        var featurizer = Featurizer(ml, config.Features).Fit(labelled);
        // The label→key maps are fitted here and not saved with the model (so prediction needs no label
        // column); their key data list every label in LABELS.md order, which fixes the score slot order.
        var vectors = featurizer.Transform(labelled);
        var definition = SchemaDefinition.Create(typeof(FeaturizedText));
        definition[ModelColumns.Features].ColumnType = vectors.Schema[ModelColumns.Features].Type;
        var plain = ml.Data.LoadFromEnumerable(ml.Data.CreateEnumerable<FeaturizedText>(vectors, reuseRowObject: false).ToList(), definition);
        var keys = KeyMap(ml, ModelColumns.IntentKey, ModelColumns.IntentLabel, LabelNames.Intents.Names)
            .Append(KeyMap(ml, ModelColumns.SentimentKey, ModelColumns.SentimentLabel, LabelNames.Sentiments.Names)).Fit(plain);
        var featurized = ml.Data.Cache(keys.Transform(plain));
        var parts = new List<ITransformer> { featurizer };
        Lap("featurizer");
        parts.AddRange(FitMulticlass(ml, featurized, ModelColumns.IntentKey, LabelNames.Intents.Names, config.Intent, ModelColumns.IntentScores));
        Lap("intent");
        parts.AddRange(FitMulticlass(ml, featurized, ModelColumns.SentimentKey, LabelNames.Sentiments.Names, config.Sentiment, ModelColumns.SentimentScores));
        Lap("sentiment");
        var topicColumns = new List<string>();
        for (var index = 0; index < LabelNames.Topics.All.Count; index++)
        {
            var column = ModelColumns.TopicProbability(index);
            topicColumns.Add(column);
            IDataView scored = featurized;
            foreach (var part in FitBinary(ml, featurized, LabelledText.TopicColumn(index), config.Topics))
            {
                parts.Add(part);
                scored = part.Transform(scored);
            }
            parts.Add(ml.Transforms.CopyColumns(column, ModelColumns.Probability).Fit(scored));
        }
        Lap("topics");
        var output = new TransformerChain<ITransformer>([.. parts]).Transform(textView);
        parts.Add(ml.Transforms.Concatenate(ModelColumns.TopicProbs, [.. topicColumns]).Fit(output));
        return new FittedModel(new TransformerChain<ITransformer>([.. parts]), textView.Schema);
    }

    private static LabelledText Labelled(TrainingRow r)
    {
        var row = new LabelledText { Text = r.Text, Intent = r.Intent.ToWire(), Sentiment = r.Sentiment.ToWire() };
        for (var t = 0; t < LabelNames.Topics.All.Count; t++) row.SetTopic(t, r.Topics.Contains(LabelNames.Topics.All[t]));
        return row;
    }

    private static IEstimator<ITransformer> KeyMap(MLContext ml, string output, string input, IReadOnlyList<string> allLabels)
    {
        var labelRows = ml.Data.LoadFromEnumerable(allLabels.Select(l => new LabelledText { Intent = l, Sentiment = l }));
        var keyData = ml.Transforms.SelectColumns(input).Fit(labelRows).Transform(labelRows);
        return ml.Transforms.Conversion.MapValueToKey(output, input, keyData: keyData);
    }

    /// <summary>Raw outputs of a fitted model for prepared texts, in input order, through one batch <c>Transform</c>.</summary>
    public static IReadOnlyList<ModelOutput> Predict(MLContext ml, FittedModel model, IEnumerable<string> preparedTexts)
    {
        var input = ml.Data.LoadFromEnumerable(preparedTexts.Select(t => new ModelInput { Text = t }));
        return ml.Data.CreateEnumerable<ModelOutput>(model.Transformer.Transform(input), reuseRowObject: false).ToList();
    }

    private static IEstimator<ITransformer> Featurizer(MLContext ml, FeatureConfig f)
    {
        var weighting = f.TfIdf ? NgramExtractingEstimator.WeightingCriteria.TfIdf : NgramExtractingEstimator.WeightingCriteria.Tf;
        // Text arrives already prepared (NFC, lower case, masks, Kazakh in Cyrillic); this only strips
        // punctuation, keeping й/ё and the Kazakh letters (the default would fold й into и).
        IEstimator<ITransformer> chain = ml.Transforms.Text.NormalizeText(Normalized, ModelColumns.Text,
            TextNormalizingEstimator.CaseMode.Lower, keepDiacritics: true, keepPunctuations: false, keepNumbers: true);
        var blocks = new List<string>();
        if (f.WordMax > 0)
        {
            chain = chain.Append(ml.Transforms.Text.TokenizeIntoWords(WordTokens, Normalized))
                .Append(ml.Transforms.Conversion.MapValueToKey(WordKeys, WordTokens))
                .Append(ml.Transforms.Text.ProduceNgrams(WordGrams, WordKeys, f.WordMax, useAllLengths: true, weighting: weighting))
                .Append(ml.Transforms.FeatureSelection.SelectFeaturesBasedOnCount(WordKept, WordGrams, f.MinCount))
                .Append(ml.Transforms.NormalizeLpNorm(WordBlock, WordKept));
            blocks.Add(WordBlock);
        }
        if (f.CharMax > 0)
        {
            // One column per n-gram length, each exactly n long: ML.NET can only take all lengths from 1,
            // and character unigrams (counted in dozens per passage) would swamp the normalised vector.
            chain = chain.Append(ml.Transforms.Text.TokenizeIntoCharactersAsKeys(CharKeys, Normalized, useMarkerCharacters: true));
            var lengths = new List<string>();
            for (var n = f.CharMin; n <= f.CharMax; n++)
            {
                var grams = $"{CharGrams}{n}";
                chain = chain.Append(ml.Transforms.Text.ProduceNgrams(grams, CharKeys, n, useAllLengths: false, weighting: weighting))
                    .Append(ml.Transforms.FeatureSelection.SelectFeaturesBasedOnCount(grams + "Kept", grams, f.MinCount));
                lengths.Add(grams + "Kept");
            }
            chain = chain.Append(ml.Transforms.Concatenate(CharKept, [.. lengths])).Append(ml.Transforms.NormalizeLpNorm(CharBlock, CharKept));
            blocks.Add(CharBlock);
        }
        if (blocks.Count == 0) throw new ArgumentException("A feature set needs word or character n-grams.", nameof(f));
        // Words and characters are each normalised to unit length first, so neither block outweighs the other.
        return chain.Append(ml.Transforms.Concatenate(RawFeatures, [.. blocks]))
            .Append(ml.Transforms.NormalizeLpNorm(ModelColumns.Features, RawFeatures));
    }

    private static IEnumerable<ITransformer> FitMulticlass(MLContext ml, IDataView featurized, string keyColumn, IReadOnlyList<string> allLabels,
        TrainerChoice trainer, string outputColumn)
    {
        var model = Multiclass(ml, trainer, keyColumn).Fit(featurized);
        var output = model.Transform(featurized);
        CheckSlotOrder(output.Schema[ModelColumns.Score], allLabels);
        yield return model;
        yield return ml.Transforms.CopyColumns(outputColumn, ModelColumns.Score).Fit(output);
    }

    private static IEstimator<ITransformer> Multiclass(MLContext ml, TrainerChoice t, string label)
    {
        const string features = ModelColumns.Features;
        var m = ml.MulticlassClassification.Trainers;
        return t.Kind switch
        {
            TrainerKind.Sdca => m.SdcaMaximumEntropy(new SdcaMaximumEntropyMulticlassTrainer.Options
                { LabelColumnName = label, FeatureColumnName = features, NumberOfThreads = 1 }),
            TrainerKind.Lbfgs => m.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
                { LabelColumnName = label, FeatureColumnName = features, L2Regularization = t.L2, NumberOfThreads = 1 }),
            TrainerKind.AveragedPerceptron => m.OneVersusAll(ml.BinaryClassification.Trainers.AveragedPerceptron(
                new AveragedPerceptronTrainer.Options { LabelColumnName = label, FeatureColumnName = features }), label),
            TrainerKind.LinearSvm => m.OneVersusAll(ml.BinaryClassification.Trainers.LinearSvm(
                new LinearSvmTrainer.Options { LabelColumnName = label, FeatureColumnName = features }), label),
            _ => throw new ArgumentOutOfRangeException(nameof(t)),
        };
    }

    /// <summary>A binary model whose output has a calibrated <c>Probability</c> column (Platt scaling for the uncalibrated learners).</summary>
    private static IEnumerable<ITransformer> FitBinary(MLContext ml, IDataView data, string label, TrainerChoice t)
    {
        const string features = ModelColumns.Features;
        var b = ml.BinaryClassification.Trainers;
        switch (t.Kind)
        {
            case TrainerKind.Sdca:
                yield return b.SdcaLogisticRegression(new SdcaLogisticRegressionBinaryTrainer.Options
                    { LabelColumnName = label, FeatureColumnName = features, NumberOfThreads = 1 }).Fit(data);
                yield break;
            case TrainerKind.Lbfgs:
                yield return b.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
                    { LabelColumnName = label, FeatureColumnName = features, L2Regularization = t.L2, NumberOfThreads = 1 }).Fit(data);
                yield break;
        }
        ITransformer raw = t.Kind switch
        {
            TrainerKind.AveragedPerceptron => b.AveragedPerceptron(new AveragedPerceptronTrainer.Options { LabelColumnName = label, FeatureColumnName = features }).Fit(data),
            TrainerKind.LinearSvm => b.LinearSvm(new LinearSvmTrainer.Options { LabelColumnName = label, FeatureColumnName = features }).Fit(data),
            _ => throw new ArgumentOutOfRangeException(nameof(t)),
        };
        yield return raw;
        yield return ml.BinaryClassification.Calibrators.Platt(label).Fit(raw.Transform(data));
    }

    private static void CheckSlotOrder(DataViewSchema.Column score, IReadOnlyList<string> expected)
    {
        VBuffer<ReadOnlyMemory<char>> names = default;
        score.GetSlotNames(ref names);
        var actual = names.DenseValues().Select(n => n.ToString()).ToList();
        if (!actual.SequenceEqual(expected))
            throw new InvalidOperationException($"Score slots are [{string.Join(", ", actual)}], expected [{string.Join(", ", expected)}].");
    }
}
