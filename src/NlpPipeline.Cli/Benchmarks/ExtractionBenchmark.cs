using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using NlpPipeline.Ingestion.Fetching;
using NlpPipeline.Ingestion.Pages;

namespace NlpPipeline.Cli.Benchmarks;

/// <summary>Runs the extractor over a folder of pages, timing it on one thread, and reads benchmark JSON files.</summary>
internal static class ExtractionBenchmark
{
    /// <summary>Pages per second of the fastest pass, by the wall clock and by the CPU time the process used.</summary>
    public sealed record Speed(double WallPagesPerSecond, double CpuPagesPerSecond, int Passes);

    /// <summary>
    /// Extracts every page <paramref name="passes"/> times on the calling thread (pages decoded beforehand,
    /// five pages extracted first to warm up the JIT) and keeps the fastest pass: on a shared machine the
    /// fastest pass is the one least slowed by other processes.
    /// </summary>
    public static (Dictionary<string, string> Bodies, Speed Speed) Run(MainTextExtractor extractor, string folder, int passes, CancellationToken ct)
    {
        var pages = HtmlFolder.Read(folder).Select(p => (p.Name, Html: CharsetDecoder.Decode(p.Bytes, null))).ToList();
        var url = new Uri("https://example.invalid/");
        foreach (var (_, html) in pages.Take(5)) extractor.Extract(html, url);
        var bodies = new Dictionary<string, string>(StringComparer.Ordinal);
        double bestWall = double.MaxValue, bestCpu = double.MaxValue;
        using var process = Process.GetCurrentProcess();
        for (var pass = 0; pass < Math.Max(1, passes); pass++)
        {
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            foreach (var (name, html) in pages)
            {
                ct.ThrowIfCancellationRequested();
                bodies[name] = string.Join("\n\n", extractor.Extract(html, url).Paragraphs);
            }
            bestWall = Math.Min(bestWall, clock.Elapsed.TotalSeconds);
            process.Refresh();
            bestCpu = Math.Min(bestCpu, (process.TotalProcessorTime - cpu).TotalSeconds);
        }
        return (bodies, new Speed(pages.Count / Math.Max(0.001, bestWall), pages.Count / Math.Max(0.001, bestCpu), Math.Max(1, passes)));
    }

    /// <summary>
    /// Which half of the benchmark a page falls in, "A" (tuned on) or "B" (held out): the parity of the first
    /// byte of the SHA-256 of its name, so the split is fixed and has nothing to do with the pages' content.
    /// </summary>
    public static string Half(string name) => (SHA256.HashData(Encoding.UTF8.GetBytes(name))[0] & 1) == 0 ? "A" : "B";

    public static Dictionary<string, string> OnlyHalf(IReadOnlyDictionary<string, string> bodies, string half) =>
        bodies.Where(kv => Half(kv.Key) == half).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);

    public static Dictionary<string, string> LoadBodies(string path)
    {
        using var stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
            ? (Stream)new GZipStream(File.OpenRead(path), CompressionMode.Decompress)
            : File.OpenRead(path);
        using var doc = JsonDocument.Parse(stream);
        var root = doc.RootElement;
        if (root.TryGetProperty("output", out var output) && root.TryGetProperty("version", out _)) root = output;
        var bodies = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var page in root.EnumerateObject())
            bodies[page.Name] = page.Value.TryGetProperty("articleBody", out var body) && body.ValueKind == JsonValueKind.String ? body.GetString()! : "";
        return bodies;
    }

    public static void Header(TextWriter w)
    {
        w.WriteLine("| extractor | pages | F1 | precision | recall | exact | F1 half A | F1 half B |");
        w.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- |");
    }

    /// <summary>One table row: the whole set, then F1 on each half.</summary>
    public static void Row(TextWriter w, string name, IReadOnlyDictionary<string, string> truth, IReadOnlyDictionary<string, string> predicted)
    {
        var all = ExtractionScore.Score(truth, predicted);
        var a = ExtractionScore.Score(OnlyHalf(truth, "A"), predicted);
        var b = ExtractionScore.Score(OnlyHalf(truth, "B"), predicted);
        w.WriteLine(string.Format(CultureInfo.InvariantCulture, "| {0} | {1} | {2:0.000} | {3:0.000} | {4:0.000} | {5:0.000} | {6:0.000} ({7}) | {8:0.000} ({9}) |",
            name, all.Pages, all.F1, all.Precision, all.Recall, all.Accuracy, a.F1, a.Pages, b.F1, b.Pages));
    }
}
