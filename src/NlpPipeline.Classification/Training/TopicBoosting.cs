using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;
using NlpPipeline.Classification.Features;
using NlpPipeline.Classification.Schema;
using NlpPipeline.Core.Labels;

namespace NlpPipeline.Classification.Training;

/// <summary>
/// What the boosted-tree second stage of the topics reads (<see cref="TopicBoosting"/>): always the 11 topics' calibrated
/// probabilities, the intent and sentiment probabilities, the source kind (news, social, unknown: one input each), ln(1 + the
/// prepared text's length in characters) and its number of sentences (<see cref="PreparedSentenceSplitter"/>); with
/// <see cref="Concepts"/>, the concept block's values (<see cref="ConceptLexicon"/>, as the featurizer weighs them); with
/// <see cref="Ranks"/>, each topic's rank among the 11 (0: the strongest) and its probability's gap to the strongest.
/// </summary>
public sealed record TopicBoostingOptions(bool Concepts = true, bool Ranks = false)
{
    public override string ToString() =>
        "a second stage per topic: LightGBM boosted trees on the 11 topics' out-of-fold calibrated probabilities, intent and sentiment probabilities, " +
        (Concepts ? "the concept block, " : "") + (Ranks ? "each topic's rank and gap to the strongest, " : "") +
        "source kind, length and sentence count; tree settings chosen per topic by inner out-of-fold log-loss; cross-fitted";
}

/// <summary>One LightGBM setting of the second stage: leaves per tree, the least passages in a leaf, boosting rounds and learning rate.</summary>
public sealed record BoostSettings(int Leaves, int MinLeaf, int Rounds, double LearningRate)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Leaves} leaves, ≥ {MinLeaf} per leaf, {Rounds} rounds at {LearningRate}");
}

/// <summary>
/// A boosted-tree ensemble for one binary decision, read out of ML.NET's LightGBM model into flat arrays so a passage is scored
/// without an <c>IDataView</c>: node i sends x left when x[<see cref="Feature"/>[i]] ≤ <see cref="Threshold"/>[i]; a child below 0
/// is the leaf ~child. p = 1 / (1 + exp(<see cref="Slope"/>·(bias + Σ tree weight · leaf value) + <see cref="Offset"/>)).
/// </summary>
public sealed class BoostedEnsemble
{
    public BoostedEnsemble(double bias, double slope, double offset, IReadOnlyList<Tree> trees)
    {
        Bias = bias;
        Slope = slope;
        Offset = offset;
        Trees = trees;
    }

    /// <summary>One regression tree: internal nodes in <see cref="Feature"/>/<see cref="Threshold"/>/<see cref="Left"/>/<see cref="Right"/>, leaves in <see cref="Leaves"/>.</summary>
    public sealed record Tree(double Weight, int[] Feature, float[] Threshold, int[] Left, int[] Right, double[] Leaves);

    public double Bias { get; }
    public double Slope { get; }
    public double Offset { get; }
    public IReadOnlyList<Tree> Trees { get; }

    /// <summary>The ensemble's raw score (before the sigmoid) of the inputs <paramref name="x"/>.</summary>
    public double Score(ReadOnlySpan<float> x)
    {
        var sum = Bias;
        foreach (var tree in Trees)
        {
            if (tree.Feature.Length == 0) { sum += tree.Weight * tree.Leaves[0]; continue; }
            var node = 0;
            while (node >= 0) node = x[tree.Feature[node]] <= tree.Threshold[node] ? tree.Left[node] : tree.Right[node];
            sum += tree.Weight * tree.Leaves[~node];
        }
        return sum;
    }

    /// <summary>The calibrated probability of the inputs <paramref name="x"/>.</summary>
    public double Probability(ReadOnlySpan<float> x) => 1 / (1 + Math.Exp(Slope * Score(x) + Offset));

    /// <summary>Reads the trees of a fitted ML.NET LightGBM binary model (numerical splits only) and its Platt calibrator.</summary>
    public static BoostedEnsemble From(CalibratedModelParametersBase<LightGbmBinaryModelParameters, PlattCalibrator> model)
    {
        var ensemble = model.SubModel.TrainedTreeEnsemble;
        var trees = new List<Tree>();
        for (var t = 0; t < ensemble.Trees.Count; t++)
        {
            var tree = ensemble.Trees[t];
            if (tree.CategoricalSplitFlags.ToArray().Any(f => f)) throw new NotSupportedException("categorical splits are not read");
            trees.Add(new Tree(ensemble.TreeWeights[t], tree.NumericalSplitFeatureIndexes.ToArray(), tree.NumericalSplitThresholds.ToArray(),
                tree.LeftChild.ToArray(), tree.RightChild.ToArray(), tree.LeafValues.ToArray()));
        }
        return new BoostedEnsemble(ensemble.Bias, model.Calibrator.Slope, model.Calibrator.Offset, trees);
    }
}

