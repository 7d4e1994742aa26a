using System.Globalization;

namespace NlpPipeline.Classification.Evaluation;

/// <summary>Renders a <see cref="HeldOutEvaluation"/> as Markdown tables (the output of <c>nlp evaluate</c> and part of the model card).</summary>
public static class HeldOutTable
{
    public static void Write(TextWriter w, HeldOutEvaluation e)
    {
        w.WriteLine($"{e.Passages} passages; 95 % intervals from {e.Resamples} bootstrap resamples (seed {e.Seed}).");
        w.WriteLine();
        Header(w);
        foreach (var s in e.Systems)
        {
            Row(w, s.System, "all", s.Overall);
            foreach (var (language, f) in s.ByLanguage) Row(w, s.System, language, f);
        }
        w.WriteLine();
        foreach (var s in e.Systems) w.WriteLine($"- {s.System}: {s.Description}");
        Confusion(w, "Intent", e.IntentConfusion);
        Confusion(w, "Sentiment", e.SentimentConfusion);
    }

    /// <summary>One system's rows (all passages and per language) under the table's header, without the confusion matrices.</summary>
    public static void WriteSystem(TextWriter w, HeldOutEvaluation e, string system)
    {
        Header(w);
        var s = e.System(system);
        Row(w, s.System, "all", s.Overall);
        foreach (var (language, f) in s.ByLanguage) Row(w, s.System, language, f);
    }

    private static void Header(TextWriter w)
    {
        w.WriteLine("| system | language | n | intent accuracy | intent macro-F1 | sentiment accuracy | sentiment macro-F1 | topics micro-F1 | topics macro-F1 |");
        w.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    }

    private static void Row(TextWriter w, string system, string language, Figures f) =>
        w.WriteLine($"| {system} | {language} | {f.Passages} | {E(f.IntentAccuracy)} | {E(f.IntentMacroF1)} | {E(f.SentimentAccuracy)} | {E(f.SentimentMacroF1)} | {E(f.TopicMicroF1)} | {E(f.TopicMacroF1)} |");

    private static void Confusion(TextWriter w, string title, ConfusionMatrix m)
    {
        w.WriteLine();
        w.WriteLine($"{title} confusion of the model (rows: gold, columns: predicted)");
        w.WriteLine();
        w.WriteLine("| gold \\ predicted | " + string.Join(" | ", m.Labels) + " |");
        w.WriteLine("| --- | " + string.Join(" | ", m.Labels.Select(_ => "---")) + " |");
        for (var i = 0; i < m.Labels.Count; i++)
            w.WriteLine($"| {m.Labels[i]} | " + string.Join(" | ", m.Counts[i]) + " |");
    }

    public static string E(Estimate e) => string.Format(CultureInfo.InvariantCulture, "{0:0.000} ({1:0.000}–{2:0.000})", e.Value, e.Low, e.High);
}
