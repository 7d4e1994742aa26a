using System.Globalization;

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
}

/// <summary>A learner and its regularisation (<see cref="L2"/> is used by <see cref="TrainerKind.Lbfgs"/> only).</summary>
public sealed record TrainerChoice(TrainerKind Kind, float L2 = 1f)
{
    public override string ToString() => Kind switch
    {
        TrainerKind.Sdca => "SDCA",
        TrainerKind.Lbfgs => string.Create(CultureInfo.InvariantCulture, $"L-BFGS L2={L2}"),
        TrainerKind.AveragedPerceptron => "OVA averaged perceptron",
        TrainerKind.LinearSvm => "OVA linear SVM",
        _ => Kind.ToString(),
    };
}

/// <summary>
/// What the featurizer extracts from the prepared text (<c>ClassifierText.Prepare</c>, then ML.NET's
/// text normaliser: lower case, diacritics kept, punctuation removed): word 1–<see cref="WordMax"/>-grams
/// and/or character <see cref="CharMin"/>–<see cref="CharMax"/>-grams (CharMax 0 = none), n-grams seen in fewer than
/// <see cref="MinCount"/> training passages dropped (that bounds model size), term frequency or TF-IDF,
/// the whole vector L2-normalised.
/// </summary>
public sealed record FeatureConfig(int WordMax, int CharMin, int CharMax, bool TfIdf, int MinCount = 2)
{
    public override string ToString()
    {
        var parts = new List<string>();
        if (WordMax > 0) parts.Add(WordMax == 1 ? "word unigrams" : $"word 1–{WordMax}-grams");
        if (CharMax > 0) parts.Add($"char {CharMin}–{CharMax}-grams");
        return string.Join(" + ", parts) + (TfIdf ? ", TF-IDF" : ", TF") + $", n-grams in fewer than {MinCount} passages dropped, each block and the whole vector L2-normalised";
    }
}

/// <summary>
/// One complete set of modelling choices: features shared by all tasks, a learner per task, and one
/// shared model or one per language (kk, ru, en; mixed passages go to a model trained on everything).
/// </summary>
public sealed record ClassifierConfig(string Name, FeatureConfig Features, TrainerChoice Intent, TrainerChoice Sentiment,
    TrainerChoice Topics, bool PerLanguage = false)
{
    public string Describe() =>
        $"features: {Features}; intent: {Intent}; sentiment: {Sentiment}; topics: {Topics} per topic; " +
        (PerLanguage ? "one model per language (kk, ru, en) plus a shared one for mixed" : "one model shared by all languages");

    private static ClassifierConfig Same(string name, FeatureConfig f, TrainerChoice t, bool perLanguage = false) => new(name, f, t, t, t, perLanguage);

    private static readonly FeatureConfig Previous = new(WordMax: 2, CharMin: 4, CharMax: 4, TfIdf: false);
    private static readonly FeatureConfig Words = new(WordMax: 2, CharMin: 0, CharMax: 0, TfIdf: false);
    private static readonly FeatureConfig Chars = new(WordMax: 0, CharMin: 2, CharMax: 5, TfIdf: false);
    private static readonly FeatureConfig Both = new(WordMax: 2, CharMin: 2, CharMax: 5, TfIdf: false);
    private static readonly FeatureConfig Both35 = new(WordMax: 2, CharMin: 3, CharMax: 5, TfIdf: false);
    private static readonly FeatureConfig BothIdf = new(WordMax: 2, CharMin: 2, CharMax: 5, TfIdf: true);

    /// <summary>
    /// The compact experiment behind the committed model, in three stages: feature sets with one
    /// learner (SDCA), then learners on the stage-1 winner, then per-language versus shared.
    /// </summary>
    public static IReadOnlyList<ClassifierConfig> Candidates { get; } =
    [
        Same("previous-sdca", Previous, new(TrainerKind.Sdca)),
        Same("words-sdca", Words, new(TrainerKind.Sdca)),
        Same("chars-sdca", Chars, new(TrainerKind.Sdca)),
        Same("both-sdca", Both, new(TrainerKind.Sdca)),
        Same("both-char3-5-sdca", Both35, new(TrainerKind.Sdca)),
        Same("both-tfidf-sdca", BothIdf, new(TrainerKind.Sdca)),
        Same("both-perceptron", Both, new(TrainerKind.AveragedPerceptron)),
        Same("both-svm", Both, new(TrainerKind.LinearSvm)),
        Same("both-sdca-per-language", Both, new(TrainerKind.Sdca), perLanguage: true),
        Same("both-lbfgs-l2=0.01", Both, new(TrainerKind.Lbfgs, 0.01f)),
    ];

    /// <summary>
    /// What <c>nlp train</c> uses: the winner of <see cref="Candidates"/> by 5-fold cross-validation on the
    /// training part (docs/classifier.md): word 1–2-grams + character 2–5-grams, averaged perceptron
    /// (one-versus-all, Platt-calibrated) for every task.
    /// </summary>
    public static ClassifierConfig Chosen { get; } = new("chosen", Both, new(TrainerKind.AveragedPerceptron), new(TrainerKind.AveragedPerceptron), new(TrainerKind.AveragedPerceptron));

    public static ClassifierConfig? Find(string name) =>
        name == Chosen.Name ? Chosen : Candidates.FirstOrDefault(c => c.Name == name);
}
