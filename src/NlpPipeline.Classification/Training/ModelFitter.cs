using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using NlpPipeline.Classification.Features;
using NlpPipeline.Classification.Schema;
using NlpPipeline.Core.Labels;
using NlpPipeline.Core.Text;

namespace NlpPipeline.Classification.Training;

/// <summary>
/// A passage ready for fitting: its prepared text (<c>ClassifierText.Prepare</c>), its gold labels, and the kind of its
/// source (null when unknown).
/// </summary>
public sealed record TrainingRow(string Text, Language Language, Intent Intent, Sentiment Sentiment, IReadOnlySet<Topic> Topics,
    SourceKind? Kind = null);

/// <summary>
/// The learners (a transformer chain reading the <see cref="ModelColumns.Features"/> column and writing the
/// <see cref="ModelOutput"/> columns), the featurizer that makes that column from prepared text, and the input schema.
/// </summary>
/// <see cref="TopicScorers"/> are the uncalibrated per-topic learners inside <see cref="Transformer"/> (writing a raw <c>Score</c>
/// column), for fitting calibration on out-of-fold scores; empty for learners that calibrate themselves. <see cref="TopicSigmoids"/>
/// are their Platt sigmoids as the model applies them (before any stacking), one per scorer.
public sealed record FittedModel(ITransformer Transformer, DataViewSchema InputSchema, HashedNgramFeaturizer Featurizer,
    IReadOnlyList<ITransformer> TopicScorers, IReadOnlyList<PlattParameters>? TopicSigmoids = null);

/// <summary>A Platt sigmoid, p = 1 / (1 + exp(<see cref="Slope"/> · score + <see cref="Offset"/>)), as ML.NET's <c>PlattCalibrator</c> applies it.</summary>
public sealed record PlattParameters(double Slope, double Offset);

/// <summary>
/// Fits one model for all three tasks over one shared featurizer: a multiclass model for intent and
/// one for sentiment, and one calibrated binary model per topic. Every learner runs on one thread, so
/// the same rows, configuration and seed give bit-identical weights.
/// </summary>
public static class ModelFitter
{
    /// <summary>
    /// Fits every task. A topic's uncalibrated learner (perceptron, SVM) gets a Platt calibrator fitted on its own training
    /// scores, unless <paramref name="topicPlatt"/> (one per topic, fitted by the caller on out-of-fold scores:
    /// <see cref="CrossValidator"/>) gives the sigmoid on the raw score (<see cref="TopicCalibrationMode.OutOfFoldScores"/>) or a
    /// second sigmoid on the log-odds of the training-fitted one (<see cref="TopicCalibrationMode.OutOfFoldRecalibration"/>).
    /// </summary>
    /// <param name="topicStacking">
    /// With <see cref="ClassifierConfig.StackTopics"/>: each topic's second-stage coefficients (<see cref="TopicStacking"/>, fitted
    /// by the caller on out-of-fold probabilities); each topic's saved predictor is then the stacked one, folded into one linear model.
    /// </param>
    public static FittedModel Fit(MLContext ml, IReadOnlyList<TrainingRow> rows, ClassifierConfig config, Action<string>? trace = null,
        IReadOnlyList<PlattParameters>? topicPlatt = null, IReadOnlyList<double[]>? topicStacking = null)
    {
        if (topicStacking is not null && topicStacking.Count != LabelNames.Topics.All.Count)
            throw new ArgumentException($"Need second-stage coefficients per topic ({LabelNames.Topics.All.Count}), got {topicStacking.Count}.", nameof(topicStacking));
        if (topicPlatt is not null && topicPlatt.Count != LabelNames.Topics.All.Count)
            throw new ArgumentException($"Need one Platt sigmoid per topic ({LabelNames.Topics.All.Count}), got {topicPlatt.Count}.", nameof(topicPlatt));
        return FitLearners(ml, rows, config, topicPlatt is not null, trace).Complete(topicPlatt, topicStacking);
    }

