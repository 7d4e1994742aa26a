using NlpPipeline.Core.Annotation;

namespace NlpPipeline.Tests.Core.Annotation;

/// <summary>Issue 7: kappa and alpha against published, hand-checkable values.</summary>
public sealed class AgreementTests
{
    private static List<(string, string)> Pairs(params (string A, string B, int Count)[] cells) =>
        cells.SelectMany(c => Enumerable.Repeat((c.A, c.B), c.Count)).ToList();

    [Fact]
    public void CohenKappa_TextbookTwoByTwo_IsPointFour()
    {
        // 50 items: both yes 20, A yes B no 5, A no B yes 10, both no 15. p_o = 0.70; p_e = 0.5·0.6 + 0.5·0.4 = 0.50; κ = 0.4.
        var kappa = Agreement.CohenKappa(Pairs(("yes", "yes", 20), ("yes", "no", 5), ("no", "yes", 10), ("no", "no", 15)));
        Assert.Equal(0.4, kappa!.Value, 10);
    }

    [Fact]
    public void CohenKappa_PerfectAgreementOnTwoLabels_IsOne_AndOneLabelOnly_IsUndefined()
    {
        Assert.Equal(1.0, Agreement.CohenKappa(Pairs(("a", "a", 3), ("b", "b", 2)))!.Value, 10);
        Assert.Null(Agreement.CohenKappa(Pairs(("a", "a", 4))));
    }

    // Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", binary example: two coders, ten units.
    private static readonly int[] CoderA = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0];
    private static readonly int[] CoderB = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0];

    [Fact]
    public void KrippendorffAlpha_BinaryTwoCoderExample_Is0095()
    {
        // o(0,0) = 10, o(1,1) = 2, o(0,1) = o(1,0) = 4; n_0 = 14, n_1 = 6, n = 20: α = 1 − 19 · 8 / (2 · 14 · 6) = 0.0952.
        var alpha = Agreement.KrippendorffAlpha(CoderA.Select((a, i) => (IReadOnlyList<int>)[a, CoderB[i]]));
        Assert.Equal(1 - 19.0 * 8 / 168, alpha!.Value, 10);
        Assert.Equal(0.095, alpha.Value, 3);
        // Cohen's kappa on the same data: p_o = 0.6, p_e = 0.2·0.4 + 0.8·0.6 = 0.56, κ = 0.04 / 0.44.
        Assert.Equal(0.04 / 0.44, Agreement.CohenKappa(CoderA.Select((a, i) => (a, CoderB[i])).ToList())!.Value, 10);
    }

    [Fact]
    public void KrippendorffAlpha_FourCodersWithMissingValues_Is0743()
    {
        // The nominal example of Krippendorff (2011): four observers, twelve units, values 1–5, blanks missing.
        int?[][] observers =
        [
            [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
            [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
            [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
            [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
        ];
        var units = Enumerable.Range(0, 12).Select(u => (IReadOnlyList<int>)observers.Where(o => o[u] is not null).Select(o => o[u]!.Value).ToList());
        Assert.Equal(0.743, Agreement.KrippendorffAlpha(units)!.Value, 3);
    }

    [Fact]
    public void KrippendorffAlpha_SingleCodedUnitsAndOneValue_LeftOutOrUndefined()
    {
        Assert.Null(Agreement.KrippendorffAlpha(new[] { (IReadOnlyList<string>)["a"], ["b"] }));
        Assert.Null(Agreement.KrippendorffAlpha(new[] { (IReadOnlyList<string>)["a", "a"], ["a", "a", "a"] }));
    }
}
