using System.Globalization;
using NlpPipeline.Classification.Features;

namespace NlpPipeline.Classification.Training;

/// <summary>The learners compared by cross-validation (<see cref="CrossValidator"/>).</summary>
public enum TrainerKind
{
    /// <summary>SDCA maximum entropy (multiclass) / SDCA logistic regression (binary, calibrated).</summary>
    Sdca,

    /// <summary>L-BFGS maximum entropy (multiclass) / L-BFGS logistic regression (binary, calibrated), with the given L2.</summary>
    Lbfgs,

    /// <summary>Averaged perceptron: one-versus-all with Platt calibration (multiclass) / Platt-calibrated binary.</summary>
    AveragedPerceptron,

    /// <summary>Linear SVM (Pegasos): one-versus-all with Platt calibration (multiclass) / Platt-calibrated binary.</summary>
    LinearSvm,

    /// <summary>
    /// Topics only: L2-regularised squared-hinge linear SVM trained by dual coordinate descent (<see cref="DualCoordinateSvm"/>,
    /// the NBSVM solver), with the cost <see cref="TrainerChoice.Cost"/>; Platt-calibrated binary.
    /// </summary>
    DualSvm,
}

/// <summary>How the Platt sigmoid of an uncalibrated topic learner (perceptron, SVM) is fitted.</summary>
public enum TopicCalibrationMode
{
    /// <summary>On the learner's scores of the passages it was trained on (ML.NET's default).</summary>
    TrainingScores,

    /// <summary>On the raw out-of-fold scores of the cross-validation's fold models, pooled.</summary>
    OutOfFoldScores,

    /// <summary>
    /// The training-fitted sigmoid, then a second Platt sigmoid on its log-odds fitted on the out-of-fold probabilities;
    /// the two compose into one Platt sigmoid on the raw score.
    /// </summary>
    OutOfFoldRecalibration,
}

/// <summary>
/// A learner and its settings: <see cref="L2"/> is used by <see cref="TrainerKind.Lbfgs"/> only (ML.NET minimises
/// (Σ losses + ½·L2·‖w‖²) / n, so the L2 is against the summed loss, like 1/C of an SVM, not against the mean loss); <see cref="Iterations"/> is the number of passes over the data for the perceptron and the SVM,
/// and the most L-BFGS steps for <see cref="TrainerKind.Lbfgs"/> (0: the library's default), and the most passes of
/// <see cref="TrainerKind.DualSvm"/> (0: 50). <see cref="Ensemble"/> (topics, perceptron and SVM only): the mean of that many
/// learners, each trained on its own shuffles of the data. <see cref="Cost"/>: the cost C of <see cref="TrainerKind.DualSvm"/>.
/// <see cref="PerceptronL2"/> and <see cref="LearningRate"/>: the averaged perceptron's L2 penalty and learning rate (ML.NET's
/// defaults 0 and 1).
/// </summary>
public sealed record TrainerChoice(TrainerKind Kind, float L2 = 1f, int Iterations = 0, int Ensemble = 1, double Cost = 1,
    float PerceptronL2 = 0f, float LearningRate = 1f)
{
    /// <summary>
    /// Topics, with a linear learner that needs calibration: a second learner blended in, the two log-odds (each under the Platt
    /// sigmoid of its own training scores) averaged into one linear predictor.
    /// </summary>
    public TrainerChoice? Blend { get; init; }

    public override string ToString() => Blend is { } other ? $"the mean log-odds of {this with { Blend = null }} and {other}" : Kind switch
    {
        TrainerKind.Sdca => "SDCA",
        TrainerKind.Lbfgs => string.Create(CultureInfo.InvariantCulture, $"L-BFGS L2={L2}") + (Iterations > 0 ? $", at most {Iterations} steps" : ""),
        TrainerKind.AveragedPerceptron => "OVA averaged perceptron" + Passes + (Ensemble > 1 ? $", mean of {Ensemble}" : "") +
            (PerceptronL2 > 0 ? string.Create(CultureInfo.InvariantCulture, $", L2 {PerceptronL2}") : "") +
            (LearningRate != 1f ? string.Create(CultureInfo.InvariantCulture, $", learning rate {LearningRate}") : ""),
        TrainerKind.LinearSvm => "OVA linear SVM" + Passes,
        TrainerKind.DualSvm => string.Create(CultureInfo.InvariantCulture, $"squared-hinge linear SVM by dual coordinate descent, C = {Cost}, at most {DualPasses} passes"),
        _ => Kind.ToString(),
    };

    private string Passes => Iterations > 1 ? $", {Iterations} passes" : "";

    /// <summary>The most passes of <see cref="TrainerKind.DualSvm"/>.</summary>
    public int DualPasses => Iterations > 0 ? Iterations : 50;
}

