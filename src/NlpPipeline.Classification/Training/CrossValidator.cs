using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Microsoft.ML;
using NlpPipeline.Classification.Evaluation;
using NlpPipeline.Classification.Schema;
using NlpPipeline.Core.Labels;

namespace NlpPipeline.Classification.Training;

/// <summary>Mean and spread of the headline figures over the folds of one cross-validation.</summary>
public sealed record CrossValidationResult(
    string Config,
    string Description,
    int Folds,
    int Passages,
    CvScores Mean,
    CvScores StdDev,
    IReadOnlyDictionary<string, CvScores> ByLanguage,
    double Seconds,
    TopicCalibration? TopicCalibration = null,
    UnknownKindScores? UnknownKind = null);

/// <summary>
/// A model that reads the source kind, scored on the same out-of-fold passages with their kind withheld (the path of a
/// text without a source): the figures pooled over all out-of-fold passages and by language, with the same cross-fitted
/// topic sigmoids and thresholds as the known-kind path.
/// </summary>
public sealed record UnknownKindScores(CvScores Pooled, IReadOnlyDictionary<string, CvScores> ByLanguage);

/// <summary>
/// How well the out-of-fold topic probabilities are calibrated, pooled over every topic and passage: mean probability
/// on the (passage, topic) pairs that are positive and on those that are not, the share of positives scored below
/// 0.10, the Brier score, and the expected calibration error over ten equal-width bins (weighted |mean p − positive rate|).
/// </summary>
public sealed record TopicCalibration(double MeanOnPositives, double MeanOnNegatives, double PositivesBelow010, double Brier, double Ece)
{
    public static TopicCalibration Of(IReadOnlyList<float[]> probabilities, IReadOnlyList<IReadOnlySet<Topic>> gold)
    {
        var topics = LabelNames.Topics.All;
        double sumPos = 0, sumNeg = 0, brier = 0;
        int pos = 0, neg = 0, below = 0;
        var binP = new double[10];
        var binY = new double[10];
        var binN = new int[10];
        for (var i = 0; i < probabilities.Count; i++)
            for (var t = 0; t < topics.Count; t++)
            {
                double p = Math.Clamp(probabilities[i][t], 0f, 1f);
                var y = gold[i].Contains(topics[t]) ? 1 : 0;
                if (y == 1) { sumPos += p; pos++; if (p < 0.10) below++; } else { sumNeg += p; neg++; }
                brier += (p - y) * (p - y);
                var b = Math.Min(9, (int)(p * 10));
                binP[b] += p; binY[b] += y; binN[b]++;
            }
        var n = pos + neg;
        var ece = 0.0;
        for (var b = 0; b < 10; b++) if (binN[b] > 0) ece += Math.Abs(binP[b] - binY[b]) / n;
        return new TopicCalibration(R(sumPos / Math.Max(1, pos)), R(sumNeg / Math.Max(1, neg)), R((double)below / Math.Max(1, pos)), R(brier / Math.Max(1, n)), R(ece));
    }

    private static double R(double v) => Math.Round(v, 4);
}

/// <summary>
/// Intent and sentiment accuracy and macro-F1, topic micro- and macro-F1. Topic decisions in a fold use
/// thresholds tuned on the out-of-fold probabilities of the other folds, so no passage's own label sets
/// the threshold it is judged with.
/// </summary>
public sealed record CvScores(double IntentAccuracy, double IntentMacroF1, double SentimentAccuracy, double SentimentMacroF1,
    double TopicMicroF1, double TopicMacroF1)
{
    public double Headline => (IntentMacroF1 + SentimentMacroF1 + TopicMicroF1) / 3;
}

/// <summary>
/// k-fold cross-validation on the training part only (never the test part). Folds are stratified by
/// language × intent and assigned by a seeded SHA-256 rank of the passage id, so they do not depend on
/// file order; each fold is fitted in its own seeded <see cref="MLContext"/>, so folds may run in
/// parallel and the result is still the same every run.
/// </summary>
public static class CrossValidator
{
    /// <summary>
    /// The result, the out-of-fold outputs, the topic thresholds tuned on all of them, and (with
    /// a <see cref="ClassifierConfig.Calibration"/> other than training scores) each topic's sigmoid fitted on all out-of-fold
    /// scores (raw, or the log-odds of the fold models' probabilities), for the final fit.
    /// </summary>
    public sealed record Outcome(CrossValidationResult Result, IReadOnlyList<ModelOutput> OutOfFold, double[] Thresholds,
        IReadOnlyList<PlattParameters>? TopicPlatt = null, IReadOnlyList<double[]>? TopicStacking = null)
    {
        /// <summary>The topic sets decided out of fold (fold k with thresholds tuned on the other folds), in row order.</summary>
        public IReadOnlyList<IReadOnlySet<Topic>> Decided { get; init; } = [];

        /// <summary>
        /// With <see cref="SentenceCombination.Mix"/>: per topic, the coefficients of the passage's and the best sentence's log-odds
        /// (under the fold models' training sigmoids) and the intercept, fitted on every passage's out-of-fold log-odds.
        /// </summary>
        public IReadOnlyList<double[]>? SentenceMix { get; init; }

        /// <summary>With <see cref="TopicCountRule.TopK"/> or <see cref="TopicCountRule.Hybrid"/>: each passage's out-of-fold count-class
        /// probabilities (0, 1, 2, ≥ 3 topics), recalibrated out of fold and normalised, in row order.</summary>
        public IReadOnlyList<float[]>? CountProbabilities { get; init; }
    }

