using System.Diagnostics;
using System.Globalization;
using NlpPipeline.Ingestion.Feeds;
using NlpPipeline.Ingestion.Fetching;

namespace NlpPipeline.Cli.Benchmarks;

/// <summary>
/// Runs <see cref="FeedParser.Read"/> over every *.xml file of the feed-parser test suite, one file at a
/// time under a timeout, and scores it against each file's own expectations (<see cref="FeedCase"/>).
/// </summary>
internal static class FeedBenchmark
{
    public enum Verdict { Pass, Fail, Crash, Hang }

    /// <summary>One file's result; <see cref="TitleAgrees"/> is null when the file states no simple entry title.</summary>
    public sealed record Outcome(FeedCase Case, Verdict Verdict, string Detail, int Items, double Seconds, bool? TitleAgrees = null);

    private static readonly Uri BaseUrl = new("https://feeds.example.invalid/feed.xml");

    public static IReadOnlyList<FeedCase> Load(string folder)
    {
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"Feed benchmark folder not found: {folder} (pass --dir DIR; the suite lives in ../shared/benchmarks/feeds)");
        return Directory.EnumerateFiles(folder, "*.xml", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(p => FeedCase.Load(folder, p))
            .ToList();
    }

    public static IReadOnlyList<Outcome> Run(IReadOnlyList<FeedCase> cases, TimeSpan timeout, CancellationToken ct)
    {
        foreach (var c in cases.Take(50)) Attempt(c);   // JIT warm-up
        var outcomes = new List<Outcome>(cases.Count);
        foreach (var c in cases)
        {
            ct.ThrowIfCancellationRequested();
            var task = Task.Run(() => Attempt(c), ct);
            outcomes.Add(task.Wait(timeout, ct) ? Score(c, task.Result) : new Outcome(c, Verdict.Hang, $"no result within {timeout.TotalSeconds:0} s", 0, timeout.TotalSeconds));
        }
        return outcomes;
    }

    /// <summary>
    /// Parsing speed on one core: every file that parsed, read <paramref name="repeat"/> times in a row
    /// (no timeout wrapper); the median pass gives items/s and files/s.
    /// </summary>
    public static (double ItemsPerSecond, double FilesPerSecond, int Items, int Files) Throughput(IReadOnlyList<Outcome> outcomes, int repeat, CancellationToken ct)
    {
        var cases = outcomes.Where(o => o.Verdict != Verdict.Hang).Select(o => o.Case).ToList();
        var items = outcomes.Where(o => o.Verdict != Verdict.Hang).Sum(o => o.Items);
        var passes = new List<double>();
        for (var r = 0; r < repeat; r++)
        {
            var clock = Stopwatch.StartNew();
            foreach (var c in cases)
            {
                ct.ThrowIfCancellationRequested();
                Attempt(c);
            }
            passes.Add(clock.Elapsed.TotalSeconds);
        }
        var median = passes.Order().ElementAt(passes.Count / 2);
        return (items / median, cases.Count / median, items, cases.Count);
    }

    private sealed record Attempted(FeedDocument? Document, Exception? Error, double Seconds);

