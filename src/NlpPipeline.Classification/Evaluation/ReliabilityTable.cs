using System.Globalization;
using NlpPipeline.Core.Labels;

namespace NlpPipeline.Classification.Evaluation;

/// <summary>Renders a <see cref="ReliabilityReport"/> as Markdown tables (the output of <c>nlp corpus agreement</c>).</summary>
public static class ReliabilityTable
{
    public static void Write(TextWriter w, ReliabilityReport r)
    {
        w.WriteLine($"Label reliability: {r.Files.Count} second annotation(s) against the labels of {r.Corpus}; " +
                    $"95 % intervals from {r.Resamples} bootstrap resamples (seed {r.Seed}).");
        foreach (var f in r.Files)
            w.WriteLine($"- {f.Name}: {f.Path}, annotator(s) {Annotators(f.Annotators)}, {f.Passages} passages{(f.Tasks == LabelTasks.All ? "" : $", {f.Tasks.Describe()} only")}");

        w.WriteLine();
        w.WriteLine("## Second annotation against the corpus (the corpus label as the reference)");
        Figures(w, r.AgainstCorpus.Select(a => (a.Other, a)));

        if (r.BetweenFiles.Count > 0)
        {
            w.WriteLine();
            w.WriteLine("## Between second annotations, on the passages both labelled (the first named as the reference)");
            Figures(w, r.BetweenFiles.Select(a => ($"{a.Reference} vs {a.Other}", a)));
        }

        if (r.Model is { } model)
        {
            w.WriteLine();
            w.WriteLine($"## Model {model.Version} against the corpus on the same passages (those in the corpus's fixed test part)");
            w.WriteLine();
            foreach (var m in model.PerFile)
                w.WriteLine($"- {m.File}: {m.InTestPart} of {m.Passages} passages in the test part; {m.NotInTestPart} left out (not in the test part now)");
            Figures(w, model.PerFile.Where(m => m.Annotator is not null)
                .SelectMany(m => new[] { (m.File, m.Annotator!), ($"model ({m.File}'s passages)", m.Model!) }));
        }

        w.WriteLine();
        w.WriteLine("κ: Cohen's kappa, agreement beyond chance (1 = complete, 0 = what chance alone gives; – = undefined, one label throughout).");
        w.WriteLine("Agreement is the share of passages labelled the same; F1 takes the reference as gold, as `nlp evaluate` does.");
        var partial = r.Files.Where(f => f.Tasks != LabelTasks.All).ToList();
        if (partial.Count > 0)
            w.WriteLine("Partial readings (" + string.Join(", ", partial.Select(f => $"{f.Name}: {f.Tasks.Describe()}")) +
                        ") are compared on what they label alone: – for the rest; two partial readings of different tasks are not paired.");

        foreach (var (title, a) in AllComparisons(r))
        {
            w.WriteLine();
            w.WriteLine($"## {title}: {a.Passages} passages");
            if (a.Overall.Topics is not null) Topics(w, a);
            if (a.IntentConfusion is { } intent) Confusion(w, "Intent", a, intent);
            if (a.SentimentConfusion is { } sentiment) Confusion(w, "Sentiment", a, sentiment);
        }
    }

    private static IEnumerable<(string Title, LabelAgreement Agreement)> AllComparisons(ReliabilityReport r) =>
        r.AgainstCorpus.Concat(r.BetweenFiles).Select(a => ($"{a.Other} against {a.Reference}", a))
            .Concat(r.Model?.PerFile.Where(m => m.Model is not null)
                .Select(m => ($"model {r.Model.Version} against {m.Model!.Reference}, on {m.File}'s passages in the test part", m.Model!)) ?? []);

    private static void Figures(TextWriter w, IEnumerable<(string Name, LabelAgreement Agreement)> rows)
    {
        var list = rows.ToList();
        w.WriteLine();
        w.WriteLine("| labels | language | n | intent agreement | intent κ | intent macro-F1 | sentiment agreement | sentiment κ | sentiment macro-F1 | topics micro-F1 | topics macro-F1 |");
        w.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        // Group by language first, so "model" sits right under the annotator it is compared with.
        var languages = list.SelectMany(x => x.Agreement.Groups.Select(g => g.Language)).Distinct().ToList();
        foreach (var language in languages)
            foreach (var (name, a) in list)
                if (a.Groups.FirstOrDefault(g => g.Language == language) is { } g)
                    w.WriteLine($"| {name} | {g.Language} | {g.Passages} | {Nominal(g.Intent)} | {Nominal(g.Sentiment)} | " +
                                $"{TopicCells(g.Topics)} |");
    }

    private static void Topics(TextWriter w, LabelAgreement a)
    {
        w.WriteLine();
        w.WriteLine("Topics, each as present/absent, all passages (per language in the JSON)");
        w.WriteLine();
        w.WriteLine($"| topic | κ | both | {a.Reference} only | {a.Other} only | neither |");
        w.WriteLine("| --- | --- | --- | --- | --- | --- |");
        foreach (var t in a.Overall.Topics!.PerTopic)
            w.WriteLine($"| {t.Topic} | {K(t.Kappa)} | {t.Both} | {t.ReferenceOnly} | {t.OtherOnly} | {t.Neither} |");
    }

    private static void Confusion(TextWriter w, string title, LabelAgreement a, ConfusionMatrix m)
    {
        w.WriteLine();
        w.WriteLine($"{title} (rows: {a.Reference}, columns: {a.Other})");
        w.WriteLine();
        w.WriteLine($"| {a.Reference} \\ {a.Other} | " + string.Join(" | ", m.Labels) + " |");
        w.WriteLine("| --- | " + string.Join(" | ", m.Labels.Select(_ => "---")) + " |");
        for (var i = 0; i < m.Labels.Count; i++)
            w.WriteLine($"| {m.Labels[i]} | " + string.Join(" | ", m.Counts[i]) + " |");
    }

    /// <summary>Micro- and macro-F1 cells of topics; dashes where they are not compared.</summary>
    private static string TopicCells(TopicsAgreement? t) => t is { } x ? $"{HeldOutTable.E(x.MicroF1)} | {HeldOutTable.E(x.MacroF1)}" : "– | –";

    /// <summary>Agreement, kappa and macro-F1 cells of one task; dashes where it is not compared.</summary>
    private static string Nominal(NominalAgreement? n) =>
        n is { } x ? $"{HeldOutTable.E(x.Observed)} | {K(x.Kappa)} | {HeldOutTable.E(x.MacroF1)}" : "– | – | –";

    /// <summary>The annotators of a file; a long list (a reading split among many readers) shortened to its ends.</summary>
    private static string Annotators(IReadOnlyList<string> names) =>
        names.Count <= 6 ? string.Join(", ", names) : $"{string.Join(", ", names.Take(3))}, …, {names[^1]} ({names.Count})";

    private static string K(double? kappa) => kappa is { } k ? k.ToString("0.000", CultureInfo.InvariantCulture) : "–";
}