/// <summary>
/// NBSVM-style feature weighting of a topic learner (<see cref="NaiveBayesRatios"/>): smoothing count <see cref="Alpha"/>,
/// counts of passages containing a slot (<see cref="Binarize"/>) or sums of its feature values. <see cref="Beta"/> below 1: NBSVM's
/// interpolation of the weights learnt on the scaled features, w' = (1 − β)·mean(|w|) + β·w, before they are folded.
/// </summary>
public sealed record NaiveBayesWeighting(double Alpha = 1, bool Binarize = true, double Beta = 1)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"the topic's Naive-Bayes log-count ratios (α = {Alpha}, {(Binarize ? "passage counts" : "feature-value sums")}") +
        (Beta < 1 ? string.Create(CultureInfo.InvariantCulture, $", weights interpolated with their mean magnitude, β = {Beta}") : "") + "), folded into the weights";
}

/// <summary>How a topic's passage score and its sentences' scores are combined (<see cref="SentenceTopicScoring"/>).</summary>
public enum SentenceCombination
{
    /// <summary>The largest of the passage's and its sentences' scores (one monotone sigmoid on top, so the largest probability).</summary>
    Max,

    /// <summary>A logistic regression per topic on the passage's log-odds and the best sentence's log-odds.</summary>
    Mix,
}

/// <summary>
/// Sentence-level topic scoring: each topic's linear learner scores the passage and each of its sentences
/// (<see cref="PreparedSentenceSplitter"/>, the same featurizer), and the scores are combined as <see cref="How"/> says.
/// <see cref="TrainOnBestSentences"/>: after a first fit, each training passage's best-scoring sentence for a topic is added as an
/// extra training example for that topic, carrying the passage's label for it, and the topic learner is fitted again.
/// <see cref="Pairs"/>: windows of two adjacent sentences are scored as well as the single sentences.
/// </summary>
public sealed record SentenceTopicScoring(SentenceCombination How, bool TrainOnBestSentences = false, bool Pairs = false)
{
    public override string ToString() =>
        (Pairs ? "topics also scored on each sentence of the passage and each pair of adjacent sentences, " : "topics also scored on each sentence of the passage, ") +
        (How == SentenceCombination.Max ? "the largest of the passage's and the sentences' scores taken" :
            "the passage's and the best sentence's log-odds mixed by a logistic regression per topic fitted out of fold") +
        (TrainOnBestSentences ? ", the topic learners refitted with each training passage's best sentence for the topic as an extra example" : "");
}