/// <summary>
/// Eighth round (b): a non-linear second stage for the topics. Per topic, a LightGBM binary model on dense, small inputs
/// (<see cref="TopicBoostingOptions"/>) built from the first stage's out-of-fold outputs, so it can express interactions a
/// linear model cannot ("prices are named and the passage complains"; "this topic is strong, so that weaker one is its
/// companion"). Small trees, few leaves, a large least leaf; the setting of each topic is chosen from <see cref="Grid"/> by
/// the log-loss of an inner cross-validation over the training passages' own folds, never by the passages being scored.
/// </summary>
public static class TopicBoosting
{
    /// <summary>The few settings tried (per topic, the one with the least inner out-of-fold log-loss is used).</summary>
    public static IReadOnlyList<BoostSettings> Grid { get; } =
    [
        new(Leaves: 4, MinLeaf: 200, Rounds: 150, LearningRate: 0.1),
        new(Leaves: 8, MinLeaf: 100, Rounds: 150, LearningRate: 0.05),
        new(Leaves: 8, MinLeaf: 300, Rounds: 300, LearningRate: 0.05),
    ];

    /// <summary>The number of inputs for the given options and label counts (<paramref name="concepts"/>: the concept block's size).</summary>
    public static int InputCount(TopicBoostingOptions options, int topics, int intents, int sentiments, int concepts) =>
        topics + intents + sentiments + (options.Concepts ? concepts : 0) + (options.Ranks ? 2 * topics : 0) + 3 + 2;

    /// <summary>
    /// The second stage's inputs of one passage, in a fixed order: topic probabilities, [ranks and gaps], intent and sentiment
    /// probabilities, [concept values, dense], kind (news, social, unknown), ln(1 + length), sentence count.
    /// </summary>
    public static float[] Inputs(TopicBoostingOptions options, IReadOnlyList<float> topicProbs, IReadOnlyList<float> intent,
        IReadOnlyList<float> sentiment, ReadOnlySpan<float> concepts, SourceKind? kind, int length, int sentences)
    {
        var x = new float[InputCount(options, topicProbs.Count, intent.Count, sentiment.Count, concepts.Length)];
        var at = 0;
        foreach (var p in topicProbs) x[at++] = p;
        if (options.Ranks)
        {
            var strongest = topicProbs.Max();
            for (var t = 0; t < topicProbs.Count; t++)
            {
                var rank = 0;
                for (var s = 0; s < topicProbs.Count; s++)
                    if (topicProbs[s] > topicProbs[t] || (topicProbs[s] == topicProbs[t] && s < t)) rank++;
                x[at++] = rank;
            }
            foreach (var p in topicProbs) x[at++] = strongest - p;
        }
        foreach (var p in intent) x[at++] = p;
        foreach (var p in sentiment) x[at++] = p;
        if (options.Concepts) foreach (var v in concepts) x[at++] = v;
        x[at++] = kind == SourceKind.News ? 1 : 0;
        x[at++] = kind == SourceKind.Social ? 1 : 0;
        x[at++] = kind is null ? 1 : 0;
        x[at++] = (float)Math.Log(1 + length);
        x[at++] = sentences;
        return x;
    }

    /// <summary>
    /// The dense concept values of a prepared text as the featurizer of <paramref name="features"/> weighs them (its concept block,
    /// normalised on its own), through <paramref name="conceptsOnly"/>: a featurizer with those options and no n-gram slots.
    /// </summary>
    public static float[] ConceptValues(HashedNgramFeaturizer conceptsOnly, string prepared)
    {
        var count = conceptsOnly.Concepts?.Count ?? 0;
        var dense = new float[count];
        if (count == 0) return dense;
        var v = conceptsOnly.Featurize(prepared, null);
        var indices = v.GetIndices();
        var values = v.GetValues();
        for (var j = 0; j < values.Length; j++)
        {
            var i = v.IsDense ? j : indices[j];
            if (i < count) dense[i] = values[j];
        }
        return dense;
    }