    /// <summary>
    /// The first part of <see cref="Fit"/>, everything that does not need the caller's out-of-fold calibration: the featurizer and
    /// every learner. With <paramref name="outOfFoldCalibration"/>, each topic's final sigmoid (which <see cref="Fit"/> takes from
    /// its <c>topicPlatt</c>) is left for <see cref="PendingFit.Complete"/>; a placeholder is created in its place, so the
    /// components draw from the context's random in the same order as <see cref="Fit"/> and the learners come out bit-identical.
    /// So the final fit of <c>nlp train</c> can run alongside its cross-validation, which gives those sigmoids.
    /// </summary>
    public static PendingFit FitLearners(MLContext ml, IReadOnlyList<TrainingRow> rows, ClassifierConfig config, bool outOfFoldCalibration,
        Action<string>? trace = null)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        void Lap(string what) { trace?.Invoke($"{what}: {clock.Elapsed.TotalSeconds:0.0} s"); clock.Restart(); }
        foreach (var topic in LabelNames.Topics.All)
            if (!rows.Any(r => r.Topics.Contains(topic)))
                throw new InvalidOperationException($"No training passage is labelled with topic '{topic.ToWire()}'; a model cannot learn it.");
        var kinds = rows.Select(r => SeenKind(r, config)).ToList();
        var featurizer = HashedNgramFeaturizer.Fit(config.Features, rows.Select((r, i) => (r.Text, kinds[i])));
        var definition = SchemaDefinition.Create(typeof(FeaturizedText));
        definition[ModelColumns.Features].ColumnType = new VectorDataViewType(NumberDataViewType.Single, featurizer.Dimension);
        var featurizedRows = rows.Select((r, i) => Featurized(r, featurizer, kinds[i])).ToList();
        // With ConceptsForTopicsOnly, intent and sentiment read the vectors without the concept block (their weights on it stay 0).
        var taskRows = config.ConceptsForTopicsOnly && featurizer.Concepts is not null
            ? featurizedRows.Select(r => WithoutConcepts(r, featurizer)).ToList() : featurizedRows;
        var plain = ml.Data.LoadFromEnumerable(taskRows, definition);
        var keys = KeyMap(ml, ModelColumns.IntentKey, ModelColumns.IntentLabel, LabelNames.Intents.Names)
            .Append(KeyMap(ml, ModelColumns.SentimentKey, ModelColumns.SentimentLabel, LabelNames.Sentiments.Names)).Fit(plain);
        var featurized = ml.Data.Cache(keys.Transform(plain));
        // Topic learners that do not see the kind read the same vectors without the kind block, so their weights on it stay 0.
        var topicRows = config.TopicsSeeKind || featurizer.Version == 1 ? featurizedRows
            : rows.Select((r, i) => Featurized(r, featurizer, kinds[i], textOnly: true)).ToList();
        var topicData = ReferenceEquals(topicRows, taskRows) ? featurized : ml.Data.Cache(ml.Data.LoadFromEnumerable(topicRows, definition));
        var parts = new List<ITransformer>();
        Lap("features");
        parts.AddRange(FitMulticlass(ml, featurized, ModelColumns.IntentKey, LabelNames.Intents.Names, config.Intent, ModelColumns.IntentScores));
        Lap("intent");
        parts.AddRange(FitMulticlass(ml, featurized, ModelColumns.SentimentKey, LabelNames.Sentiments.Names, config.Sentiment, ModelColumns.SentimentScores));
        Lap("sentiment");
        // The schema of the topic learners' input without its rows (a view of no rows in a context of its own, which draws nothing from
        // ml's random), for what PendingFit.Complete still creates on it.
        var topicSchemaOnly = new MLContext(0).Data.LoadFromEnumerable(Array.Empty<FeaturizedText>(), definition);
        var pending = new PendingFit(ml, featurizer, parts, topicSchemaOnly, topicData.Schema);
        var sentenceRows = config.SentenceTopics is { TrainOnBestSentences: true }
            ? SentenceRows(rows, featurizer, kinds, !ReferenceEquals(topicRows, featurizedRows), config.SentenceTopics.Pairs) : null;
        for (var index = 0; index < LabelNames.Topics.All.Count; index++)
        {
            var binary = FitBinary(ml, topicData, LabelledText.TopicColumn(index), config.Topics, outOfFoldCalibration, config.Calibration,
                TopicLearnerInput(ml, config, topicRows, topicData, definition, index), config.TopicNaiveBayes?.Beta ?? 1);
            if (sentenceRows is { Count: > 0 } && binary.Parts.Count == 2)
            {
                // Seventh round (b): refit with each passage's best-scoring sentence (under the first fit) as an extra example; the
                // Platt sigmoid is still fitted on the passages' scores.
                var first = ((ISingleFeaturePredictionTransformer<LinearBinaryModelParameters>)binary.Parts[0]).Model;
                var augmented = WithBestSentences(topicRows, sentenceRows, first, rows.Count);
                var augmentedData = ml.Data.Cache(ml.Data.LoadFromEnumerable(augmented, definition));
                binary = FitBinary(ml, topicData, LabelledText.TopicColumn(index), config.Topics, outOfFoldCalibration, config.Calibration,
                    TopicLearnerInput(ml, config, augmented, augmentedData, definition, index), config.TopicNaiveBayes?.Beta ?? 1);
            }
            // Each topic's parts go in as soon as it is fitted, with stacking too: ML.NET seeds every component it creates from the
            // context's random, so the same components in the same order give the same perceptron shuffles, and the first stage
            // of a stacked model is exactly the unstacked model.
            pending.AddTopic(index, binary);
        }
        Lap("topics");
        return pending;
    }

    /// <summary>
    /// A fit whose learners are done (<see cref="FitLearners"/>) and whose topics' final sigmoids may still wait for the caller's
    /// out-of-fold calibration. It holds the fitted components only, not the training data.
    /// </summary>
    public sealed class PendingFit
    {
        private readonly MLContext ml;
        private readonly HashedNgramFeaturizer featurizer;
        private readonly List<ITransformer> parts;
        private readonly IDataView topicSchemaOnly;
        private readonly DataViewSchema topicSchema;
        private readonly int firstTopicPart;
        private readonly List<string> topicColumns = [];
        private readonly List<ITransformer> scorers = [];
        private readonly List<PlattParameters> sigmoids = [];
        // Per deferred topic: where its placeholder sigmoid sits in parts, its sigmoid fitted on its training scores (null when
        // the out-of-fold one is used alone), and its raw scorer's output without rows (to create the final sigmoid on).
        private readonly List<(int Topic, int Part, PlattParameters? Own, IDataView Scored)> deferred = [];
        private bool completed;

        internal PendingFit(MLContext ml, HashedNgramFeaturizer featurizer, List<ITransformer> parts, IDataView topicSchemaOnly,
            DataViewSchema topicSchema)
        {
            this.ml = ml;
            this.featurizer = featurizer;
            this.parts = parts;
            this.topicSchemaOnly = topicSchemaOnly;
            this.topicSchema = topicSchema;
            firstTopicPart = parts.Count;
        }

        /// <summary>Whether topic sigmoids wait for <see cref="Complete"/>'s <c>topicPlatt</c>.</summary>
        public bool NeedsTopicPlatt => deferred.Count > 0;

        internal void AddTopic(int index, BinaryFit binary)
        {
            if (binary.Deferred)
                deferred.Add((index, parts.Count + 1, binary.Own, binary.Parts[0].Transform(topicSchemaOnly)));
            else if (binary.Parts.Count == 2)
            {
                scorers.Add(binary.Parts[0]);
                var platt = ((ISingleFeaturePredictionTransformer<PlattCalibrator>)binary.Parts[1]).Model;
                sigmoids.Add(new PlattParameters(platt.Slope, platt.Offset));
            }
            if (binary.Deferred) scorers.Add(binary.Parts[0]);
            Add(index, binary.Parts);
        }

        private void Add(int index, IReadOnlyList<ITransformer> binary)
        {
            var column = ModelColumns.TopicProbability(index);
            topicColumns.Add(column);
            IDataView scored = topicSchemaOnly;
            foreach (var part in binary)
            {
                parts.Add(part);
                scored = part.Transform(scored);
            }
            parts.Add(ml.Transforms.CopyColumns(column, ModelColumns.Probability).Fit(scored));
        }

        /// <summary>
        /// The fitted model: each deferred topic's sigmoid set from <paramref name="topicPlatt"/> (on the raw score, or on the log-odds
        /// of the sigmoid fitted on its training scores, by the configuration's calibration), then, with
        /// <paramref name="topicStacking"/>, every topic's stacked predictor. Exactly what <see cref="Fit"/> returns for the same arguments.
        /// </summary>
        public FittedModel Complete(IReadOnlyList<PlattParameters>? topicPlatt = null, IReadOnlyList<double[]>? topicStacking = null)
        {
            if (completed) throw new InvalidOperationException("This fit is already complete.");
            completed = true;
            if (deferred.Count > 0 && topicPlatt is null) throw new ArgumentNullException(nameof(topicPlatt), "The topics' sigmoids were left for the out-of-fold calibration.");
            if (topicPlatt is not null && topicPlatt.Count != LabelNames.Topics.All.Count)
                throw new ArgumentException($"Need one Platt sigmoid per topic ({LabelNames.Topics.All.Count}), got {topicPlatt.Count}.", nameof(topicPlatt));
            // The final sigmoids are made in a context of their own: a fixed sigmoid draws nothing from the random that shapes the
            // learners, and ml's draws stay exactly where Fit makes them (its placeholders took them).
            var own = new MLContext(0);
            var final = new Dictionary<int, PlattParameters>();
            foreach (var (topic, part, trained, scored) in deferred)
            {
                var platt = topicPlatt![topic];
                if (trained is not null)
                {
                    // p = σ(−(A·s + B)) from the training scores, then p' = 1 / (1 + exp(a·logit(p) + b)) with logit(p) = −(A·s + B):
                    // one Platt sigmoid with slope −a·A and offset b − a·B.
                    platt = new PlattParameters(-platt.Slope * trained.Slope, platt.Offset - platt.Slope * trained.Offset);
                }
                var calibrator = own.BinaryClassification.Calibrators.Platt(platt.Slope, platt.Offset).Fit(scored);
                parts[part] = calibrator;
                var model = ((ISingleFeaturePredictionTransformer<PlattCalibrator>)calibrator).Model;
                final[topic] = new PlattParameters(model.Slope, model.Offset);
            }
            if (deferred.Count > 0)
            {
                // Deferred topics were added in topic order with the rest; rebuild the sigmoids list in that order.
                var scorerTopics = deferred.Select(d => d.Topic).ToHashSet();
                if (scorerTopics.Count != scorers.Count) throw new InvalidOperationException("Deferred and fitted sigmoids cannot be mixed.");
                sigmoids.Clear();
                sigmoids.AddRange(deferred.OrderBy(d => d.Topic).Select(d => final[d.Topic]));
            }
            if (topicStacking is not null)
            {
                if (topicStacking.Count != LabelNames.Topics.All.Count)
                    throw new ArgumentException($"Need second-stage coefficients per topic ({LabelNames.Topics.All.Count}), got {topicStacking.Count}.", nameof(topicStacking));
                if (scorers.Count != LabelNames.Topics.All.Count) throw new NotSupportedException("Stacking needs a linear learner under a Platt sigmoid for every topic.");
                parts.RemoveRange(firstTopicPart, parts.Count - firstTopicPart);
                topicColumns.Clear();
                var learners = scorers.Select(s => ((ISingleFeaturePredictionTransformer<LinearBinaryModelParameters>)s).Model)
                    .Select(m => ((IReadOnlyList<float>)m.Weights, m.Bias)).ToList();
                for (var index = 0; index < scorers.Count; index++)
                {
                    var (w, b) = TopicStacking.Fold(topicStacking[index], learners, sigmoids);
                    var stacked = LinearModels.Create(ml, w, b, topicSchema, ModelColumns.Features);
                    Add(index, [stacked, ml.BinaryClassification.Calibrators.Platt(-1, 0).Fit(stacked.Transform(topicSchemaOnly))]);
                }
            }
            var inputSchema = FeatureView.Schema(ml, featurizer.Dimension);
            var output = new TransformerChain<ITransformer>([.. parts]).Transform(ml.Data.LoadFromEnumerable(Array.Empty<ModelInput>(), FeatureView.Definition(featurizer.Dimension)));
            parts.Add(ml.Transforms.Concatenate(ModelColumns.TopicProbs, [.. topicColumns]).Fit(output));
            return new FittedModel(new TransformerChain<ITransformer>([.. parts]), inputSchema, featurizer, scorers, sigmoids);
        }
    }

    /// <summary>
    /// The kind the model sees for a training passage: its own, unless the configuration hides the kind for a share of
    /// passages, chosen by a fixed hash of the prepared text (so the same passages in every fold and every run).
    /// </summary>
    public static SourceKind? SeenKind(TrainingRow r, ClassifierConfig config)
    {
        if (r.Kind is null || config.Features.SourceKind == SourceKindFeatures.None || config.HiddenKindShare <= 0) return r.Kind;
        var h = 2166136261u;
        foreach (var ch in r.Text) h = unchecked((h ^ ch) * 16777619u);
        return Hash64.Mix(h) % 10_000 < config.HiddenKindShare * 10_000 ? null : r.Kind;
    }

    /// <summary>The sentences of every training passage that splits into more than one (<see cref="PreparedSentenceSplitter"/>), featurized with
    /// the passage's seen kind and carrying its labels, with the passage's index.</summary>
    private static List<(FeaturizedText Row, int Owner)> SentenceRows(IReadOnlyList<TrainingRow> rows, HashedNgramFeaturizer featurizer,
        IReadOnlyList<SourceKind?> kinds, bool textOnly, bool pairs)
    {
        var result = new List<(FeaturizedText, int)>();
        for (var i = 0; i < rows.Count; i++)
        {
            var pieces = SentenceTopicScores.Of(rows[i].Text, pairs);
            if (pieces.Count < 2) continue;
            foreach (var piece in pieces) result.Add((Featurized(rows[i] with { Text = piece }, featurizer, kinds[i], textOnly), i));
        }
        return result;
    }

    /// <summary>The passages' rows followed by, for each passage with sentences, its sentence that <paramref name="first"/> scores highest.</summary>
    private static List<FeaturizedText> WithBestSentences(List<FeaturizedText> passages, List<(FeaturizedText Row, int Owner)> sentences,
        LinearBinaryModelParameters first, int count)
    {
        var weights = first.Weights.ToArray();
        var best = new int[count];
        var bestScore = new float[count];
        Array.Fill(best, -1);
        for (var j = 0; j < sentences.Count; j++)
        {
            var (row, owner) = sentences[j];
            var values = row.Features.GetValues();
            var indices = row.Features.GetIndices();
            var score = 0f;
            for (var k = 0; k < values.Length; k++) score += weights[row.Features.IsDense ? k : indices[k]] * values[k];
            if (best[owner] < 0 || score > bestScore[owner]) { best[owner] = j; bestScore[owner] = score; }
        }
        var result = new List<FeaturizedText>(passages);
        foreach (var j in best) if (j >= 0) result.Add(sentences[j].Row);
        return result;
    }

    private static FeaturizedText Featurized(TrainingRow r, HashedNgramFeaturizer featurizer, SourceKind? kind, bool textOnly = false)
    {
        var features = featurizer.Featurize(r.Text, kind);
        if (textOnly)
        {
            // The text's features come first (indices below the kind block's), so dropping the kind block keeps a prefix.
            var kept = features.GetIndices().ToArray().Count(i => i < featurizer.TextDimension);
            features = new VBuffer<float>(features.Length, kept, features.GetValues()[..kept].ToArray(), features.GetIndices()[..kept].ToArray());
        }
        var row = new FeaturizedText { Text = r.Text, Intent = r.Intent.ToWire(), Sentiment = r.Sentiment.ToWire(), Features = features };
        for (var t = 0; t < LabelNames.Topics.All.Count; t++) row.SetTopic(t, r.Topics.Contains(LabelNames.Topics.All[t]));
        return row;
    }

    /// <summary>The row with its concept block (featurizer v3: the indices from the character block's end to the text's end) left out.</summary>
    private static FeaturizedText WithoutConcepts(FeaturizedText row, HashedNgramFeaturizer featurizer)
    {
        var (from, to) = (featurizer.Slots.Words.Count + featurizer.Slots.Chars.Count, featurizer.TextDimension);
        var kept = row.Features.Items().Where(kv => kv.Key < from || kv.Key >= to).ToList();
        var copy = new FeaturizedText
        {
            Text = row.Text, Intent = row.Intent, Sentiment = row.Sentiment,
            Features = new VBuffer<float>(row.Features.Length, kept.Count, kept.Select(kv => kv.Value).ToArray(), kept.Select(kv => kv.Key).ToArray()),
        };
        for (var t = 0; t < LabelNames.Topics.All.Count; t++) copy.SetTopic(t, row.HasTopic(t));
        return copy;
    }

    private static IEstimator<ITransformer> KeyMap(MLContext ml, string output, string input, IReadOnlyList<string> allLabels)
    {
        var labelRows = ml.Data.LoadFromEnumerable(allLabels.Select(l => new LabelledText { Intent = l, Sentiment = l }));
        var keyData = ml.Transforms.SelectColumns(input).Fit(labelRows).Transform(labelRows);
        return ml.Transforms.Conversion.MapValueToKey(output, input, keyData: keyData);
    }

    /// <summary>Raw outputs of a fitted model for prepared texts with their kinds (null: unknown), in input order, through one batch <c>Transform</c>.</summary>
    public static IReadOnlyList<ModelOutput> Predict(MLContext ml, FittedModel model, IEnumerable<(string Prepared, SourceKind? Kind)> passages) =>
        ml.Data.CreateEnumerable<ModelOutput>(model.Transformer.Transform(FeatureView.Of(ml, model.Featurizer, passages)), reuseRowObject: false).ToList();

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
                { LabelColumnName = label, FeatureColumnName = features, L2Regularization = t.L2, NumberOfThreads = 1, MaximumNumberOfIterations = Steps(t) }),
            TrainerKind.AveragedPerceptron => m.OneVersusAll(ml.BinaryClassification.Trainers.AveragedPerceptron(Perceptron(t, label)), label),
            TrainerKind.LinearSvm => m.OneVersusAll(ml.BinaryClassification.Trainers.LinearSvm(Svm(t, label)), label),
            _ => throw new ArgumentOutOfRangeException(nameof(t)),
        };
    }

    /// <summary>A binary model whose output has a calibrated <c>Probability</c> column (Platt scaling for the uncalibrated learners).</summary>
    /// <summary>
    /// A topic's fitted parts: a self-calibrated learner alone, or a raw learner and its sigmoid; with <see cref="Deferred"/>, that sigmoid
    /// is a placeholder for the out-of-fold one (<see cref="PendingFit.Complete"/>), and <see cref="Own"/> the sigmoid fitted on the
    /// training scores that it recalibrates (null when the out-of-fold sigmoid reads the raw score).
    /// </summary>
    internal sealed record BinaryFit(IReadOnlyList<ITransformer> Parts, bool Deferred = false, PlattParameters? Own = null);

    private static BinaryFit FitBinary(MLContext ml, IDataView data, string label, TrainerChoice t, bool outOfFoldCalibration,
        TopicCalibrationMode calibration, LearnerInput? learnerInput = null, double beta = 1)
    {
        const string features = ModelColumns.Features;
        var b = ml.BinaryClassification.Trainers;
        switch (t.Kind)
        {
            case TrainerKind.Lbfgs when learnerInput is { Scale: not null }:
                break;   // its linear part is trained on the scaled features, folded and Platt-calibrated below
            case TrainerKind.Sdca:
                return new([b.SdcaLogisticRegression(new SdcaLogisticRegressionBinaryTrainer.Options
                    { LabelColumnName = label, FeatureColumnName = features, NumberOfThreads = 1 }).Fit(data)]);
            case TrainerKind.Lbfgs:
                return new([b.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
                    { LabelColumnName = label, FeatureColumnName = features, L2Regularization = t.L2, NumberOfThreads = 1, MaximumNumberOfIterations = Steps(t) }).Fit(data)]);
        }
        var input = learnerInput ?? new LearnerInput(data, null, null);
        ITransformer raw = t.Blend is null ? FitLinear(ml, input, data.Schema, label, t, beta) : FitBlend(ml, input, data, label, t, beta);
        var scored = raw.Transform(data);
        if (!outOfFoldCalibration || calibration is TopicCalibrationMode.TrainingScores)
            return new([raw, ml.BinaryClassification.Calibrators.Platt(label).Fit(scored)]);
        PlattParameters? own = null;
        if (calibration is TopicCalibrationMode.OutOfFoldRecalibration)
        {
            var trained = ((ISingleFeaturePredictionTransformer<PlattCalibrator>)ml.BinaryClassification.Calibrators.Platt(label).Fit(scored)).Model;
            own = new PlattParameters(trained.Slope, trained.Offset);
        }
        // A placeholder in the final sigmoid's place (the same component from the same context, so the same draws from its random),
        // replaced by the out-of-fold sigmoid in PendingFit.Complete.
        return new([raw, ml.BinaryClassification.Calibrators.Platt(-1, 0).Fit(scored)], Deferred: true, Own: own);
    }

    /// <summary>
    /// What a topic's learner reads: the data view it is trained on, the per-slot scale of its features (null: the plain
    /// features), and (for <see cref="TrainerKind.DualSvm"/>, which works on the vectors directly) the rows of that view.
    /// </summary>
    private sealed record LearnerInput(IDataView Data, float[]? Scale, IReadOnlyList<FeaturizedText>? Rows, int Topic = -1);

    /// <summary>
    /// A topic's uncalibrated linear learner on <paramref name="input"/>; with <see cref="TrainerChoice.Ensemble"/> above 1, the
    /// mean of that many learners (each pass over the data shuffled anew); with a scale, the learners were trained on features
    /// rescaled slot by slot (<see cref="NaiveBayesRatios"/>), their weights optionally interpolated with their mean magnitude
    /// (<see cref="NaiveBayesWeighting.Beta"/>), and the scale is folded into the weights, so the returned predictor reads
    /// the plain features of <paramref name="plainSchema"/>.
    /// </summary>
    private static ITransformer FitLinear(MLContext ml, LearnerInput input, DataViewSchema plainSchema, string label, TrainerChoice t,
        double beta = 1)
    {
        var b = ml.BinaryClassification.Trainers;
        var data = input.Data;
        var scale = input.Scale;
        var fitCount = 0;
        LinearBinaryModelParameters FitOnce()
        {
            fitCount++;
            switch (t.Kind)
            {
                case TrainerKind.AveragedPerceptron: return b.AveragedPerceptron(Perceptron(t, label)).Fit(data).Model;
                case TrainerKind.LinearSvm: return b.LinearSvm(Svm(t, label)).Fit(data).Model;
                case TrainerKind.Lbfgs:
                    return (LinearBinaryModelParameters)b.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
                    {
                        LabelColumnName = label, FeatureColumnName = ModelColumns.Features, L2Regularization = t.L2, NumberOfThreads = 1,
                        MaximumNumberOfIterations = Steps(t),
                    }).Fit(data).Model.SubModel;
                case TrainerKind.DualSvm:
                    var rows = input.Rows ?? throw new InvalidOperationException("the dual SVM needs the rows");
                    var (w, bias, _) = DualCoordinateSvm.Train(rows.Select(r => r.Features).ToList(), rows.Select(r => r.HasTopic(input.Topic)).ToList(),
                        rows.Count == 0 ? 0 : rows[0].Features.Length, t.Cost, t.DualPasses, seed: 1 + input.Topic + 100 * fitCount);
                    return LinearModels.Create(ml, w, bias, data.Schema, ModelColumns.Features).Model;
                default: throw new ArgumentOutOfRangeException(nameof(t));
            }
        }
        if (t.Ensemble <= 1 && scale is null && t.Kind is TrainerKind.AveragedPerceptron or TrainerKind.LinearSvm)
            return t.Kind switch
            {
                TrainerKind.AveragedPerceptron => b.AveragedPerceptron(Perceptron(t, label)).Fit(data),
                _ => b.LinearSvm(Svm(t, label)).Fit(data),
            };
        var fits = Enumerable.Range(0, Math.Max(1, t.Ensemble)).Select(_ => FitOnce()).ToList();
        var dimension = fits[0].Weights.Count;
        var weights = new float[dimension];
        var sumBias = 0f;
        foreach (var fit in fits)
        {
            var (w, b0) = LinearModels.Folded(fit, scale ?? Ones(dimension), beta);
            for (var j = 0; j < dimension; j++) weights[j] += w[j] / fits.Count;
            sumBias += b0 / fits.Count;
        }
        return LinearModels.Create(ml, weights, sumBias, plainSchema, ModelColumns.Features);
    }

    /// <summary>
    /// <see cref="TrainerChoice.Blend"/>: the learner of <paramref name="t"/> and its blend partner, each under the Platt sigmoid
    /// fitted on its training scores, their log-odds averaged: one linear predictor with the weights Σᵢ −½Aᵢwᵢ and the bias
    /// Σᵢ −½(Aᵢbᵢ + Bᵢ) (the usual calibration is then fitted on top, as for any raw learner).
    /// </summary>
    private static ITransformer FitBlend(MLContext ml, LearnerInput input, IDataView plain, string label, TrainerChoice t, double beta)
    {
        var members = new[] { t with { Blend = null }, t.Blend! with { Blend = null } };
        var weights = new double[0];
        var bias = 0.0;
        foreach (var member in members)
        {
            var fitted = FitLinear(ml, input, plain.Schema, label, member, beta);
            var model = ((ISingleFeaturePredictionTransformer<LinearBinaryModelParameters>)fitted).Model;
            var platt = ((ISingleFeaturePredictionTransformer<PlattCalibrator>)ml.BinaryClassification.Calibrators.Platt(label).Fit(fitted.Transform(plain))).Model;
            if (weights.Length == 0) weights = new double[model.Weights.Count];
            var j = 0;
            foreach (var w in model.Weights) weights[j++] += -0.5 * platt.Slope * w;
            bias += -0.5 * (platt.Slope * model.Bias + platt.Offset);
        }
        return LinearModels.Create(ml, weights.Select(w => (float)w).ToArray(), (float)bias, plain.Schema, ModelColumns.Features);
    }

    private static float[] Ones(int n)
    {
        var ones = new float[n];
        Array.Fill(ones, 1f);
        return ones;
    }

    /// <summary>
    /// What a topic's learner is trained on when <see cref="ClassifierConfig.TopicNaiveBayes"/> is set: the training passages'
    /// features scaled by that topic's log-count ratios, computed on these passages only, and the ratios; without it, the plain
    /// rows (no scale); null for a learner that calibrates itself.
    /// </summary>
    private static LearnerInput? TopicLearnerInput(MLContext ml, ClassifierConfig config, List<FeaturizedText> rows, IDataView data,
        SchemaDefinition definition, int topic)
    {
        if (!config.TopicsNeedCalibration) return null;
        if (config.TopicNaiveBayes is not { } nb) return new LearnerInput(data, null, rows, topic);
        var dimension = rows.Count == 0 ? 0 : rows[0].Features.Length;
        var ratios = NaiveBayesRatios.Compute(rows.Select(r => r.Features).ToList(), rows.Select(r => r.HasTopic(topic)).ToList(), dimension,
            nb.Alpha, nb.Binarize);
        var scaled = rows.Select(r =>
        {
            var copy = new FeaturizedText { Features = NaiveBayesRatios.Scale(r.Features, ratios) };
            copy.SetTopic(topic, r.HasTopic(topic));
            return copy;
        }).ToList();
        return new LearnerInput(ml.Data.Cache(ml.Data.LoadFromEnumerable(scaled, definition)), ratios, scaled, topic);
    }

    /// <summary>Raw scores of each topic's uncalibrated learner for prepared texts with their kinds: [text][topic].</summary>
    public static float[][] TopicScores(MLContext ml, FittedModel model, IReadOnlyList<(string Prepared, SourceKind? Kind)> passages)
    {
        var result = passages.Select(_ => new float[model.TopicScorers.Count]).ToArray();
        var data = ml.Data.Cache(FeatureView.Of(ml, model.Featurizer, passages));
        for (var t = 0; t < model.TopicScorers.Count; t++)
        {
            var i = 0;
            foreach (var s in model.TopicScorers[t].Transform(data).GetColumn<float>(ModelColumns.Score)) result[i++][t] = s;
        }
        return result;
    }

    /// <summary>Fits a Platt sigmoid to raw scores and their labels (ML.NET's Platt calibrator trainer).</summary>
    public static PlattParameters FitPlatt(MLContext ml, IReadOnlyList<float> scores, IReadOnlyList<bool> labels)
    {
        var view = ml.Data.LoadFromEnumerable(scores.Select((s, i) => new ScoredLabel { Score = s, Label = labels[i] }).ToList());
        var fitted = ml.BinaryClassification.Calibrators.Platt(nameof(ScoredLabel.Label), nameof(ScoredLabel.Score)).Fit(view);
        var model = ((ISingleFeaturePredictionTransformer<PlattCalibrator>)fitted).Model;
        return new PlattParameters(model.Slope, model.Offset);
    }

    private sealed class ScoredLabel
    {
        public float Score { get; set; }
        public bool Label { get; set; }
    }

    private static AveragedPerceptronTrainer.Options Perceptron(TrainerChoice t, string label)
    {
        var o = new AveragedPerceptronTrainer.Options
            { LabelColumnName = label, FeatureColumnName = ModelColumns.Features, L2Regularization = t.PerceptronL2, LearningRate = t.LearningRate };
        if (t.Iterations > 0) o.NumberOfIterations = t.Iterations;
        return o;
    }

    private static LinearSvmTrainer.Options Svm(TrainerChoice t, string label)
    {
        var o = new LinearSvmTrainer.Options { LabelColumnName = label, FeatureColumnName = ModelColumns.Features };
        if (t.Iterations > 0) o.NumberOfIterations = t.Iterations;
        return o;
    }

    /// <summary>The most L-BFGS steps: the configured number, else ML.NET's default.</summary>
    private static int Steps(TrainerChoice t) => t.Iterations > 0 ? t.Iterations : new LbfgsLogisticRegressionBinaryTrainer.Options().MaximumNumberOfIterations;

    private static void CheckSlotOrder(DataViewSchema.Column score, IReadOnlyList<string> expected)
    {
        VBuffer<ReadOnlyMemory<char>> names = default;
        score.GetSlotNames(ref names);
        var actual = names.DenseValues().Select(n => n.ToString()).ToList();
        if (!actual.SequenceEqual(expected))
            throw new InvalidOperationException($"Score slots are [{string.Join(", ", actual)}], expected [{string.Join(", ", expected)}].");
    }
}
