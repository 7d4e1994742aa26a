using System.Text.RegularExpressions;

namespace NlpPipeline.Cli.Benchmarks;

/// <summary>
/// The article-extraction benchmark's metric: per page, multisets of 4-grams of word tokens (runs of
/// letters, digits and underscore; case kept), true/false positives normalised so every page weighs the
/// same; corpus precision and recall are means over pages, F1 is computed from those two means, and
/// accuracy is the share of pages whose token sequence is exactly right.
/// </summary>
internal static partial class ExtractionScore
{
    public sealed record Result(int Pages, double Precision, double Recall, double F1, double Accuracy);

    private readonly record struct Counts(double Tp, double Fp, double Fn, bool Exact);

    public static Result Score(IReadOnlyDictionary<string, string> truth, IReadOnlyDictionary<string, string> predicted)
    {
        var pages = truth.Keys.Order(StringComparer.Ordinal).Select(id => Page(truth[id], predicted.GetValueOrDefault(id, ""))).ToList();
        var precisions = pages.Where(c => c.Tp + c.Fp > 0).Select(c => Precision(c)).ToList();
        var recalls = pages.Where(c => c.Tp + c.Fn > 0).Select(c => Recall(c)).ToList();
        var p = precisions.Count == 0 ? 0 : precisions.Average();
        var r = recalls.Count == 0 ? 0 : recalls.Average();
        return new Result(pages.Count, p, r, p + r == 0 ? 0 : 2 * p * r / (p + r), pages.Count == 0 ? 0 : pages.Average(c => c.Exact ? 1.0 : 0.0));
    }

    private static Counts Page(string truth, string predicted)
    {
        var t = Tokens(truth);
        var p = Tokens(predicted);
        var ts = Shingles(t);
        var ps = Shingles(p);
        double tp = 0, fp = 0, fn = 0;
        foreach (var key in ts.Keys.Union(ps.Keys))
        {
            var tc = ts.GetValueOrDefault(key);
            var pc = ps.GetValueOrDefault(key);
            tp += Math.Min(tc, pc);
            fp += Math.Max(0, pc - tc);
            fn += Math.Max(0, tc - pc);
        }
        var sum = tp + fp + fn;
        return sum > 0 ? new Counts(tp / sum, fp / sum, fn / sum, t.SequenceEqual(p)) : new Counts(0, 0, 0, t.SequenceEqual(p));
    }

    private static double Precision(Counts c) => c.Fp == 0 && c.Fn == 0 ? 1 : c.Tp == 0 && c.Fp == 0 ? 0 : c.Tp / (c.Tp + c.Fp);

    private static double Recall(Counts c) => c.Fp == 0 && c.Fn == 0 ? 1 : c.Tp == 0 && c.Fn == 0 ? 0 : c.Tp / (c.Tp + c.Fn);

    private static List<string> Tokens(string text) => Word().Matches(text).Select(m => m.Value).ToList();

    private static Dictionary<string, int> Shingles(List<string> tokens)
    {
        var d = new Dictionary<string, int>(StringComparer.Ordinal);
        if (tokens.Count == 0) return d;
        if (tokens.Count < 4) { d[string.Join('\u0001', tokens)] = 1; return d; }
        for (var i = 0; i + 4 <= tokens.Count; i++)
        {
            var key = string.Join('\u0001', tokens.GetRange(i, 4));
            d[key] = d.GetValueOrDefault(key) + 1;
        }
        return d;
    }

    [GeneratedRegex(@"[\p{L}\p{M}\p{N}_]+")]
    private static partial Regex Word();
}
