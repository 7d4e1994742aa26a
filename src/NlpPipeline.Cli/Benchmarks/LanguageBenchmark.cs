using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using NlpPipeline.Classification.Evaluation;
using NlpPipeline.Core.Labels;
using NlpPipeline.Core.Text;

namespace NlpPipeline.Cli.Benchmarks;

/// <summary>
/// Scores language identifiers on a labelled test file (JSON Lines: id, text, language, script) by
/// length bucket and script, with per-label F1, and measures throughput on short texts.
/// </summary>
internal static class LanguageBenchmark
{
    public const int ShortLength = 40;

    public sealed record Item(string Text, Language Language, string Script);

    public static IReadOnlyList<Item> Load(string path)
    {
        var items = new List<Item>();
        var lineNo = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNo++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            try
            {
                using var doc = JsonDocument.Parse(line);
                var r = doc.RootElement;
                var language = LabelNames.Languages.Parse(r.GetProperty("language").GetString()!);
                items.Add(new Item(r.GetProperty("text").GetString()!, language,
                    r.TryGetProperty("script", out var s) ? s.GetString() ?? "" : ""));
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or FormatException or InvalidOperationException)
            {
                throw new FormatException($"{path}:{lineNo}: {ex.Message}", ex);
            }
        }
        return items;
    }

    public static void Score(TextWriter w, string name, ILanguageIdentifier identifier, IReadOnlyList<Item> items)
    {
        var predicted = items.Select(i => identifier.Guess(i.Text).Language).ToList();
        double Accuracy(Func<Item, bool> where)
        {
            var idx = Enumerable.Range(0, items.Count).Where(i => where(items[i])).ToList();
            return idx.Count == 0 ? double.NaN : idx.Count(i => predicted[i] == items[i].Language) / (double)idx.Count;
        }
        var main = new[] { Language.Kazakh, Language.Russian, Language.English };
        var f1 = Scorer.Multiclass(items.Select(i => i.Language.ToWire()).ToList(), predicted.Select(p => p.ToWire()).ToList(), LabelNames.Languages.Names);
        w.WriteLine(string.Format(CultureInfo.InvariantCulture,
            "| {0} | {1:P1} | {2:P1} | {3:P1} | {4:P1} | {5:0.000} | {6:0.000} |",
            name, Accuracy(i => main.Contains(i.Language) && i.Text.Length > ShortLength),
            Accuracy(i => main.Contains(i.Language) && i.Text.Length <= ShortLength),
            Accuracy(i => i.Language == Language.Kazakh && i.Script == "latin"),
            Accuracy(_ => true), f1.PerLabel["mixed"].F1, f1.PerLabel["other"].F1));
    }

    public static void Header(TextWriter w)
    {
        w.WriteLine($"| identifier | kk/ru/en > {ShortLength} chars | kk/ru/en ≤ {ShortLength} chars | Latin-script kk | all labels | mixed F1 | other F1 |");
        w.WriteLine("| --- | --- | --- | --- | --- | --- | --- |");
    }

    /// <summary>
    /// Texts per second (wall clock) over the given texts, repeated for about <paramref name="seconds"/>, on
    /// <paramref name="threads"/> threads; and texts per second of the process's CPU time in that run, which other
    /// processes on a busy machine affect far less (on idle cores, wall throughput approaches it times the threads).
    /// </summary>
    public static (double Wall, double PerCpuSecond) Throughput(ILanguageIdentifier identifier, IReadOnlyList<string> texts, int threads, double seconds)
    {
        foreach (var t in texts.Take(200)) identifier.Guess(t);   // warm-up: JIT and lazy model loading
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        long done = 0;
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, _ =>
        {
            long local = 0;
            while (clock.Elapsed.TotalSeconds < seconds)
            {
                foreach (var t in texts) identifier.Guess(t);
                local += texts.Count;
            }
            Interlocked.Add(ref done, local);
        });
        var wall = clock.Elapsed.TotalSeconds;
        process.Refresh();
        return (done / wall, done / (process.TotalProcessorTime - cpu).TotalSeconds);
    }
}