    private static Attempted Attempt(FeedCase c)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            var document = FeedParser.Read(c.Bytes, c.HttpCharset, BaseUrl);
            return new(document, null, clock.Elapsed.TotalSeconds);
        }
        catch (Exception ex)
        {
            return new(null, ex, clock.Elapsed.TotalSeconds);
        }
    }

    private static Outcome Score(FeedCase c, Attempted a)
    {
        if (a.Error is FeedFormatException refused)
            return new(c, c.WellFormed ? Verdict.Fail : Verdict.Pass, $"refused as {refused.Problem}: {refused.Message}", 0, a.Seconds);
        if (a.Error is { } crash)
            return new(c, Verdict.Crash, $"{crash.GetType().Name}: {crash.Message}", 0, a.Seconds);
        var d = a.Document!;
        var problems = new List<string>();
        if (c.WellFormed && d.Items.Count != c.Entries) problems.Add($"{d.Items.Count} entries, expected {c.Entries}");
        if (c.FeedTitle is { } title && d.Title != title) problems.Add($"title {Show(d.Title)}, expected {Show(title)}");
        if (c.Encoding is { } encoding && !SameText(c.Bytes, encoding, d.Encoding)) problems.Add($"read as {d.Encoding}, expected {encoding}");
        var verdict = problems.Count == 0 || !c.WellFormed && !c.Cyrillic ? Verdict.Pass : Verdict.Fail;
        bool? titleAgrees = c.EntryTitle is var (index, entryTitle) ? index < d.Items.Count && d.Items[index].Title == entryTitle : null;
        var detail = string.Join("; ", problems);
        if (titleAgrees == false && detail.Length == 0)
            detail = $"entry title {Show(c.EntryTitle!.Value.Index < d.Items.Count ? d.Items[c.EntryTitle.Value.Index].Title : null)}, the suite states {Show(c.EntryTitle.Value.Title)}";
        return new(c, verdict, detail, d.Items.Count, a.Seconds, titleAgrees);
    }

    /// <summary>Whether reading the bytes as <paramref name="expected"/> gives the text we read (us-ascii vs utf-8 on ASCII bytes does).</summary>
    private static bool SameText(byte[] bytes, string expected, string used) =>
        CharsetNames.Resolve(expected) is { } e && CharsetNames.Resolve(used) is { } u && e.GetString(bytes) == u.GetString(bytes);

    private static string Show(string? s) => s is null ? "none" : "'" + string.Concat(s.Select(ch => ch < 0x7F && ch >= 0x20 ? ch.ToString() : $"\\u{(int)ch:x4}")) + "'";

    public static void Report(TextWriter w, string folder, IReadOnlyList<Outcome> outcomes, (double ItemsPerSecond, double FilesPerSecond, int Items, int Files) speed, int repeat, bool listFailures)
    {
        w.WriteLine($"Feed parsing on {folder}: {outcomes.Count} files");
        w.WriteLine();
        w.WriteLine("| set | files | pass | share | crash | hang |");
        w.WriteLine("| --- | --- | --- | --- | --- | --- |");
        Row(w, "well-formed (Expect: not bozo)", outcomes.Where(o => o.Case.WellFormed).ToList());
        Row(w, "Cyrillic encoding cases", outcomes.Where(o => o.Case.Cyrillic).ToList());
        Row(w, "ill-formed (bozo; no crash or hang)", outcomes.Where(o => !o.Case.WellFormed && o.Case.Expect is not null).ToList());
        Row(w, "no stated expectation (no crash or hang)", outcomes.Where(o => o.Case.Expect is null).ToList());
        Row(w, "all", outcomes);
        w.WriteLine();
        w.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0:N0} items from {1:N0} files; one core, median of {2} passes: {3:N0} items/s, {4:N0} files/s",
            speed.Items, speed.Files, repeat, speed.ItemsPerSecond, speed.FilesPerSecond));
        var withEntries = outcomes.Where(o => o.Case.WellFormed && o.Case.Entries > 0).ToList();
        w.WriteLine($"Well-formed files with entries: {withEntries.Count} ({withEntries.Sum(o => o.Case.Entries)} entries expected, {withEntries.Sum(o => o.Items)} read); " +
            $"Cyrillic cases: {string.Join(", ", outcomes.Where(o => o.Case.Cyrillic).Select(o => Path.GetFileNameWithoutExtension(o.Case.Name)))}.");
        var titled = outcomes.Where(o => o.TitleAgrees is not null).ToList();
        w.WriteLine($"Not scored, for information: entry titles equal to the suite's stated one in {titled.Count(o => o.TitleAgrees == true)} of {titled.Count} files " +
            "(feedparser also sanitises HTML and resolves relative links inside titles; our pipeline strips markup later, in text extraction).");
        var recovered = outcomes.Count(o => o.Detail.Length == 0 && o.Verdict == Verdict.Pass && !o.Case.WellFormed && o.Items > 0);
        w.WriteLine($"Ill-formed files read by the tolerant reader with entries: {recovered}; refused as malformed or not a feed: " +
            $"{outcomes.Count(o => !o.Case.WellFormed && o.Detail.StartsWith("refused", StringComparison.Ordinal))}.");
        var shown = outcomes.Where(o => o.Verdict != Verdict.Pass).ToList();
        if (listFailures && titled.Any(o => o.TitleAgrees == false))
        {
            w.WriteLine();
            w.WriteLine("Entry titles that differ (not scored):");
            foreach (var o in titled.Where(o => o.TitleAgrees == false)) w.WriteLine($"  {o.Case.Name}: {o.Detail}");
        }
        if (shown.Count == 0) return;
        w.WriteLine();
        w.WriteLine(listFailures ? "Not passed:" : $"{shown.Count} file(s) not passed; --list shows them.");
        if (!listFailures) return;
        foreach (var o in shown) w.WriteLine($"  {o.Verdict,-5} {o.Case.Name}: {o.Detail}");
    }

    private static void Row(TextWriter w, string name, IReadOnlyList<Outcome> set)
    {
        if (set.Count == 0) return;
        var pass = set.Count(o => o.Verdict == Verdict.Pass);
        w.WriteLine(string.Format(CultureInfo.InvariantCulture, "| {0} | {1} | {2} | {3:0.00} % | {4} | {5} |",
            name, set.Count, pass, 100.0 * pass / set.Count, set.Count(o => o.Verdict == Verdict.Crash), set.Count(o => o.Verdict == Verdict.Hang)));
    }
}