    /// <summary>A featurizer that writes the concept block only (no n-gram slots kept), for <see cref="ConceptValues"/>; null without a concept block.</summary>
    public static HashedNgramFeaturizer? ConceptsOnly(HashedNgramOptions options) =>
        options.ConceptWeight > 0 ? new HashedNgramFeaturizer(options, new SlotMap([], []), ConceptLexicon.Default) : null;

    /// <summary>Fits one LightGBM binary model with <paramref name="settings"/> on the rows <paramref name="idx"/> (one thread, seeded: the same data give the same trees).</summary>
    public static BoostedEnsemble Fit(IReadOnlyList<float[]> inputs, IReadOnlyList<bool> labels, IReadOnlyList<int> idx, BoostSettings settings, int seed)
    {
        var ml = new MLContext(seed);
        var dimension = inputs[idx[0]].Length;
        var definition = SchemaDefinition.Create(typeof(Row));
        definition[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dimension);
        var view = ml.Data.LoadFromEnumerable(idx.Select(i => new Row { Features = inputs[i], Label = labels[i] }), definition);
        var trainer = ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
        {
            LabelColumnName = nameof(Row.Label), FeatureColumnName = nameof(Row.Features),
            NumberOfLeaves = settings.Leaves, MinimumExampleCountPerLeaf = settings.MinLeaf, NumberOfIterations = settings.Rounds,
            LearningRate = settings.LearningRate, NumberOfThreads = 1, Seed = seed, Deterministic = true, Silent = true, Verbose = false,
            UseCategoricalSplit = false, HandleMissingValue = false,
            Booster = new GradientBooster.Options { L2Regularization = 1 },
        });
        return BoostedEnsemble.From(trainer.Fit(view).Model);
    }

    /// <summary>Mean log-loss of probabilities against labels (probabilities kept 10⁻⁹ away from 0 and 1).</summary>
    public static double LogLoss(IEnumerable<double> probabilities, IEnumerable<bool> labels)
    {
        double sum = 0;
        var n = 0;
        foreach (var (p, y) in probabilities.Zip(labels))
        {
            var q = Math.Clamp(p, 1e-9, 1 - 1e-9);
            sum -= y ? Math.Log(q) : Math.Log(1 - q);
            n++;
        }
        return n == 0 ? 0 : sum / n;
    }

    /// <summary>
    /// The setting of <see cref="Grid"/> (its index) with the least log-loss out of fold in an inner cross-validation over the rows
    /// <paramref name="idx"/>, split by their own fold numbers <paramref name="fold"/>: each inner fold scored by models fitted on the others.
    /// </summary>
    public static int Choose(IReadOnlyList<float[]> inputs, IReadOnlyList<bool> labels, IReadOnlyList<int> idx, int[] fold, int seed,
        IReadOnlyList<BoostSettings>? grid = null)
    {
        grid ??= Grid;
        var inner = idx.Select(i => fold[i]).Distinct().Order().ToList();
        var best = 0;
        var bestLoss = double.PositiveInfinity;
        for (var g = 0; g < grid.Count; g++)
        {
            var probabilities = new List<double>();
            var truth = new List<bool>();
            foreach (var f in inner)
            {
                var train = idx.Where(i => fold[i] != f).ToList();
                var test = idx.Where(i => fold[i] == f).ToList();
                var model = Fit(inputs, labels, train, grid[g], seed);
                probabilities.AddRange(test.Select(i => model.Probability(inputs[i])));
                truth.AddRange(test.Select(i => labels[i]));
            }
            var loss = LogLoss(probabilities, truth);
            if (loss < bestLoss) { bestLoss = loss; best = g; }
        }
        return best;
    }

    /// <summary>
    /// Cross-fits the second stage in <see cref="CrossValidator"/>: for each fold k and topic, a setting is chosen by an inner
    /// cross-validation over the other folds and a model fitted on all of them; fold k's passages (and their withheld-kind
    /// twins) then get its probabilities. The inputs are the first stage's out-of-fold outputs (topic probabilities already
    /// recalibrated out of fold). Reports each fold's fitting time, the settings chosen and the cost of scoring 200,000 passages' inputs.
    /// </summary>
    public static void CrossFit(TopicBoostingOptions options, IReadOnlyList<TrainingRow> rows, HashedNgramOptions features, int[] fold, int folds,
        ModelOutput[] outputs, ModelOutput[]? unknown, int seed, int parallelism, Action<string>? progress)
    {
        var conceptsOnly = options.Concepts ? ConceptsOnly(features) : null;
        var concepts = new float[rows.Count][];
        var sentences = new int[rows.Count];
        Parallel.For(0, rows.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism) }, i =>
        {
            concepts[i] = conceptsOnly is null ? [] : ConceptValues(conceptsOnly, rows[i].Text);
            sentences[i] = Math.Max(1, PreparedSentenceSplitter.Split(rows[i].Text).Count);
        });
        float[] InputsOf(int i, ModelOutput o, SourceKind? kind) =>
            Inputs(options, o.TopicProbs, o.IntentScores, o.SentimentScores, concepts[i], kind, rows[i].Text.Length, sentences[i]);
        var known = Enumerable.Range(0, rows.Count).Select(i => InputsOf(i, outputs[i], rows[i].Kind)).ToArray();
        var withheld = unknown is null ? null : Enumerable.Range(0, rows.Count).Select(i => InputsOf(i, unknown[i], null)).ToArray();
        var topics = LabelNames.Topics.All;
        var labels = topics.Select(topic => rows.Select(r => r.Topics.Contains(topic)).ToArray()).ToArray();
        var boosted = new float[rows.Count][];
        var boostedUnknown = new float[rows.Count][];
        var chosen = new int[folds, topics.Count];
        var seconds = new double[folds];
        var ensembles = new BoostedEnsemble[folds][];
        Parallel.For(0, folds, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism) }, k =>
        {
            var clock = Stopwatch.StartNew();
            var others = Enumerable.Range(0, rows.Count).Where(i => fold[i] != k).ToList();
            var mine = Enumerable.Range(0, rows.Count).Where(i => fold[i] == k).ToList();
            ensembles[k] = new BoostedEnsemble[topics.Count];
            foreach (var i in mine) { boosted[i] = new float[topics.Count]; boostedUnknown[i] = new float[topics.Count]; }
            for (var t = 0; t < topics.Count; t++)
            {
                var g = Choose(known, labels[t], others, fold, seed + t);
                chosen[k, t] = g;
                var model = ensembles[k][t] = Fit(known, labels[t], others, Grid[g], seed + t);
                foreach (var i in mine)
                {
                    boosted[i][t] = (float)model.Probability(known[i]);
                    if (withheld is not null) boostedUnknown[i][t] = (float)model.Probability(withheld[i]);
                }
            }
            seconds[k] = clock.Elapsed.TotalSeconds;
            progress?.Invoke(string.Create(CultureInfo.InvariantCulture,
                $"boost: fold {k + 1}/{folds}: second stage fitted in {seconds[k]:0.0} s ({Grid.Count} settings × {folds - 1} inner folds + 1 final fit, × {topics.Count} topics, on {others.Count} passages, {known[0].Length} inputs)"));
        });
        for (var i = 0; i < rows.Count; i++)
        {
            outputs[i].TopicProbs = boosted[i];
            if (unknown is not null) unknown[i].TopicProbs = boostedUnknown[i];
        }
        progress?.Invoke("boost: settings chosen per fold (index into " + string.Join("; ", Grid.Select((s, g) => $"{g}: {s}")) + "): " +
            string.Join(" | ", Enumerable.Range(0, folds).Select(k => string.Join(",", Enumerable.Range(0, topics.Count).Select(t => chosen[k, t])))));
        // Scoring cost: the second stage of fold 1 over 200,000 passages' inputs (the out-of-fold inputs, repeated); inputs already built.
        var clock2 = Stopwatch.StartNew();
        const int passages = 200_000;
        var sink = 0.0;
        for (var n = 0; n < passages; n++)
        {
            var x = known[n % known.Length];
            foreach (var model in ensembles[0]) sink += model.Probability(x);
        }
        var elapsed = clock2.Elapsed.TotalSeconds;
        progress?.Invoke(string.Create(CultureInfo.InvariantCulture,
            $"boost: scoring {passages:N0} passages' second-stage inputs (11 ensembles, {ensembles[0].Sum(e => e.Trees.Count)} trees): {elapsed:0.000} s, {passages / elapsed:N0} passages/s, {1e6 * elapsed / passages:0.00} µs each (checksum {sink:0.0})"));
    }

    private sealed class Row
    {
        public float[] Features { get; set; } = [];
        public bool Label { get; set; }
    }
}