/// <summary>
/// One complete set of modelling choices: features shared by all tasks, a learner per task, and one
/// shared model or one per language (kk, ru, en; mixed passages go to a model trained on everything).
/// </summary>
/// <see cref="Calibration"/> says how an uncalibrated topic learner's Platt sigmoid is fitted (<see cref="CrossValidator"/>);
/// <see cref="TopicNaiveBayes"/>, when set, scales each topic learner's features by that topic's Naive-Bayes log-count ratios.
public sealed record ClassifierConfig(string Name, HashedNgramOptions Features, TrainerChoice Intent, TrainerChoice Sentiment,
    TrainerChoice Topics, bool PerLanguage = false, TopicCalibrationMode Calibration = TopicCalibrationMode.TrainingScores,
    NaiveBayesWeighting? TopicNaiveBayes = null)
{
    /// <summary>
    /// With source-kind features: the share of training passages (chosen by a fixed hash of the text) whose kind is
    /// hidden, so the model also learns to score a passage of unknown kind.
    /// </summary>
    public double HiddenKindShare { get; init; }

    /// <summary>
    /// Stack the topic models (<see cref="TopicStacking"/>): each topic's probability from a logistic regression on the log-odds
    /// of all topics' out-of-fold-recalibrated probabilities, with this L2 penalty on its coefficients; null: no stacking.
    /// Needs <see cref="TopicCalibrationMode.OutOfFoldRecalibration"/>.
    /// </summary>
    public double? StackTopics { get; init; }

    /// <summary>With source-kind features: whether the topic learners read the kind block too (else the text's features only).</summary>
    public bool TopicsSeeKind { get; init; } = true;

    /// <summary>
    /// Sentence-level topic scoring (seventh round (b), <see cref="SentenceTopicScoring"/>): each topic's linear learner also scores
    /// the passage's sentences (<see cref="PreparedSentenceSplitter"/>), combined with the passage's own score; null: the passage only.
    /// </summary>
    public SentenceTopicScoring? SentenceTopics { get; init; }

    /// <summary>
    /// With a concept block (featurizer v3): only the topic learners read it; intent and sentiment read the vectors without
    /// it (their weights on it stay 0).
    /// </summary>
    public bool ConceptsForTopicsOnly { get; init; }

    /// <summary>
    /// Eighth round (b): a boosted-tree second stage per topic (<see cref="TopicBoosting"/>) on the first stage's out-of-fold outputs,
    /// cross-fitted in <see cref="CrossValidator"/> (bench cv only: <c>nlp train</c> does not fit it); null: none.
    /// </summary>
    public TopicBoostingOptions? Boosting { get; init; }

    /// <summary>
    /// Eighth round (a): a learnt model of the number of topics, or of whether a passage has any, changing the topic decision
    /// (<see cref="Training.TopicCount"/>); null: the per-topic thresholds alone. Cross-validation only.
    /// </summary>
    public TopicCountModel? TopicCount { get; init; }

    /// <summary>
    /// Tenth round (b): the topics' probabilities from a one-hidden-layer network over the topic learners' vectors (<see cref="TopicNetwork"/>),
    /// fitted in each fold of <see cref="CrossValidator"/>, alone or blended with the linear learners (bench cv only: <c>nlp train</c> does
    /// not fit it); null: the linear learners'.
    /// </summary>
    public TopicNetworkOptions? Network { get; init; }

    public string Describe() => DescribeText() + KindTraining + (SentenceTopics is { } st ? $"; {st}" : "") + (Boosting is { } bo ? $"; {bo}" : "") +
        (ConceptsForTopicsOnly && Features.ConceptWeight > 0 ? "; the concept block read by the topic learners only" : "") +
        (TopicCount is { } tc ? $"; {tc}" : "") + (Network is { } nn ? $"; {nn}" : "");

    /// <summary>How the source kind is used in training, beyond the features (empty without source-kind features).</summary>
    public string KindTraining => Features.SourceKind == SourceKindFeatures.None ? "" :
        (TopicsSeeKind ? "" : "; topic learners read the text's features only") +
        (HiddenKindShare > 0 ? string.Create(CultureInfo.InvariantCulture, $"; source kind hidden for {HiddenKindShare:0%} of training passages (a fixed hash of the text: FNV-1a finalised by Hash64.Mix), so the unknown-kind path is learned too") : "");

    private string DescribeText() =>
        $"features: {Features}; intent: {Intent}; sentiment: {Sentiment}; topics: {Topics} per topic" +
        (TopicNaiveBayes is { } nb && TopicsNeedCalibration ? $" on features scaled by {nb}" : "") +
        (!TopicsNeedCalibration ? "; " : Calibration switch
        {
            TopicCalibrationMode.OutOfFoldScores => ", Platt sigmoid fitted on out-of-fold scores; ",
            TopicCalibrationMode.OutOfFoldRecalibration => ", Platt sigmoid fitted on training scores, then recalibrated on out-of-fold probabilities; ",
            _ => "; ",
        }) +
        (StackTopics is { } l2 ? string.Create(CultureInfo.InvariantCulture, $"each topic stacked: a logistic regression (L2 {l2}) on the out-of-fold log-odds of all topics, folded into one linear model; ") : "") +
        (PerLanguage ? "one model per language (kk, ru, en) plus a shared one for mixed" : "one model shared by all languages");

    /// <summary>
    /// Whether the topic learner needs a Platt calibrator (perceptron, SVMs; L-BFGS on Naive-Bayes-scaled features, whose own
    /// sigmoid would be on the scaled features, so its linear part is folded and calibrated like the others) rather than
    /// calibrating itself.
    /// </summary>
    public bool TopicsNeedCalibration => Topics.Kind is TrainerKind.AveragedPerceptron or TrainerKind.LinearSvm or TrainerKind.DualSvm ||
        (Topics.Kind is TrainerKind.Lbfgs && TopicNaiveBayes is not null);

    private static ClassifierConfig Same(string name, HashedNgramOptions f, TrainerChoice t, bool perLanguage = false) => new(name, f, t, t, t, perLanguage);

    private static readonly HashedNgramOptions Both = new(Bits: 20, WordMax: 2, CharMin: 2, CharMax: 5);
    private static readonly HashedNgramOptions Both18 = Both with { Bits = 18 };
    private static readonly HashedNgramOptions BothSublinear = Both with { Sublinear = true };
    private static readonly HashedNgramOptions Both35 = Both with { CharMin = 3 };
    private static readonly HashedNgramOptions Both16 = Both with { CharMin = 1, CharMax = 6 };
    private static readonly HashedNgramOptions Words3 = Both with { WordMax = 3 };
    private static readonly HashedNgramOptions KeepAll = Both with { MinCount = 1 };
    private static readonly HashedNgramOptions Sublinear35 = BothSublinear with { CharMin = 3 };

    /// <summary>
    /// The experiment behind the committed model (docs/classifier.md): hashed feature sets with the averaged
    /// perceptron (the learner that won on ML.NET's dictionary featurizer), then other learners on the best set.
    /// </summary>
    public static IReadOnlyList<ClassifierConfig> Candidates { get; } =
    [
        Same("hashed-perceptron", Both, new(TrainerKind.AveragedPerceptron)),
        Same("hashed-min1-perceptron", KeepAll, new(TrainerKind.AveragedPerceptron)),
        Same("hashed18-perceptron", Both18, new(TrainerKind.AveragedPerceptron)),
        Same("hashed-sublinear-perceptron", BothSublinear, new(TrainerKind.AveragedPerceptron)),
        Same("hashed-char3-5-perceptron", Both35, new(TrainerKind.AveragedPerceptron)),
        Same("hashed-sublinear-char3-5-perceptron", Sublinear35, new(TrainerKind.AveragedPerceptron)),
        Same("hashed-char1-6-perceptron", Both16, new(TrainerKind.AveragedPerceptron)),
        Same("hashed-words3-perceptron", Words3, new(TrainerKind.AveragedPerceptron)),
        Same("hashed-sdca", Both, new(TrainerKind.Sdca)),
        Same("hashed-svm", Both, new(TrainerKind.LinearSvm)),
        Same("hashed-lbfgs-l2=0.01", Both, new(TrainerKind.Lbfgs, 0.01f)),
        Same("hashed-perceptron-per-language", Both, new(TrainerKind.AveragedPerceptron), perLanguage: true),
        // Fourth round (docs/classifier.md): the chosen features with more perceptron passes, and L-BFGS logistic
        // regression / maximum entropy with a light L2 (the 0.01 above was thought strong, ML.NET being read as averaging the
        // loss; the sixth round found the L2 is against the summed loss, so these are nearly unregularised: see TopicLearnerCandidates).
        Same("c35-perceptron-x5", Sublinear35, new(TrainerKind.AveragedPerceptron, Iterations: 5)),
        Same("c35-perceptron-x10", Sublinear35, new(TrainerKind.AveragedPerceptron, Iterations: 10)),
        Same("c35-perceptron-x20", Sublinear35, new(TrainerKind.AveragedPerceptron, Iterations: 20)),
        new("c35-perceptron-topics-lbfgs-l2=1e-4", Sublinear35, new(TrainerKind.AveragedPerceptron), new(TrainerKind.AveragedPerceptron),
            new(TrainerKind.Lbfgs, 1e-4f, 200)),
        new("c35-perceptron-topics-lbfgs-l2=1e-5", Sublinear35, new(TrainerKind.AveragedPerceptron), new(TrainerKind.AveragedPerceptron),
            new(TrainerKind.Lbfgs, 1e-5f, 200)),
        Same("c35-lbfgs-l2=1e-4", Sublinear35, new(TrainerKind.Lbfgs, 1e-4f, 200)),
        Same("c35-lbfgs-l2=1e-5", Sublinear35, new(TrainerKind.Lbfgs, 1e-5f, 200)),
        Same("c35-svm-x10", Sublinear35, new(TrainerKind.LinearSvm, Iterations: 10)),
        Same("c35-perceptron-oof-platt", Sublinear35, new(TrainerKind.AveragedPerceptron)) with { Calibration = TopicCalibrationMode.OutOfFoldScores },
        Same("c35-perceptron-oof-recalibrated", Sublinear35, new(TrainerKind.AveragedPerceptron)) with { Calibration = TopicCalibrationMode.OutOfFoldRecalibration },
        // Fifth round (a) (docs/classifier.md): the topic learners only; everything else as in the fourth round's `chosen` (text alone).
        Topic("topics-nb", new(TrainerKind.AveragedPerceptron), new NaiveBayesWeighting()),
        Topic("topics-nb-a0.25", new(TrainerKind.AveragedPerceptron), new NaiveBayesWeighting(Alpha: 0.25)),
        Topic("topics-nb-values", new(TrainerKind.AveragedPerceptron), new NaiveBayesWeighting(Binarize: false)),
        Topic("topics-perceptron-mean3", new(TrainerKind.AveragedPerceptron, Ensemble: 3)),
        Topic("topics-nb-mean3", new(TrainerKind.AveragedPerceptron, Ensemble: 3), new NaiveBayesWeighting()),
    ];

    /// <summary>The fourth round's `chosen` (text alone, as <see cref="ChosenTextOnly"/>) with another topic learner (and, optionally, Naive-Bayes feature weighting for it).</summary>
    private static ClassifierConfig Topic(string name, TrainerChoice topics, NaiveBayesWeighting? nb = null) =>
        Same(name, Sublinear35, new(TrainerKind.AveragedPerceptron)) with
            { Calibration = TopicCalibrationMode.OutOfFoldRecalibration, Topics = topics, TopicNaiveBayes = nb };

    private static readonly HashedNgramOptions KindBias = Sublinear35 with { SourceKind = SourceKindFeatures.Bias };
    private static readonly HashedNgramOptions KindWords = Sublinear35 with { SourceKind = SourceKindFeatures.BiasAndWords };

    /// <summary>The fourth round's winner, on the text alone (featurizer v1): the model before the source kind (candidate <c>text-only</c>).</summary>
    private static readonly ClassifierConfig ChosenTextOnly =
        Same("chosen", Sublinear35, new(TrainerKind.AveragedPerceptron)) with { Calibration = TopicCalibrationMode.OutOfFoldRecalibration };

    /// <summary>
    /// Fifth round (b) (docs/classifier.md, "the classifier reads the source kind"): the fourth round's winner with the passage's source kind as a
    /// per-kind bias, or the bias and kind × word unigrams; topics with or without the kind; a share of training passages
    /// with the kind hidden, so the unknown-kind path is learned too.
    /// </summary>
    public static IReadOnlyList<ClassifierConfig> SourceKindCandidates { get; } =
    [
        ChosenTextOnly with { Name = "text-only" },
        ChosenTextOnly with { Name = "kind-bias", Features = KindBias },
        ChosenTextOnly with { Name = "kind-words", Features = KindWords },
        ChosenTextOnly with { Name = "kind-words-topics-text", Features = KindWords, TopicsSeeKind = false },
        ChosenTextOnly with { Name = "kind-bias-hide20", Features = KindBias, HiddenKindShare = 0.2 },
        ChosenTextOnly with { Name = "kind-words-hide20", Features = KindWords, HiddenKindShare = 0.2 },
        ChosenTextOnly with { Name = "kind-words-hide20-topics-text", Features = KindWords, HiddenKindShare = 0.2, TopicsSeeKind = false },
    ];

    /// <summary>
    /// The fifth round's choice (docs/classifier.md, fourth and fifth rounds), what <c>nlp train</c> used until session 12
    /// and the base of the sixth and seventh rounds' candidates (candidate <c>fifth-round</c>): word 1–2-grams + character
    /// 3–5-grams hashed into 2^20 slots per block, slots seen in fewer than 2 training passages dropped, TF 1 + ln(count),
    /// plus one bias slot per source kind (news, social, unknown), the kind hidden for 20 % of training passages so a text
    /// without a source is scored sensibly; averaged perceptron (one-versus-all, Platt-calibrated) for every task; each
    /// topic's perceptron trained on features scaled by that topic's Naive-Bayes log-count ratios (α = 1, passage counts;
    /// folded into the saved weights) and its Platt sigmoid recalibrated on out-of-fold probabilities. The fifth round chose
    /// the kind bias (<see cref="SourceKindCandidates"/>, against <c>text-only</c>) and the ratios (<c>topics-nb</c>, against
    /// <c>c35-perceptron-oof-recalibrated</c>) separately, each on the fourth round's configuration.
    /// </summary>
    private static readonly ClassifierConfig FifthRound =
        ChosenTextOnly with { Name = "fifth-round", Features = KindBias, HiddenKindShare = 0.2, TopicNaiveBayes = new NaiveBayesWeighting() };

    /// <summary>
    /// Sixth round (docs/classifier.md): the fifth round's choice (<see cref="FifthRound"/>: source-kind bias, Naive-Bayes-scaled topic
    /// features) with other topic learners on the same scaled features: regularised ones (ML.NET's Pegasos SVM and L-BFGS
    /// logistic regression, our dual coordinate descent SVM), more perceptron passes, and NBSVM's interpolation.
    /// </summary>
    public static IReadOnlyList<ClassifierConfig> TopicLearnerCandidates { get; } =
    [
        FifthRound with { Name = "nb-perceptron-x20", Topics = new(TrainerKind.AveragedPerceptron, Iterations: 20) },
        FifthRound with { Name = "nb-perceptron-b0.25", TopicNaiveBayes = new NaiveBayesWeighting(Beta: 0.25) },
        FifthRound with { Name = "nb-perceptron-l2=1e-5", Topics = new(TrainerKind.AveragedPerceptron, PerceptronL2: 1e-5f) },
        FifthRound with { Name = "nb-pegasos-x10", Topics = new(TrainerKind.LinearSvm, Iterations: 10) },
        // ML.NET's L-BFGS minimises (Σ losses + ½·L2·‖w‖²) / n: the L2 is against the summed loss, so 1e-4 (round 4) is almost
        // no regularisation; L2 = 1 is the same penalty as the SVMs' C = 1.
        FifthRound with { Name = "nb-lbfgs-l2=1", Topics = new(TrainerKind.Lbfgs, 1f, 200) },
        FifthRound with { Name = "nb-lbfgs-l2=0.1", Topics = new(TrainerKind.Lbfgs, 0.1f, 200) },
        FifthRound with { Name = "nbsvm-c0.1", Topics = new(TrainerKind.DualSvm, Cost: 0.1) },
        FifthRound with { Name = "nbsvm-c0.3", Topics = new(TrainerKind.DualSvm, Cost: 0.3) },
        FifthRound with { Name = "nbsvm-c1", Topics = new(TrainerKind.DualSvm, Cost: 1) },
        FifthRound with { Name = "nbsvm-c3", Topics = new(TrainerKind.DualSvm, Cost: 3) },
        FifthRound with { Name = "nbsvm-c0.3-b0.25", Topics = new(TrainerKind.DualSvm, Cost: 0.3), TopicNaiveBayes = new NaiveBayesWeighting(Beta: 0.25) },
        FifthRound with { Name = "nbsvm-c1-b0.25", Topics = new(TrainerKind.DualSvm, Cost: 1), TopicNaiveBayes = new NaiveBayesWeighting(Beta: 0.25) },
        FifthRound with { Name = "svm-c1", Topics = new(TrainerKind.DualSvm, Cost: 1), TopicNaiveBayes = null },
        FifthRound with { Name = "nb-perceptron-stacked", StackTopics = 1 },
        FifthRound with { Name = "nb-perceptron-stacked-l2=100", StackTopics = 100 },
        FifthRound with { Name = "nbsvm-c1-stacked", Topics = new(TrainerKind.DualSvm, Cost: 1), StackTopics = 1 },
        FifthRound with { Name = "nbsvm-c3-stacked", Topics = new(TrainerKind.DualSvm, Cost: 3), StackTopics = 1 },
        FifthRound with { Name = "nb-perceptron+nbsvm-c1", Topics = new(TrainerKind.AveragedPerceptron) { Blend = new(TrainerKind.DualSvm, Cost: 1) } },
    ];

    /// <summary>
    /// Session 11 (docs/classifier.md): the fifth round's choice (<see cref="FifthRound"/>) with fewer slots kept, for the model's size (model.zip grows with the
    /// slot map, 24.2 MB of the 25 MB allowed at 30,876 passages): slots hit in fewer than 3 or 4 training passages dropped;
    /// and the fifth round's choice itself (<c>fifth-round</c>, min count 2), to compare with or retrain a model of before session 12.
    /// </summary>
    public static IReadOnlyList<ClassifierConfig> PruningCandidates { get; } =
    [
        FifthRound with { Name = "chosen-min3", Features = KindBias with { MinCount = 3 } },
        FifthRound with { Name = "chosen-min4", Features = KindBias with { MinCount = 4 } },
        FifthRound,   // min count 2: the configuration of the models before session 12
    ];

    /// <summary>
    /// Seventh round (b) (docs/classifier.md): <c>chosen-min3</c> with each topic also scored on the passage's sentences and the
    /// scores combined (max, or a learnt mix of the passage's and the best sentence's log-odds), the combination calibrated and
    /// thresholded out of fold as before; optionally with the best sentences as extra training examples for the topic learners.
    /// </summary>
    public static IReadOnlyList<ClassifierConfig> SentenceCandidates { get; } =
    [
        PruningCandidates[0] with { Name = "sentmax-max", SentenceTopics = new(SentenceCombination.Max) },
        PruningCandidates[0] with { Name = "sentmax-mix", SentenceTopics = new(SentenceCombination.Mix) },
        PruningCandidates[0] with { Name = "sentmax-mix-train", SentenceTopics = new(SentenceCombination.Mix, TrainOnBestSentences: true) },
        PruningCandidates[0] with { Name = "sentmax-max-train", SentenceTopics = new(SentenceCombination.Max, TrainOnBestSentences: true) },
        PruningCandidates[0] with { Name = "sentmax-mix-pairs", SentenceTopics = new(SentenceCombination.Mix, Pairs: true) },
    ];

    /// Seventh round (a) (docs/classifier.md): <c>chosen-min3</c> with the concept block (featurizer v3: one slot per concept of
    /// the hand-written cross-lingual <see cref="ConceptLexicon"/>, L2-normalised to 1/√2, the weight of each text block in
    /// the normalised text vector, or to 1 or 0.5); or read by the topic learners only.
    /// </summary>
    public static IReadOnlyList<ClassifierConfig> ConceptCandidates { get; } =
    [
        PruningCandidates[0] with { Name = "chosen-min3-concepts", Features = PruningCandidates[0].Features with { ConceptWeight = 1 / MathF.Sqrt(2) } },
        PruningCandidates[0] with { Name = "chosen-min3-concepts-w1", Features = PruningCandidates[0].Features with { ConceptWeight = 1 } },
        PruningCandidates[0] with { Name = "chosen-min3-concepts-w0.5", Features = PruningCandidates[0].Features with { ConceptWeight = 0.5f } },
        PruningCandidates[0] with { Name = "chosen-min3-concepts-topics", Features = PruningCandidates[0].Features with { ConceptWeight = 1 / MathF.Sqrt(2) }, ConceptsForTopicsOnly = true },
    ];

    /// <summary>
    /// Session 12 (docs/classifier.md): <c>chosen-min3</c> with Kazakh-only letters folded before n-grams
    /// (<see cref="HashedNgramOptions.FoldKazakh"/>), so Kazakh typed without Kazakh letters ("kazir", "zhumys zhok") meets
    /// the n-grams of Cyrillic Kazakh.
    /// </summary>
    public static IReadOnlyList<ClassifierConfig> FoldingCandidates { get; } =
    [
        FifthRound with { Name = "chosen-min3-fold", Features = KindBias with { MinCount = 3, FoldKazakh = true } },
        FifthRound with
        {
            Name = "chosen-min3-fold-concepts-topics",
            Features = KindBias with { MinCount = 3, FoldKazakh = true, ConceptWeight = 1 / MathF.Sqrt(2) },
            ConceptsForTopicsOnly = true,
        },
        // Session 14: the same with slots hit in fewer than 4 training passages dropped, for the model's size as the corpus grows.
        FifthRound with
        {
            Name = "chosen-min4-fold-concepts-topics",
            Features = KindBias with { MinCount = 4, FoldKazakh = true, ConceptWeight = 1 / MathF.Sqrt(2) },
            ConceptsForTopicsOnly = true,
        },
    ];

    /// <summary>
    /// What <c>nlp train</c> uses (docs/classifier.md, session 12): the fifth round's choice with slots hit in fewer than 3
    /// training passages dropped (<c>chosen-min3</c>, for the model's size), Kazakh-only letters folded before n-grams
    /// (<c>chosen-min3-fold</c>, for Kazakh typed without Kazakh letters), and the hand-written cross-lingual concept block
    /// read by the topic learners only (seventh round (a)): candidate <c>chosen-min3-fold-concepts-topics</c>.
    /// </summary>
    public static ClassifierConfig Chosen { get; } = FoldingCandidates[1] with { Name = "chosen" };

    /// <summary>
    /// Eighth round (b) (docs/classifier.md): <see cref="Chosen"/> with only the topic decision changed, by a LightGBM second stage
    /// per topic (<see cref="TopicBoosting"/>) on the out-of-fold first-stage outputs: with the concept block, without it, and either
    /// with each topic's rank and gap to the strongest added.
    /// </summary>
    public static IReadOnlyList<ClassifierConfig> BoostingCandidates { get; } =
    [
        Chosen with { Name = "boost-stack", Boosting = new TopicBoostingOptions() },
        Chosen with { Name = "boost-stack-noconcepts", Boosting = new TopicBoostingOptions(Concepts: false) },
        Chosen with { Name = "boost-stack-ranks", Boosting = new TopicBoostingOptions(Ranks: true) },
        Chosen with { Name = "boost-stack-noconcepts-ranks", Boosting = new TopicBoostingOptions(Concepts: false, Ranks: true) },
    ];

    /// <summary>
    /// Eighth round (a) (docs/classifier.md): <see cref="Chosen"/> with only the topic decision changed by a learnt model of the
    /// topic count (MetaLabeler's top k, or thresholds adjusted by it) or of "any topic" (a gate on the topic probabilities).
    /// </summary>
    public static IReadOnlyList<ClassifierConfig> TopicCountCandidates { get; } =
    [
        Chosen with { Name = "count-topk", TopicCount = new(TopicCountRule.TopK) },
        Chosen with { Name = "count-hybrid", TopicCount = new(TopicCountRule.Hybrid) },
        Chosen with { Name = "count-gate", TopicCount = new(TopicCountRule.Gate) },
        Chosen with { Name = "count-topk-scores", TopicCount = new(TopicCountRule.TopK, CountFeatures.Scores) },
        Chosen with { Name = "count-hybrid-scores", TopicCount = new(TopicCountRule.Hybrid, CountFeatures.Scores) },
        Chosen with { Name = "count-topk-both", TopicCount = new(TopicCountRule.TopK, CountFeatures.Both) },
        Chosen with { Name = "count-hybrid-both", TopicCount = new(TopicCountRule.Hybrid, CountFeatures.Both) },
        Chosen with { Name = "count-topk-intentvec", TopicCount = new(TopicCountRule.TopK, CountFeatures.IntentText) },
        Chosen with { Name = "count-hybrid-intentvec", TopicCount = new(TopicCountRule.Hybrid, CountFeatures.IntentText) },
    ];

    /// <summary>
    /// Tenth round (b) (docs/classifier.md): <see cref="Chosen"/> with the topic probabilities from a one-hidden-layer network over the same
    /// vectors (64 or 128 hidden units; with intent and sentiment heads sharing the hidden layer; refitted on every passage; three
    /// seeds averaged; blended with the linear learners by the mean or a learnt mix of the log-odds; and the control, identity hidden
    /// units), recalibrated and thresholded as <c>chosen</c>'s; intent and sentiment are <c>chosen</c>'s models.
    /// </summary>
    public static IReadOnlyList<ClassifierConfig> NetworkCandidates { get; } =
    [
        Chosen with { Name = "nn-h64", Network = new TopicNetworkOptions(Hidden: 64) },
        Chosen with { Name = "nn-h128", Network = new TopicNetworkOptions(Hidden: 128) },
        Chosen with { Name = "nn-h128-mt", Network = new TopicNetworkOptions(Hidden: 128, TaskWeight: 0.5) },
        Chosen with { Name = "nn-h128-blend", Network = new TopicNetworkOptions(Hidden: 128, Blend: true) },
        // After the first four: the blend gains in every fold but < 0.010; a cheaper network, one refitted on every passage, and
        // three networks averaged, each blended the same way.
        Chosen with { Name = "nn-h64-blend", Network = new TopicNetworkOptions(Hidden: 64, Blend: true) },
        Chosen with { Name = "nn-h128-refit-blend", Network = new TopicNetworkOptions(Hidden: 128, Blend: true) { Refit = true } },
        Chosen with { Name = "nn-h64-x3-blend", Network = new TopicNetworkOptions(Hidden: 64, Blend: true) { Ensemble = 3 } },
        // Then: the network and the linear learners mixed per topic by a logistic regression fitted out of fold instead of the mean.
        Chosen with { Name = "nn-h64-mix", Network = new TopicNetworkOptions(Hidden: 64, Blend: true) { LearntBlend = true } },
        Chosen with { Name = "nn-h64-x3-refit-blend", Network = new TopicNetworkOptions(Hidden: 64, Blend: true) { Ensemble = 3, Refit = true } },
        Chosen with { Name = "nn-h64-x3-refit-mix", Network = new TopicNetworkOptions(Hidden: 64, Blend: true) { Ensemble = 3, Refit = true, LearntBlend = true } },
        // And the strongest network alone, to see how much of the networks' deficit is their variance.
        Chosen with { Name = "nn-h64-x3-refit", Network = new TopicNetworkOptions(Hidden: 64) { Ensemble = 3, Refit = true } },
        // The control: the same network with identity hidden units (a linear model of rank 64 trained the same way), alone and blended,
        // to tell a gain of the nonlinearity from one of a second, differently trained learner.
        Chosen with { Name = "nn-h64-linear", Network = new TopicNetworkOptions(Hidden: 64) { Linear = true } },
        Chosen with { Name = "nn-h64-linear-blend", Network = new TopicNetworkOptions(Hidden: 64, Blend: true) { Linear = true } },
    ];

    /// <summary>Every named configuration: <see cref="Chosen"/> and the candidates of every round.</summary>
    public static IEnumerable<ClassifierConfig> All =>
        Candidates.Concat(SourceKindCandidates).Concat(TopicLearnerCandidates).Concat(PruningCandidates).Concat(SentenceCandidates)
            .Concat(ConceptCandidates).Concat(FoldingCandidates).Concat(BoostingCandidates).Concat(TopicCountCandidates)
            .Concat(NetworkCandidates).Prepend(Chosen);

    public static ClassifierConfig? Find(string name) => All.FirstOrDefault(c => c.Name == name);
}
