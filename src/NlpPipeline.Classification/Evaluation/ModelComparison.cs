using NlpPipeline.Classification.Scoring;
using NlpPipeline.Core.Domain;
using NlpPipeline.Core.Labels;

namespace NlpPipeline.Classification.Evaluation;

public enum ComparisonVerdict { Better, Worse, NoClearDifference }

/// <summary>Both models' figures on one group of passages (all, or one language) and the paired difference B − A.</summary>
public sealed record ComparisonGroup(string Language, Figures A, Figures B, Figures Difference);

/// <summary>One headline figure where the difference is clear (its 95 % interval excludes 0) or beyond the tolerance.</summary>
public sealed record FigureChange(string Figure, double A, double B, Estimate Difference);

/// <summary>
/// Two models scored on the same held-out passages (<c>nlp models compare</c>, <c>nlp models promote</c>):
/// every figure of <see cref="Figures"/> per model, overall and per language, and the difference B − A with a
/// 95 % paired bootstrap interval (<see cref="Bootstrap.Difference"/>). The verdict reads the three headline
/// figures of the quality targets (intent macro-F1, sentiment macro-F1, topics micro-F1) over all passages:
/// <b>worse</b> when any of them is clearly lower (interval entirely below 0), <b>better</b> when none is
/// clearly lower and at least one is clearly higher, otherwise <b>no clear difference</b>.
/// </summary>
public sealed record ModelComparison(string VersionA, string VersionB, int Passages, int Resamples, int Seed, IReadOnlyList<ComparisonGroup> Groups)
{
    public static readonly IReadOnlyList<(string Name, Func<Figures, Estimate> Get)> Headline =
    [
        ("intent macro-F1", f => f.IntentMacroF1),
        ("sentiment macro-F1", f => f.SentimentMacroF1),
        ("topics micro-F1", f => f.TopicMicroF1),
    ];

    public ComparisonGroup Overall => Groups[0];

    public IReadOnlyList<FigureChange> ClearlyBetter => Changes(d => d.Low > 0);

    public IReadOnlyList<FigureChange> ClearlyWorse => Changes(d => d.High < 0);

    /// <summary>Headline figures where B's point value is more than <paramref name="tolerance"/> below A's.</summary>
    public IReadOnlyList<FigureChange> WorseBeyond(double tolerance) => Changes(d => d.Value < -tolerance - 1e-9);

    public ComparisonVerdict Verdict =>
        ClearlyWorse.Count > 0 ? ComparisonVerdict.Worse : ClearlyBetter.Count > 0 ? ComparisonVerdict.Better : ComparisonVerdict.NoClearDifference;

    private List<FigureChange> Changes(Func<Estimate, bool> when) =>
        Headline.Where(h => when(h.Get(Overall.Difference)))
            .Select(h => new FigureChange(h.Name, h.Get(Overall.A).Value, h.Get(Overall.B).Value, h.Get(Overall.Difference))).ToList();

    public static ModelComparison Run(ModelBundle a, string versionA, ModelBundle b, string versionB, IReadOnlyList<AnnotatedPassage> test,
        int resamples = HeldOutEvaluator.DefaultResamples, int seed = 1)
    {
        if (test.Count == 0) throw new ArgumentException("No passages to compare on.", nameof(test));
        var texts = test.Select(t => new ScoringInput(t.Text, t.SourceKind)).ToList();
        var gold = test.Select(PassageLabels.Of).ToList();
        var pa = a.Score(texts, versionA).Select(PassageLabels.Of).ToList();
        var pb = b.Score(texts, versionB).Select(PassageLabels.Of).ToList();
        ComparisonGroup Group(string language, IReadOnlyList<int> idx)
        {
            var g = idx.Select(i => gold[i]).ToList();
            var x = idx.Select(i => pa[i]).ToList();
            var y = idx.Select(i => pb[i]).ToList();
            return new ComparisonGroup(language, Bootstrap.Estimate(g, x, resamples, seed), Bootstrap.Estimate(g, y, resamples, seed),
                Bootstrap.Difference(g, x, y, resamples, seed));
        }
        var groups = new List<ComparisonGroup> { Group("all", Enumerable.Range(0, test.Count).ToList()) };
        groups.AddRange(Enumerable.Range(0, test.Count).GroupBy(i => test[i].Language.ToWire()).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Group(g.Key, g.ToList())));
        return new ModelComparison(versionA, versionB, test.Count, resamples, seed, groups);
    }
}