    public static int[] AssignFolds(IReadOnlyList<string> ids, IReadOnlyList<TrainingRow> rows, int folds, int seed)
    {
        var fold = new int[rows.Count];
        foreach (var stratum in Enumerable.Range(0, rows.Count).GroupBy(i => (rows[i].Language, rows[i].Intent)))
        {
            var ordered = stratum.OrderBy(i => Rank(seed, ids[i])).ThenBy(i => ids[i], StringComparer.Ordinal).ToList();
            for (var k = 0; k < ordered.Count; k++) fold[ordered[k]] = k % folds;
        }
        return fold;
    }

    /// <param name="trainShare">
    /// For a learning curve: each fold's models are fitted on this share of the other folds' passages only (the same
    /// passages in every fold, chosen by a seeded hash of the id); every passage is still scored out of fold.
    /// </param>
    /// <param name="alongside">
    /// Work to run in the same pool of <paramref name="parallelism"/> threads as the folds, started before them (<c>nlp train</c>'s
    /// final fit, which needs nothing from the folds until its sigmoids): with 5 folds on 2 threads, the last fold no longer runs alone.
    /// It must not depend on the folds' order; the outcome does not depend on it.
    /// </param>
    public static Outcome Run(IReadOnlyList<string> ids, IReadOnlyList<TrainingRow> rows, ClassifierConfig config, int folds, int seed,
        int parallelism, Action<string>? progress = null, double trainShare = 1, Action? alongside = null)
    {
        if (folds < 2) throw new ArgumentOutOfRangeException(nameof(folds), "need at least 2 folds");
        if (trainShare is <= 0 or > 1) throw new ArgumentOutOfRangeException(nameof(trainShare), "the training share must be in (0, 1]");
        var calibration = config.TopicsNeedCalibration ? config.Calibration : TopicCalibrationMode.TrainingScores;
        var outOfFoldPlatt = calibration is not TopicCalibrationMode.TrainingScores;
        if (outOfFoldPlatt && config.PerLanguage) throw new NotSupportedException("Out-of-fold Platt calibration is implemented for one shared model only.");
        var stack = config.StackTopics;
        if (stack is not null && calibration is not TopicCalibrationMode.OutOfFoldRecalibration)
            throw new NotSupportedException("Stacked topics need the out-of-fold recalibration of an uncalibrated linear topic learner.");
        var foldSigmoids = new IReadOnlyList<PlattParameters>[folds];
        var clock = Stopwatch.StartNew();
        var fold = AssignFolds(ids, rows, folds, seed);
        var outputs = new ModelOutput[rows.Count];
        var rawScores = new float[rows.Count][];
        var readsKind = config.Features.SourceKind != Features.SourceKindFeatures.None;
        var unknown = readsKind ? new ModelOutput[rows.Count] : null;
        var rawUnknown = new float[rows.Count][];
        var sentence = config.SentenceTopics;
        if (sentence is not null && (calibration is not TopicCalibrationMode.OutOfFoldRecalibration || stack is not null || config.PerLanguage))
            throw new NotSupportedException("Sentence-level topic scoring needs the out-of-fold recalibration of an uncalibrated linear topic learner, unstacked, one shared model.");
        var sentenceMax = new float[rows.Count][];
        var sentenceMaxUnknown = new float[rows.Count][];
        var countModel = config.TopicCount;
        if (countModel is not null && (calibration is not TopicCalibrationMode.OutOfFoldRecalibration || stack is not null || sentence is not null || config.PerLanguage))
            throw new NotSupportedException("A topic-count model needs the out-of-fold recalibration of an uncalibrated linear topic learner, unstacked, passage-level, one shared model.");
        var countScores = new TopicCount.PassageScores[rows.Count];
        var countScoresUnknown = new TopicCount.PassageScores[rows.Count];
        var network = config.Network;
        if (network is not null && (calibration is not TopicCalibrationMode.OutOfFoldRecalibration || stack is not null || sentence is not null ||
            countModel is not null || config.Boosting is not null || config.PerLanguage))
            throw new NotSupportedException("The topic network replaces the topic learners of an uncalibrated linear configuration with out-of-fold recalibration, unstacked, passage-level, one shared model.");
        var networkLogits = new float[rows.Count][];
        var networkLogitsUnknown = new float[rows.Count][];
        void Fold(int k)
        {
            var train = Enumerable.Range(0, rows.Count).Where(i => fold[i] != k && (trainShare >= 1 || Kept(seed, ids[i], trainShare))).ToList();
            var test = Enumerable.Range(0, rows.Count).Where(i => fold[i] == k).ToList();
            FittedModel? foldModel = null;
            var (predicted, raw, predictedUnknown, rawUnknownFold, sigmoids, maxFold, maxUnknownFold) = FitAndPredict(seed + 1000 * (k + 1), rows, train, test, config,
                calibration is TopicCalibrationMode.OutOfFoldScores || stack is not null || sentence is not null, progress, m => foldModel = m);
            if (countModel is not null)
            {
                var (known, withheld) = TopicCount.FitAndScore(seed + 1000 * (k + 1) + 500, countModel, foldModel!.Featurizer,
                    train.Select(i => rows[i]).ToList(), test.Select(i => (rows[i].Text, rows[i].Kind)).ToList(), config, unknown is not null);
                for (var j = 0; j < test.Count; j++)
                {
                    countScores[test[j]] = known[j];
                    if (withheld is not null) countScoresUnknown[test[j]] = withheld[j];
                }
            }
            if (network is not null)
            {
                var (known, withheld, fits, seconds) = TopicNetwork.FitAndScore(seed + 1000 * (k + 1) + 700, network, foldModel!.Featurizer,
                    train.Select(i => rows[i]).ToList(), test.Select(i => (rows[i].Text, rows[i].Kind)).ToList(), config, unknown is not null,
                    progress is null ? null : m => progress($"{config.Name}: fold {k + 1}: {m}"));
                for (var j = 0; j < test.Count; j++)
                {
                    networkLogits[test[j]] = known[j];
                    if (withheld is not null) networkLogitsUnknown[test[j]] = withheld[j];
                }
                progress?.Invoke(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"{config.Name}: fold {k + 1}: {fits.Count} network(s) fitted in {seconds:0.0} s on {train.Count} passages ({fits[0].Network.Inputs:N0} slots × {fits[0].Network.Hidden}); ") +
                    string.Join("; ", fits.Select(f => $"epoch {f.Epoch} kept, hold-out topic log-loss by epoch: {string.Join(", ", f.HoldOutLoss.Select(l => l.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture)))}")));
            }
            foldSigmoids[k] = sigmoids;
            for (var j = 0; j < test.Count; j++)
            {
                outputs[test[j]] = predicted[j];
                rawScores[test[j]] = raw?[j] ?? [];
                if (unknown is not null) unknown[test[j]] = predictedUnknown![j];
                rawUnknown[test[j]] = rawUnknownFold?[j] ?? [];
                sentenceMax[test[j]] = maxFold?[j] ?? [];
                sentenceMaxUnknown[test[j]] = maxUnknownFold?[j] ?? [];
            }
            progress?.Invoke($"{config.Name}: fold {k + 1}/{folds} done");
        }
        var jobs = new List<Action>();
        if (alongside is not null) jobs.Add(alongside);
        for (var k = 0; k < folds; k++)
        {
            var kk = k;
            jobs.Add(() => Fold(kk));
        }
        RunInOrder(jobs, parallelism);

