using System.Globalization;

namespace NlpPipeline.Classification.Evaluation;

/// <summary>Renders a <see cref="ModelComparison"/> for people: a verdict in words, then one table per language group.</summary>
public static class ComparisonTable
{
    public static void Write(TextWriter w, ModelComparison c)
    {
        w.WriteLine($"A = {c.VersionA}, B = {c.VersionB}; {c.Passages} held-out passages; differences B − A with 95 % paired bootstrap intervals ({c.Resamples} resamples, seed {c.Seed}).");
        w.WriteLine();
        w.WriteLine($"Verdict: {Describe(c)}");
        w.WriteLine();
        w.WriteLine("| language | n | figure | A | B | B − A (95 % interval) |");
        w.WriteLine("| --- | --- | --- | --- | --- | --- |");
        foreach (var g in c.Groups)
            foreach (var (name, get) in Figures)
            {
                var d = get(g.Difference);
                var mark = d.Low > 0 ? " ▲" : d.High < 0 ? " ▼" : "";
                w.WriteLine($"| {g.Language} | {g.A.Passages} | {name} | {F(get(g.A).Value)} | {F(get(g.B).Value)} | {S(d.Value)} ({S(d.Low)} to {S(d.High)}){mark} |");
            }
        w.WriteLine();
        w.WriteLine("▲ B clearly better, ▼ B clearly worse (the interval excludes 0). Per-language groups are small: read their intervals before their points.");
    }

    public static string Describe(ModelComparison c) => c.Verdict switch
    {
        ComparisonVerdict.Better => $"B is BETTER than A ({string.Join(", ", c.ClearlyBetter.Select(Change))}; nothing clearly worse).",
        ComparisonVerdict.Worse => $"B is WORSE than A ({string.Join(", ", c.ClearlyWorse.Select(Change))}).",
        _ => "NO CLEAR DIFFERENCE between A and B on intent macro-F1, sentiment macro-F1 and topics micro-F1 (every interval includes 0).",
    };

    public static string Change(FigureChange f) => $"{f.Figure} {F(f.A)} → {F(f.B)}, {S(f.Difference.Value)} ({S(f.Difference.Low)} to {S(f.Difference.High)})";

    private static readonly (string, Func<Figures, Estimate>)[] Figures =
    [
        ("intent macro-F1", f => f.IntentMacroF1), ("intent accuracy", f => f.IntentAccuracy),
        ("sentiment macro-F1", f => f.SentimentMacroF1), ("sentiment accuracy", f => f.SentimentAccuracy),
        ("topics micro-F1", f => f.TopicMicroF1), ("topics macro-F1", f => f.TopicMacroF1),
    ];

    private static string F(double v) => v.ToString("0.000", CultureInfo.InvariantCulture);

    private static string S(double v) => (v >= 0 ? "+" : "") + v.ToString("0.000", CultureInfo.InvariantCulture);
}
