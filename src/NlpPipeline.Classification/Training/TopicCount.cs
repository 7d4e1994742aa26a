using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using NlpPipeline.Classification.Schema;
using NlpPipeline.Core.Labels;

namespace NlpPipeline.Classification.Training;

/// <summary>How a learnt model of the number of topics changes the topic decision (<see cref="TopicCountModel"/>).</summary>
public enum TopicCountRule
{
    /// <summary>MetaLabeler: the k most probable topics, k the count model's most probable count (0, 1, 2, or 3 for "3 or more").</summary>
    TopK,

    /// <summary>
    /// The per-topic thresholds, then the count model adjusts: P(count ≥ 2) ≥ τ and fewer than 2 topics decided adds the next most
    /// probable topics (probability ≥ a floor) up to 2 (up to 3 when P(count ≥ 3) ≥ τ); P(count = 0) ≥ τ0 drops every topic.
    /// </summary>
    Hybrid,

    /// <summary>p(topic) = p(any topic) × p(topic | any topic), the conditional learners fitted on passages with a topic; thresholds as before.</summary>
    Gate,
}

/// <summary>What the count model reads (<see cref="TopicCountRule.TopK"/> and <see cref="TopicCountRule.Hybrid"/>).</summary>
public enum CountFeatures
{
    /// <summary>The passage's vector as the topic learners read it: one averaged perceptron per count class (one-versus-all).</summary>
    Text,

    /// <summary>
    /// The out-of-fold topic probabilities (MetaLabeler's score features): a logistic regression per count class on the 11 topics'
    /// log-odds and the four largest of them in decreasing order.
    /// </summary>
    Scores,

    /// <summary>Both: the logistic regressions also read the four perceptrons' log-odds.</summary>
    Both,

    /// <summary>As <see cref="Text"/>, on the vectors the intent learner reads: without the concept block.</summary>
    IntentText,
}

/// <summary>
/// Eighth round (a) (docs/classifier.md): a model of how many topics a passage has, or whether it has any, deciding the topics
/// with the per-topic probabilities (<see cref="TopicCount"/>). Cross-validation only.
/// </summary>
public sealed record TopicCountModel(TopicCountRule Rule, CountFeatures Features = CountFeatures.Text)
{
    /// <summary>Whether the folds fit the one-versus-all perceptrons of the count on the text.</summary>
    public bool ReadsText => Rule is TopicCountRule.TopK or TopicCountRule.Hybrid && Features is not CountFeatures.Scores;

    public override string ToString() => Rule == TopicCountRule.Gate ? Describe() : Describe() + Features switch
    {
        CountFeatures.Scores => "; the count model a logistic regression per class (L2 1) on the out-of-fold topic log-odds and the four largest, cross-fitted",
        CountFeatures.IntentText => "; the count perceptrons read the intent learner's vectors (without the concept block)",
        CountFeatures.Both => "; the count model a logistic regression per class (L2 1) on the perceptrons' log-odds, the out-of-fold topic log-odds and the four largest, cross-fitted",
        _ => "",
    };

    private string Describe() => Rule switch
    {
        TopicCountRule.TopK => "topics decided as the k most probable, k from a model of the topic count {0, 1, 2, ≥ 3} (one-versus-all averaged " +
            "perceptrons on the topic learners' features, Platt sigmoids recalibrated out of fold)",
        TopicCountRule.Hybrid => "topics decided by the thresholds, then a model of the topic count {0, 1, 2, ≥ 3} adds the next most probable topics " +
            "when P(count ≥ 2) ≥ τ (above a floor) or drops all when P(count = 0) ≥ τ0; τ, floor and τ0 tuned out of fold for micro-F1",
        _ => "each topic's probability is p(any topic) × p(topic | any topic): an averaged-perceptron gate and topic learners fitted on the " +
            "passages with a topic, each recalibrated out of fold; thresholds tuned on the product",
    };
}

/// <summary>
/// The learnt topic-count model and gate of the eighth round (a), and the decisions they make. Each binary learner is an averaged
/// perceptron (ML.NET's defaults, as the intent and topic learners) on the featurizer's vectors as the topic learners read them
/// (text, concept block and kind bias), under a Platt sigmoid fitted on its training scores; <see cref="CrossFit"/> recalibrates
/// those log-odds out of fold, fold k's sigmoid fitted on the other folds' passages, as the topic probabilities are.
/// </summary>
public static class TopicCount
{
    /// <summary>Count classes: 0, 1, 2 and 3-or-more topics.</summary>
    public const int Classes = 4;