        var gold = rows.Select(r => r.Topics).ToList();
        IReadOnlyList<PlattParameters>? topicPlatt = null;
        IReadOnlyList<double[]>? topicStacking = null;
        IReadOnlyList<double[]>? sentenceMix = null;
        if (sentence is not null)
            (topicPlatt, sentenceMix) = CombineSentences(new MLContext(seed), sentence.How, fold, folds, foldSigmoids, gold, outputs, unknown,
                rawScores, sentenceMax, rawUnknown, sentenceMaxUnknown);
        else if (outOfFoldPlatt)
        {
            // Fold k's probabilities come from sigmoids fitted on the other folds' out-of-fold scores (cross-fitted), so the
            // calibration measured below is honest; the final model's sigmoids are fitted on every passage's out-of-fold score.
            var ml = new MLContext(seed);
            // With stacking, the log-odds of the fold model's training sigmoid are computed exactly from its raw scores, as the
            // folded final model computes them (no clamping of probabilities near 0 or 1).
            if (calibration is TopicCalibrationMode.OutOfFoldRecalibration)
                for (var i = 0; i < rows.Count; i++)
                {
                    var own = foldSigmoids[fold[i]];
                    rawScores[i] = stack is null ? outputs[i].TopicProbs.Select(LogOdds).ToArray()
                        : rawScores[i].Select((s, t) => (float)TopicStacking.Logit(own[t], s)).ToArray();
                    if (unknown is not null)
                        rawUnknown[i] = stack is null ? unknown[i].TopicProbs.Select(LogOdds).ToArray()
                            : rawUnknown[i].Select((s, t) => (float)TopicStacking.Logit(own[t], s)).ToArray();
                }
            if (network is not null)
            {
                // Tenth round (b): the network's logits take the linear learners' log-odds' place; the blend averages the two, each first
                // recalibrated out of fold (cross-fitted), and is recalibrated again below like any log-odds.
                var logOdds = rawScores;
                var logOddsUnknown = rawUnknown;
                (rawScores, rawUnknown) = (networkLogits, unknown is null ? rawUnknown : networkLogitsUnknown);
                if (network.Blend)
                {
                    var (linear, linearUnknown) = CrossFitLogOdds(ml, logOdds, unknown is null ? null : logOddsUnknown, gold, fold, folds);
                    var (net, netUnknown) = CrossFitLogOdds(ml, networkLogits, unknown is null ? null : networkLogitsUnknown, gold, fold, folds);
                    if (network.LearntBlend)
                        (rawScores, rawUnknown) = MixLogOdds(linear, net, linearUnknown, netUnknown, gold, fold, folds, rawUnknown);
                    else
                    {
                        rawScores = Mean(linear, net);
                        if (unknown is not null) rawUnknown = Mean(linearUnknown!, netUnknown!);
                    }
                }
            }
            var stackInputs = new double[rows.Count][];
            var stackUnknown = new double[rows.Count][];
            var crossFitted = CrossFitPlatt(ml, rawScores, gold, fold, folds);
            for (var k = 0; k < folds; k++)
            {
                var sigmoids = crossFitted[k];
                for (var i = 0; i < rows.Count; i++)
                    if (fold[i] == k)
                    {
                        outputs[i].TopicProbs = Calibrate(rawScores[i], sigmoids);
                        if (unknown is not null) unknown[i].TopicProbs = Calibrate(rawUnknown[i], sigmoids);
                        if (stack is not null)
                        {
                            stackInputs[i] = Logits(rawScores[i], sigmoids);
                            if (unknown is not null) stackUnknown[i] = Logits(rawUnknown[i], sigmoids);
                        }
                    }
            }
            topicPlatt = FitTopicPlatt(ml, rawScores, gold, Enumerable.Range(0, rows.Count).ToList());
            if (stack is { } l2)
            {
                // Second stage, cross-fitted like the sigmoids: fold k's stacked probabilities come from regressions fitted on
                // the other folds' out-of-fold log-odds; the final model's on every passage's, through the final sigmoids.
                for (var k = 0; k < folds; k++)
                {
                    var kk = k;
                    var others = Enumerable.Range(0, rows.Count).Where(i => fold[i] != kk).ToList();
                    var betas = FitStacking(others.Select(i => stackInputs[i]).ToList(), others.Select(i => gold[i]).ToList(), l2);
                    for (var i = 0; i < rows.Count; i++)
                        if (fold[i] == k)
                        {
                            outputs[i].TopicProbs = Stacked(betas, stackInputs[i]);
                            if (unknown is not null) unknown[i].TopicProbs = Stacked(betas, stackUnknown[i]);
                        }
                }
                var final = topicPlatt.ToArray();
                topicStacking = FitStacking(rawScores.Select(r => Logits(r, final)).ToList(), gold, l2);
            }
        }
        if (config.Boosting is { } boosting)
        {
            // Eighth round (b): a boosted-tree second stage on the out-of-fold outputs above, itself cross-fitted (TopicBoosting).
            if (calibration is not TopicCalibrationMode.OutOfFoldRecalibration || stack is not null || sentence is not null || config.PerLanguage)
                throw new NotSupportedException("The boosted second stage needs the out-of-fold recalibration of an uncalibrated linear topic learner, unstacked, one shared model.");
            TopicBoosting.CrossFit(boosting, rows, config.Features, fold, folds, outputs, unknown, seed, parallelism, progress);
        }
        float[][]? countProbs = null, countProbsUnknown = null;
        if (countModel is not null)
        {
            (countProbs, countProbsUnknown) = ApplyTopicCount(countModel, seed, fold, folds, gold, outputs, unknown, countScores, countScoresUnknown);
            if (countProbs is not null) progress?.Invoke($"{config.Name}: {TopicCount.Confusion(countProbs, gold)}");
        }
        var probabilities = outputs.Select(o => o.TopicProbs).ToList();
        // Cross-fitted thresholds: fold k is decided with thresholds tuned on the other folds.
        var decided = new IReadOnlySet<Topic>[rows.Count];
        var decidedUnknown = new IReadOnlySet<Topic>[rows.Count];
        var goldMasks = gold.Select(TopicCount.Mask).ToArray();
        for (var k = 0; k < folds; k++)
        {
            var kk = k;
            var th = TopicThresholds.Tune(probabilities, gold, Enumerable.Range(0, rows.Count).Where(i => fold[i] != kk));
            TopicCount.HybridSettings? hybrid = null;
            if (countModel?.Rule == TopicCountRule.Hybrid)
            {
                // τ, floor and τ0 tuned on the other folds' out-of-fold probabilities and their threshold decisions under fold k's thresholds.
                var byThresholds = probabilities.Select(p => TopicCount.Mask(Decide(p, th))).ToArray();
                hybrid = TopicCount.TuneHybrid(probabilities, byThresholds, countProbs!, goldMasks, Enumerable.Range(0, rows.Count).Where(i => fold[i] != kk).ToList());
                progress?.Invoke($"{config.Name}: fold {k + 1}, count rule tuned on the other folds: {hybrid}");
            }
            IReadOnlySet<Topic> DecideWith(float[] p, float[]? counts) => countModel?.Rule switch
            {
                TopicCountRule.TopK => TopicCount.Topics(TopicCount.TopK(p, counts!)),
                TopicCountRule.Hybrid => TopicCount.Topics(TopicCount.Hybrid(p, TopicCount.Mask(Decide(p, th)), counts!, hybrid!)),
                _ => Decide(p, th),
            };
            for (var i = 0; i < rows.Count; i++)
                if (fold[i] == k)
                {
                    decided[i] = DecideWith(outputs[i].TopicProbs, countProbs?[i]);
                    if (unknown is not null) decidedUnknown[i] = DecideWith(unknown[i].TopicProbs, countProbsUnknown?[i]);
                }
        }
        var perFold = Enumerable.Range(0, folds).Select(k => Score(rows, outputs, decided, Enumerable.Range(0, rows.Count).Where(i => fold[i] == k).ToList())).ToList();
        // Each fold's figures, for paired comparisons of configurations (the folds are the same for every configuration and seed).
        progress?.Invoke($"{config.Name}: per fold, intent macro-F1 / sentiment macro-F1 / topics micro-F1: " +
            string.Join("; ", perFold.Select(f => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{f.IntentMacroF1:0.0000} / {f.SentimentMacroF1:0.0000} / {f.TopicMicroF1:0.0000}"))));
        IReadOnlyDictionary<string, CvScores> ByLanguage(ModelOutput[] scored, IReadOnlySet<Topic>[] topics) =>
            Enumerable.Range(0, rows.Count).GroupBy(i => rows[i].Language.ToWire()).OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => Score(rows, scored, topics, g.ToList()));
        var byLanguage = ByLanguage(outputs, decided);
        var result = new CrossValidationResult(config.Name, config.Describe(), folds, rows.Count,
            Aggregate(perFold, xs => xs.Average()), Aggregate(perFold, StdDev), byLanguage, Math.Round(clock.Elapsed.TotalSeconds, 1),
            TopicCalibration.Of(probabilities, gold),
            unknown is null ? null : new UnknownKindScores(Score(rows, unknown, decidedUnknown, Enumerable.Range(0, rows.Count).ToList()),
                ByLanguage(unknown, decidedUnknown)));
        var thresholds = TopicThresholds.Tune(probabilities, gold, Enumerable.Range(0, rows.Count));
        return new Outcome(result, outputs, thresholds, topicPlatt, topicStacking) { Decided = decided, SentenceMix = sentenceMix, CountProbabilities = countProbs };
    }

    /// <summary>
    /// Sentence-level topic scoring, cross-fitted like the sigmoids: each passage's log-odds lp (its raw score under its fold model's
    /// training sigmoid) and lm (the same for its best sentence); fold k's probabilities come from a Platt sigmoid on max(lp, lm)
    /// (<see cref="SentenceCombination.Max"/>) or a logistic regression on (lp, lm) (<see cref="SentenceCombination.Mix"/>) fitted
    /// on the other folds' passages. Returns what the final model uses: the sigmoids on max(lp, lm) (composed with the training
    /// sigmoid by <see cref="ModelFitter"/>, like the recalibration), or the mix coefficients.
    /// </summary>
    private static (IReadOnlyList<PlattParameters>? Platt, IReadOnlyList<double[]>? Mix) CombineSentences(MLContext ml, SentenceCombination how,
        int[] fold, int folds, IReadOnlyList<PlattParameters>[] foldSigmoids, IReadOnlyList<IReadOnlySet<Topic>> gold,
        ModelOutput[] outputs, ModelOutput[]? unknown, float[][] raw, float[][] rawMax, float[][] rawUnknown, float[][] rawMaxUnknown)
    {
        var n = outputs.Length;
        double[][] Inputs(float[][] passage, float[][] best) => Enumerable.Range(0, n).Select(i =>
        {
            var own = foldSigmoids[fold[i]];
            var x = new double[2 * own.Count];
            for (var t = 0; t < own.Count; t++)
            {
                x[2 * t] = TopicStacking.Logit(own[t], passage[i][t]);
                x[2 * t + 1] = TopicStacking.Logit(own[t], best[i][t]);
            }
            return x;
        }).ToArray();
        var known = Inputs(raw, rawMax);
        var withheld = unknown is null ? null : Inputs(rawUnknown, rawMaxUnknown);
        var topics = LabelNames.Topics.All;
        if (how == SentenceCombination.Max)
        {
            float[][] Max(double[][] x) => x.Select(v => Enumerable.Range(0, topics.Count).Select(t => (float)Math.Max(v[2 * t], v[2 * t + 1])).ToArray()).ToArray();
            var z = Max(known);
            var zUnknown = withheld is null ? null : Max(withheld);
            var crossFitted = CrossFitPlatt(ml, z, gold, fold, folds);
            for (var k = 0; k < folds; k++)
            {
                var sigmoids = crossFitted[k];
                for (var i = 0; i < n; i++)
                    if (fold[i] == k)
                    {
                        outputs[i].TopicProbs = Calibrate(z[i], sigmoids);
                        if (unknown is not null) unknown[i].TopicProbs = Calibrate(zUnknown![i], sigmoids);
                    }
            }
            return (FitTopicPlatt(ml, z, gold, Enumerable.Range(0, n).ToList()), null);
        }
        double[][] FitMix(List<int> idx) => topics.Select((topic, t) =>
            TopicStacking.Fit(idx.Select(i => new[] { known[i][2 * t], known[i][2 * t + 1] }).ToList(), idx.Select(i => gold[i].Contains(topic)).ToList(), MixL2)).ToArray();
        float[] Mixed(double[][] betas, double[] x) =>
            betas.Select((beta, t) => (float)TopicStacking.Probability(beta, [x[2 * t], x[2 * t + 1]])).ToArray();
        for (var k = 0; k < folds; k++)
        {
            var kk = k;
            var betas = FitMix(Enumerable.Range(0, n).Where(i => fold[i] != kk).ToList());
            for (var i = 0; i < n; i++)
                if (fold[i] == k)
                {
                    outputs[i].TopicProbs = Mixed(betas, known[i]);
                    if (unknown is not null) unknown[i].TopicProbs = Mixed(betas, withheld![i]);
                }
        }
        return (null, FitMix(Enumerable.Range(0, n).ToList()));
    }

    /// <summary>
    /// Eighth round (a), cross-fitted like the topic sigmoids: the count model's class log-odds recalibrated out of fold and
    /// normalised (returned, for the decision), or, for the gate, p(any) and p(topic | any) recalibrated out of fold (the latter on the
    /// other folds' passages with a topic) and their product written into the outputs' topic probabilities.
    /// </summary>
    private static (float[][]? Known, float[][]? Unknown) ApplyTopicCount(TopicCountModel model, int seed, int[] fold, int folds,
        IReadOnlyList<IReadOnlySet<Topic>> gold, ModelOutput[] outputs, ModelOutput[]? unknown,
        TopicCount.PassageScores[] scores, TopicCount.PassageScores[] scoresUnknown)
    {
        var n = outputs.Length;
        if (model.Rule is TopicCountRule.TopK or TopicCountRule.Hybrid && model.Features is CountFeatures.Scores or CountFeatures.Both)
        {
            var text = model.Features == CountFeatures.Both;
            var x = Enumerable.Range(0, n).Select(i => TopicCount.ScoreFeatures(outputs[i].TopicProbs, text ? scores[i].Count : null)).ToArray();
            var xUnknown = unknown is null ? null
                : Enumerable.Range(0, n).Select(i => TopicCount.ScoreFeatures(unknown[i].TopicProbs, text ? scoresUnknown[i].Count : null)).ToArray();
            return TopicCount.CrossFitScores(x, xUnknown, gold.Select(TopicCount.ClassOf).ToList(), fold, folds);
        }
        if (model.Rule is TopicCountRule.TopK or TopicCountRule.Hybrid)
        {
            var (known, withheld) = TopicCount.Recalibrate(scores.Select(s => s.Count!).ToArray(), unknown is null ? null : scoresUnknown.Select(s => s.Count!).ToArray(),
                (i, c) => TopicCount.ClassOf(gold[i]) == c, fold, folds, seed: seed);
            return (known.Select(TopicCount.Normalise).ToArray(), withheld?.Select(TopicCount.Normalise).ToArray());
        }
        var (any, anyUnknown) = TopicCount.Recalibrate(scores.Select(s => new[] { s.Any }).ToArray(),
            unknown is null ? null : scoresUnknown.Select(s => new[] { s.Any }).ToArray(), (i, _) => gold[i].Count > 0, fold, folds, seed: seed);
        double[] LogOddsOf(float[] p) => p.Select(v => (double)LogOdds(v)).ToArray();
        var topics = LabelNames.Topics.All;
        var (conditional, conditionalUnknown) = TopicCount.Recalibrate(scores.Select(s => LogOddsOf(s.Conditional!)).ToArray(),
            unknown is null ? null : scoresUnknown.Select(s => LogOddsOf(s.Conditional!)).ToArray(), (i, t) => gold[i].Contains(topics[t]), fold, folds,
            include: i => gold[i].Count > 0, seed: seed);
        for (var i = 0; i < n; i++)
        {
            outputs[i].TopicProbs = conditional[i].Select(p => p * any[i][0]).ToArray();
            if (unknown is not null) unknown[i].TopicProbs = conditionalUnknown![i].Select(p => p * anyUnknown![i][0]).ToArray();
        }
        return (null, null);
    }

    /// <summary>
    /// Each row's topic log-odds recalibrated out of fold: fold k's under Platt sigmoids fitted on the other folds' rows (and the same for
    /// the kind-withheld rows, with fold k's sigmoids), as the log-odds −(a·s + b) of the recalibrated probability.
    /// </summary>
    private static (float[][] Known, float[][]? Unknown) CrossFitLogOdds(MLContext ml, float[][] raw, float[][]? rawUnknown,
        IReadOnlyList<IReadOnlySet<Topic>> gold, int[] fold, int folds)
    {
        var known = new float[raw.Length][];
        var withheld = rawUnknown is null ? null : new float[raw.Length][];
        var crossFitted = CrossFitPlatt(ml, raw, gold, fold, folds);
        for (var k = 0; k < folds; k++)
        {
            var sigmoids = crossFitted[k];
            for (var i = 0; i < raw.Length; i++)
                if (fold[i] == k)
                {
                    known[i] = Logits(raw[i], sigmoids).Select(x => (float)x).ToArray();
                    if (withheld is not null) withheld[i] = Logits(rawUnknown![i], sigmoids).Select(x => (float)x).ToArray();
                }
        }
        return (known, withheld);
    }

    /// <summary>
    /// Per topic, a logistic regression (<see cref="TopicStacking"/>, L2 <see cref="MixL2"/>) on the two recalibrated log-odds, cross-fitted: fold k's
    /// log-odds from the regressions fitted on the other folds' rows (the kind-withheld rows, when there are any, with fold k's regressions).
    /// </summary>
    private static (float[][] Known, float[][] Unknown) MixLogOdds(float[][] a, float[][] b, float[][]? aUnknown, float[][]? bUnknown,
        IReadOnlyList<IReadOnlySet<Topic>> gold, int[] fold, int folds, float[][] unknownAsGiven)
    {
        var topics = LabelNames.Topics.All;
        var known = new float[a.Length][];
        var withheld = aUnknown is null ? unknownAsGiven : new float[a.Length][];
        for (var k = 0; k < folds; k++)
        {
            var kk = k;
            var others = Enumerable.Range(0, a.Length).Where(i => fold[i] != kk).ToList();
            var betas = topics.Select((topic, t) => TopicStacking.Fit(others.Select(i => new double[] { a[i][t], b[i][t] }).ToList(),
                others.Select(i => gold[i].Contains(topic)).ToList(), MixL2)).ToArray();
            float[] Mixed(float[] x, float[] y) => betas.Select((beta, t) => LogOdds((float)TopicStacking.Probability(beta, [x[t], y[t]]))).ToArray();
            for (var i = 0; i < a.Length; i++)
                if (fold[i] == k)
                {
                    known[i] = Mixed(a[i], b[i]);
                    if (aUnknown is not null) withheld[i] = Mixed(aUnknown[i], bUnknown![i]);
                }
        }
        return (known, withheld);
    }

    private static float[][] Mean(float[][] a, float[][] b) => a.Select((x, i) => x.Select((v, t) => (v + b[i][t]) / 2).ToArray()).ToArray();

    /// <summary>The L2 penalty on the two coefficients of a topic's sentence mix (against the summed log-loss of some 20,000 passages: light).</summary>
    public const double MixL2 = 1;

    private static double[] Logits(float[] raw, PlattParameters[] sigmoids) =>
        raw.Select((s, t) => TopicStacking.Logit(sigmoids[t], s)).ToArray();

    private static double[][] FitStacking(IReadOnlyList<double[]> inputs, IReadOnlyList<IReadOnlySet<Topic>> gold, double l2) =>
        LabelNames.Topics.All.Select(topic => TopicStacking.Fit(inputs, gold.Select(g => g.Contains(topic)).ToList(), l2)).ToArray();

    private static float[] Stacked(double[][] betas, double[] logits) =>
        betas.Select(beta => (float)TopicStacking.Probability(beta, logits)).ToArray();

    /// <summary>Fold k's topic sigmoids, fitted on the other folds' rows (fold by fold, in order, as every cross-fitted recalibration here is).</summary>
    private static PlattParameters[][] CrossFitPlatt(MLContext ml, float[][] rawScores, IReadOnlyList<IReadOnlySet<Topic>> gold, int[] fold, int folds) =>
        Enumerable.Range(0, folds).Select(k => FitTopicPlatt(ml, rawScores, gold, Enumerable.Range(0, rawScores.Length).Where(i => fold[i] != k).ToList())).ToArray();

    private static PlattParameters[] FitTopicPlatt(MLContext ml, float[][] rawScores, IReadOnlyList<IReadOnlySet<Topic>> gold, List<int> idx) =>
        LabelNames.Topics.All.Select((topic, t) => ModelFitter.FitPlatt(ml, idx.Select(i => rawScores[i][t]).ToList(), idx.Select(i => gold[i].Contains(topic)).ToList())).ToArray();

    /// <summary>ln(p / (1 − p)), with p kept 10⁻⁹ away from 0 and 1.</summary>
    public static float LogOdds(float p)
    {
        var q = Math.Clamp((double)p, 1e-9, 1 - 1e-9);
        return (float)Math.Log(q / (1 - q));
    }

    private static float[] Calibrate(float[] raw, PlattParameters[] sigmoids) =>
        raw.Select((s, t) => (float)(1 / (1 + Math.Exp(sigmoids[t].Slope * s + sigmoids[t].Offset)))).ToArray();

    /// <summary>
    /// Fits on <paramref name="train"/> and predicts <paramref name="test"/> with each passage's kind, and (for a model that
    /// reads the kind) with the kind withheld; the raw topic scores of both when <paramref name="rawScores"/>.
    /// </summary>
    private static (IReadOnlyList<ModelOutput> Outputs, float[][]? RawTopicScores, IReadOnlyList<ModelOutput>? Unknown, float[][]? RawUnknown,
        IReadOnlyList<PlattParameters> Sigmoids, float[][]? SentenceMax, float[][]? SentenceMaxUnknown) FitAndPredict(
        int seed, IReadOnlyList<TrainingRow> rows, List<int> train, List<int> test, ClassifierConfig config, bool rawScores, Action<string>? trace,
        Action<FittedModel>? fitted = null)
    {
        var ml = new MLContext(seed);
        var shared = ModelFitter.Fit(ml, train.Select(i => rows[i]).ToList(), config, trace);
        fitted?.Invoke(shared);
        var texts = test.Select(i => (rows[i].Text, rows[i].Kind)).ToList();
        if (!config.PerLanguage)
        {
            var withKind = (ModelFitter.Predict(ml, shared, texts), rawScores ? ModelFitter.TopicScores(ml, shared, texts) : null);
            var sigmoids = shared.TopicSigmoids ?? [];
            var sentences = config.SentenceTopics is not null;
            var pairs = config.SentenceTopics?.Pairs ?? false;
            var max = sentences ? SentenceTopicScores.MaxRaw(ml, shared, texts, withKind.Item2!, pairs) : null;
            if (config.Features.SourceKind == Features.SourceKindFeatures.None) return (withKind.Item1, withKind.Item2, null, null, sigmoids, max, null);
            var withoutKind = texts.Select(t => (t.Text, (SourceKind?)null)).ToList();
            var rawWithout = rawScores ? ModelFitter.TopicScores(ml, shared, withoutKind) : null;
            return (withKind.Item1, withKind.Item2, ModelFitter.Predict(ml, shared, withoutKind), rawWithout,
                sigmoids, max, sentences ? SentenceTopicScores.MaxRaw(ml, shared, withoutKind, rawWithout!, pairs) : null);
        }
        if (config.Features.SourceKind != Features.SourceKindFeatures.None) throw new NotSupportedException("Per-language models are cross-validated without source-kind features.");
        var result = new ModelOutput[test.Count];
        foreach (var group in Enumerable.Range(0, test.Count).GroupBy(j => rows[test[j]].Language))
        {
            var model = group.Key is Language.Kazakh or Language.Russian or Language.English
                ? ModelFitter.Fit(ml, train.Where(i => rows[i].Language == group.Key).Select(i => rows[i]).ToList(), config)
                : shared;
            var predicted = ModelFitter.Predict(ml, model, group.Select(j => (rows[test[j]].Text, rows[test[j]].Kind)));
            foreach (var (j, p) in group.Zip(predicted)) result[j] = p;
        }
        return (result, null, null, null, [], null, null);
    }

    /// <summary>
    /// Whether <see cref="Run"/> gives the final fit each topic's sigmoid (<see cref="Outcome.TopicPlatt"/>): for an uncalibrated
    /// topic learner with out-of-fold calibration, or with sentence-level topic scoring.
    /// </summary>
    public static bool GivesTopicPlatt(ClassifierConfig config) =>
        config.SentenceTopics is not null || (config.TopicsNeedCalibration && config.Calibration is not TopicCalibrationMode.TrainingScores);

    /// <summary>
    /// Runs <paramref name="jobs"/> on up to <paramref name="parallelism"/> threads, each thread taking the next job not yet started,
    /// so they start in list order (unlike <see cref="Parallel.For(int, int, Action{int})"/>'s range partitions); one thread: one by one.
    /// </summary>
    public static void RunInOrder(IReadOnlyList<Action> jobs, int parallelism)
    {
        var next = -1;
        var threads = Math.Clamp(parallelism, 1, Math.Max(1, jobs.Count));
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, _ =>
        {
            for (var j = Interlocked.Increment(ref next); j < jobs.Count; j = Interlocked.Increment(ref next)) jobs[j]();
        });
    }