    public static int ClassOf(IReadOnlySet<Topic> topics) => Math.Min(topics.Count, Classes - 1);

    /// <summary>A binary linear learner, score = w·x + b, under a Platt sigmoid fitted on its training scores.</summary>
    public sealed record Learner(float[] Weights, float Bias, PlattParameters Platt)
    {
        public float Score(VBuffer<float> x)
        {
            var values = x.GetValues();
            var indices = x.GetIndices();
            var s = Bias;
            for (var j = 0; j < values.Length; j++) s += Weights[x.IsDense ? j : indices[j]] * values[j];
            return s;
        }

        /// <summary>The log-odds of the training sigmoid at this vector's score.</summary>
        public double LogOdds(VBuffer<float> x) => TopicStacking.Logit(Platt, Score(x));
    }

    private sealed class Example
    {
        public bool Label { get; set; }
        public VBuffer<float> Features { get; set; }
    }

    /// <summary>Fits an averaged perceptron on the vectors and labels, and a Platt sigmoid on its training scores.</summary>
    public static Learner FitLearner(MLContext ml, IReadOnlyList<VBuffer<float>> x, IReadOnlyList<bool> y)
    {
        if (x.Count != y.Count || x.Count == 0) throw new ArgumentException("one label per vector, and some vectors");
        var definition = SchemaDefinition.Create(typeof(Example));
        definition[nameof(Example.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, x[0].Length);
        var view = ml.Data.Cache(ml.Data.LoadFromEnumerable(x.Select((v, i) => new Example { Label = y[i], Features = v }).ToList(), definition));
        var model = ml.BinaryClassification.Trainers.AveragedPerceptron(nameof(Example.Label), nameof(Example.Features)).Fit(view).Model;
        var learner = new Learner(model.Weights.ToArray(), model.Bias, new PlattParameters(0, 0));
        return learner with { Platt = ModelFitter.FitPlatt(ml, x.Select(learner.Score).ToList(), y) };
    }

    /// <summary>
    /// One passage scored by a fold's count model and gate: the training-sigmoid log-odds of each count class (null without a count
    /// model), of "any topic" (NaN without a gate), and the conditional topic probabilities p(topic | any) (null without a gate).
    /// </summary>
    public sealed record PassageScores(double[]? Count, double Any, float[]? Conditional);

    /// <summary>
    /// Fits the rule's models on a fold's training passages (<paramref name="featurizer"/>: the fold model's) and scores the test passages,
    /// with their kinds and, when <paramref name="withUnknown"/>, with the kind withheld.
    /// </summary>
    public static (IReadOnlyList<PassageScores> Known, IReadOnlyList<PassageScores>? Unknown) FitAndScore(int seed, TopicCountModel model,
        Features.HashedNgramFeaturizer featurizer, IReadOnlyList<TrainingRow> train, IReadOnlyList<(string Text, SourceKind? Kind)> test,
        ClassifierConfig config, bool withUnknown)
    {
        if (!model.ReadsText && model.Rule != TopicCountRule.Gate)
        {
            var nothing = test.Select(_ => new PassageScores(null, double.NaN, null)).ToList();
            return (nothing, withUnknown ? nothing : null);
        }
        var ml = new MLContext(seed);
        var intent = model.Features == CountFeatures.IntentText;
        VBuffer<float> Vector(string text, SourceKind? kind) =>
            intent ? WithoutBlock(featurizer.Featurize(text, kind), featurizer.Slots.Words.Count + featurizer.Slots.Chars.Count, featurizer.TextDimension)
                : featurizer.Featurize(text, kind);
        var x = train.Select(r => Vector(r.Text, ModelFitter.SeenKind(r, config))).ToList();
        var known = test.Select(t => Vector(t.Text, t.Kind)).ToList();
        var unknown = withUnknown ? test.Select(t => Vector(t.Text, null)).ToList() : null;
        Learner[]? count = null;
        Learner? any = null;
        IReadOnlyList<ModelOutput>? conditional = null, conditionalUnknown = null;
        if (model.ReadsText)
            count = Enumerable.Range(0, Classes).Select(c => FitLearner(ml, x, train.Select(r => ClassOf(r.Topics) == c).ToList())).ToArray();
        else if (model.Rule == TopicCountRule.Gate)
        {
            any = FitLearner(ml, x, train.Select(r => r.Topics.Count > 0).ToList());
            var cml = new MLContext(seed + 17);
            var fitted = ModelFitter.Fit(cml, train.Where(r => r.Topics.Count > 0).ToList(), config);
            conditional = ModelFitter.Predict(cml, fitted, test);
            if (withUnknown) conditionalUnknown = ModelFitter.Predict(cml, fitted, test.Select(t => (t.Text, (SourceKind?)null)));
        }
        IReadOnlyList<PassageScores> Score(List<VBuffer<float>> vectors, IReadOnlyList<ModelOutput>? cond) => vectors.Select((v, j) => new PassageScores(
            count?.Select(l => l.LogOdds(v)).ToArray(), any?.LogOdds(v) ?? double.NaN, cond?[j].TopicProbs)).ToList();
        return (Score(known, conditional), unknown is null ? null : Score(unknown, conditionalUnknown));
    }

    /// <summary>The vector with the slots from <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive) left out (not renormalised,
    /// as the intent learner reads it).</summary>
    public static VBuffer<float> WithoutBlock(VBuffer<float> x, int from, int to)
    {
        var kept = x.Items().Where(kv => kv.Key < from || kv.Key >= to).ToList();
        return new VBuffer<float>(x.Length, kept.Count, [.. kept.Select(kv => kv.Value)], [.. kept.Select(kv => kv.Key)]);
    }

    /// <summary>
    /// Out-of-fold recalibration, cross-fitted: for every fold k, one Platt sigmoid per column of <paramref name="logOdds"/> fitted on the
    /// rows of the other folds that <paramref name="include"/> keeps, applied to fold k's rows (and to the same rows of
    /// <paramref name="other"/>, the kind-withheld path). Returns the probabilities of both.
    /// </summary>
    public static (float[][] Known, float[][]? Other) Recalibrate(double[][] logOdds, double[][]? other, Func<int, int, bool> label,
        int[] fold, int folds, Func<int, bool>? include = null, int seed = 1)
    {
        var ml = new MLContext(seed);
        var n = logOdds.Length;
        var columns = n == 0 ? 0 : logOdds[0].Length;
        var known = new float[n][];
        var withheld = other is null ? null : new float[n][];
        for (var k = 0; k < folds; k++)
        {
            var kk = k;
            var idx = Enumerable.Range(0, n).Where(i => fold[i] != kk && (include?.Invoke(i) ?? true)).ToList();
            var sigmoids = Enumerable.Range(0, columns).Select(c =>
                ModelFitter.FitPlatt(ml, idx.Select(i => (float)logOdds[i][c]).ToList(), idx.Select(i => label(i, c)).ToList())).ToArray();
            for (var i = 0; i < n; i++)
                if (fold[i] == k)
                {
                    known[i] = Apply(logOdds[i], sigmoids);
                    if (withheld is not null) withheld[i] = Apply(other![i], sigmoids);
                }
        }
        return (known, withheld);
    }

    private static float[] Apply(double[] z, PlattParameters[] sigmoids) =>
        z.Select((v, c) => (float)(1 / (1 + Math.Exp(sigmoids[c].Slope * v + sigmoids[c].Offset)))).ToArray();

    /// <summary>The L2 penalty of the count model's logistic regressions on score features (against the summed log-loss: light).</summary>
    public const double ScoresL2 = 1;

    /// <summary>
    /// The score features of one passage: its 11 topic log-odds (clamped to ±9.2, p within 10⁻⁴ of 0 or 1), then the four largest in
    /// decreasing order, after <paramref name="prefix"/> (the text perceptrons' log-odds, or nothing).
    /// </summary>
    public static double[] ScoreFeatures(float[] probabilities, double[]? prefix = null)
    {
        var z = probabilities.Select(p => Math.Log(Math.Clamp(p, 1e-4, 1 - 1e-4) / (1 - Math.Clamp(p, 1e-4, 1 - 1e-4)))).ToArray();
        return [.. prefix ?? [], .. z, .. z.OrderDescending().Take(4)];
    }

    /// <summary>
    /// The count model on score features, cross-fitted: fold k's class probabilities from logistic regressions (one per class,
    /// <see cref="ScoresL2"/>) fitted on the other folds' features, normalised; the same regressions score <paramref name="other"/>.
    /// </summary>
    public static (float[][] Known, float[][]? Other) CrossFitScores(double[][] x, double[][]? other, IReadOnlyList<int> classes, int[] fold, int folds)
    {
        var n = x.Length;
        var known = new float[n][];
        var withheld = other is null ? null : new float[n][];
        for (var k = 0; k < folds; k++)
        {
            var kk = k;
            var idx = Enumerable.Range(0, n).Where(i => fold[i] != kk).ToList();
            var betas = Enumerable.Range(0, Classes).Select(c => TopicStacking.Fit(idx.Select(i => x[i]).ToList(), idx.Select(i => classes[i] == c).ToList(), ScoresL2)).ToArray();
            float[] P(double[] v) => Normalise([.. betas.Select(b => (float)TopicStacking.Probability(b, v))]);
            for (var i = 0; i < n; i++)
                if (fold[i] == k)
                {
                    known[i] = P(x[i]);
                    if (withheld is not null) withheld[i] = P(other![i]);
                }
        }
        return (known, withheld);
    }

    /// <summary>The recalibrated one-versus-all class probabilities of the count model, normalised to sum to 1.</summary>
    public static float[] Normalise(float[] p)
    {
        var sum = p.Sum();
        return sum <= 0 ? [.. Enumerable.Repeat(1f / p.Length, p.Length)] : [.. p.Select(v => v / sum)];
    }

    /// <summary>The count model's out-of-fold accuracy and confusion (rows: gold count class, columns: most probable class).</summary>
    public static string Confusion(IReadOnlyList<float[]> countProbabilities, IReadOnlyList<IReadOnlySet<Topic>> gold)
    {
        var m = new int[Classes, Classes];
        for (var i = 0; i < gold.Count; i++) m[ClassOf(gold[i]), ArgMax(countProbabilities[i])]++;
        var right = Enumerable.Range(0, Classes).Sum(c => m[c, c]);
        var rows = Enumerable.Range(0, Classes).Select(g => $"gold {(g == Classes - 1 ? "≥3" : g.ToString(CultureInfo.InvariantCulture))}: " +
            string.Join(" ", Enumerable.Range(0, Classes).Select(c => m[g, c].ToString(CultureInfo.InvariantCulture))));
        return string.Create(CultureInfo.InvariantCulture, $"count model out of fold: accuracy {(double)right / Math.Max(1, gold.Count):0.000}; predicted 0 1 2 ≥3 by gold: ") +
            string.Join("; ", rows);
    }

    public static int ArgMax(IReadOnlyList<float> xs)
    {
        var best = 0;
        for (var i = 1; i < xs.Count; i++) if (xs[i] > xs[best]) best = i;
        return best;
    }

    /// <summary>The topics as a bit mask (bit t: topic t of LABELS.md's order).</summary>
    public static int Mask(IEnumerable<Topic> topics)
    {
        var all = LabelNames.Topics.All;
        var mask = 0;
        foreach (var topic in topics)
            for (var t = 0; t < all.Count; t++)
                if (all[t].Equals(topic)) mask |= 1 << t;
        return mask;
    }

    public static IReadOnlySet<Topic> Topics(int mask) => LabelNames.Topics.All.Where((_, t) => (mask & (1 << t)) != 0).ToHashSet();

    /// <summary>The topics in decreasing probability (ties: LABELS.md order).</summary>
    public static int[] ByProbability(float[] probabilities) =>
        [.. Enumerable.Range(0, probabilities.Length).OrderByDescending(t => probabilities[t]).ThenBy(t => t)];

    /// <summary><see cref="TopicCountRule.TopK"/>: the k most probable topics, k the most probable count class.</summary>
    public static int TopK(float[] probabilities, float[] countProbabilities)
    {
        var k = ArgMax(countProbabilities);
        var mask = 0;
        foreach (var t in ByProbability(probabilities).Take(k)) mask |= 1 << t;
        return mask;
    }

    /// <summary>The settings of <see cref="TopicCountRule.Hybrid"/>; a setting of +∞ never fires.</summary>
    public sealed record HybridSettings(double Tau, double Floor, double Tau0)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"τ {(double.IsPositiveInfinity(Tau) ? "off" : Tau.ToString("0.00", CultureInfo.InvariantCulture))}, floor {Floor:0.00}, τ0 {(double.IsPositiveInfinity(Tau0) ? "off" : Tau0.ToString("0.00", CultureInfo.InvariantCulture))}");
    }

    /// <summary>
    /// <see cref="TopicCountRule.Hybrid"/>: <paramref name="byThresholds"/> (a mask), emptied when P(count = 0) ≥ τ0; else, when
    /// P(count ≥ 2) ≥ τ, topics not yet decided are added in decreasing probability while fewer than k are decided and the next
    /// one's probability is at least the floor (k = 3 when P(count ≥ 3) ≥ τ, else 2).
    /// </summary>
    public static int Hybrid(float[] probabilities, int byThresholds, float[] countProbabilities, HybridSettings s, int[]? order = null)
    {
        if (countProbabilities[0] >= s.Tau0) return 0;
        var many = countProbabilities[2] + countProbabilities[3];
        if (many < s.Tau) return byThresholds;
        var k = countProbabilities[3] >= s.Tau ? 3 : 2;
        var mask = byThresholds;
        var decided = System.Numerics.BitOperations.PopCount((uint)mask);
        foreach (var t in order ?? ByProbability(probabilities))
        {
            if (decided >= k) break;
            if ((mask & (1 << t)) != 0) continue;
            if (probabilities[t] < s.Floor) break;
            mask |= 1 << t;
            decided++;
        }
        return mask;
    }

    public static IReadOnlyList<double> TauGrid { get; } = [.. Enumerable.Range(6, 14).Select(i => i * 0.05), double.PositiveInfinity];
    public static IReadOnlyList<double> FloorGrid { get; } = [.. Enumerable.Range(1, 10).Select(i => i * 0.05)];
    public static IReadOnlyList<double> Tau0Grid { get; } = [.. Enumerable.Range(8, 12).Select(i => i * 0.05), double.PositiveInfinity];

    /// <summary>
    /// Tunes <see cref="HybridSettings"/> for micro-F1 over the passages <paramref name="idx"/> (out-of-fold probabilities, their
    /// threshold decisions <paramref name="byThresholds"/> and gold masks): τ and the floor on their grids with τ0 off, then τ0 with
    /// them, then τ and the floor again with that τ0. Ties keep the earlier setting (the grids end with "off").
    /// </summary>
    public static HybridSettings TuneHybrid(IReadOnlyList<float[]> probabilities, IReadOnlyList<int> byThresholds, IReadOnlyList<float[]> countProbabilities,
        IReadOnlyList<int> gold, IReadOnlyList<int> idx)
    {
        var orders = idx.Select(i => ByProbability(probabilities[i])).ToArray();
        double MicroF1(HybridSettings s)
        {
            long tp = 0, fp = 0, fn = 0;
            for (var j = 0; j < idx.Count; j++)
            {
                var i = idx[j];
                var m = Hybrid(probabilities[i], byThresholds[i], countProbabilities[i], s, orders[j]);
                tp += System.Numerics.BitOperations.PopCount((uint)(m & gold[i]));
                fp += System.Numerics.BitOperations.PopCount((uint)(m & ~gold[i]));
                fn += System.Numerics.BitOperations.PopCount((uint)(~m & gold[i]));
            }
            return tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
        }
        var best = new HybridSettings(double.PositiveInfinity, FloorGrid[0], double.PositiveInfinity);
        var bestF1 = MicroF1(best);
        void Consider(HybridSettings s)
        {
            var f1 = MicroF1(s);
            if (f1 > bestF1 + 1e-12) (best, bestF1) = (s, f1);
        }
        void TuneAdd() { var tau0 = best.Tau0; foreach (var tau in TauGrid) foreach (var floor in FloorGrid) Consider(new HybridSettings(tau, floor, tau0)); }
        TuneAdd();
        var (t1, f1s) = (best.Tau, best.Floor);
        foreach (var tau0 in Tau0Grid) Consider(new HybridSettings(t1, f1s, tau0));
        TuneAdd();
        return best;
    }
}