    public static IReadOnlySet<Topic> Decide(float[] probabilities, double[] thresholds) =>
        LabelNames.Topics.All.Where((_, t) => probabilities[t] >= thresholds[t]).ToHashSet();

    public static Intent IntentOf(ModelOutput o) => LabelNames.Intents.All[ArgMax(o.IntentScores)];

    public static Sentiment SentimentOf(ModelOutput o) => LabelNames.Sentiments.All[ArgMax(o.SentimentScores)];

    private static int ArgMax(float[] xs)
    {
        var best = 0;
        for (var i = 1; i < xs.Length; i++) if (xs[i] > xs[best]) best = i;
        return best;
    }

    private static CvScores Score(IReadOnlyList<TrainingRow> rows, IReadOnlyList<ModelOutput> outputs, IReadOnlyList<IReadOnlySet<Topic>> decided, List<int> idx)
    {
        var intent = Scorer.Multiclass(idx.Select(i => rows[i].Intent.ToWire()).ToList(), idx.Select(i => IntentOf(outputs[i]).ToWire()).ToList(), LabelNames.Intents.Names);
        var sentiment = Scorer.Multiclass(idx.Select(i => rows[i].Sentiment.ToWire()).ToList(), idx.Select(i => SentimentOf(outputs[i]).ToWire()).ToList(), LabelNames.Sentiments.Names);
        var topics = Scorer.MultiLabel(idx.Select(i => Wire(rows[i].Topics)).ToList(), idx.Select(i => Wire(decided[i])).ToList(), LabelNames.Topics.Names);
        return new CvScores(intent.Accuracy, intent.MacroF1, sentiment.Accuracy, sentiment.MacroF1, topics.MicroF1, topics.MacroF1);
    }

    private static IReadOnlySet<string> Wire(IEnumerable<Topic> topics) => topics.Select(t => t.ToWire()).ToHashSet();

    private static CvScores Aggregate(List<CvScores> xs, Func<IEnumerable<double>, double> f) => new(
        R(f(xs.Select(x => x.IntentAccuracy))), R(f(xs.Select(x => x.IntentMacroF1))), R(f(xs.Select(x => x.SentimentAccuracy))),
        R(f(xs.Select(x => x.SentimentMacroF1))), R(f(xs.Select(x => x.TopicMicroF1))), R(f(xs.Select(x => x.TopicMacroF1))));

    private static double StdDev(IEnumerable<double> values)
    {
        var xs = values.ToList();
        var mean = xs.Average();
        return xs.Count < 2 ? 0 : Math.Sqrt(xs.Sum(x => (x - mean) * (x - mean)) / (xs.Count - 1));
    }

    private static double R(double v) => Math.Round(v, 4);

    private static bool Kept(int seed, string id, double share) => Rank(seed + 7919, id) % 1_000_000 < share * 1_000_000;

    private static ulong Rank(int seed, string id) => BitConverter.ToUInt64(SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}:{id}")), 0);
}
