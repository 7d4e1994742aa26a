using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using NlpPipeline.Ingestion.Fetching;
using NlpPipeline.Ingestion.Pages;

namespace NlpPipeline.Cli.Benchmarks;

/// <summary>Runs the extractor over a folder of pages, timing it, and reads benchmark JSON files.</summary>
internal static class ExtractionBenchmark
{
    public static (Dictionary<string, string> Bodies, double PagesPerSecond) Run(MainTextExtractor extractor, string folder, CancellationToken ct)
    {
        var pages = HtmlFolder.Read(folder).Select(p => (p.Name, Html: CharsetDecoder.Decode(p.Bytes, null))).ToList();
        foreach (var (_, html) in pages.Take(5)) extractor.Extract(html, new Uri("https://example.invalid/"));   // JIT warm-up
        var bodies = new Dictionary<string, string>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        foreach (var (name, html) in pages)
        {
            ct.ThrowIfCancellationRequested();
            bodies[name] = string.Join("\n\n", extractor.Extract(html, new Uri("https://example.invalid/")).Paragraphs);
        }
        return (bodies, pages.Count / Math.Max(0.001, clock.Elapsed.TotalSeconds));
    }

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

    public static void Row(TextWriter w, string name, ExtractionScore.Result r, double? pagesPerSecond) =>
        w.WriteLine(string.Format(CultureInfo.InvariantCulture, "| {0} | {1} | {2:0.000} | {3:0.000} | {4:0.000} | {5:0.000} | {6} |",
            name, r.Pages, r.F1, r.Precision, r.Recall, r.Accuracy, pagesPerSecond is { } s ? s.ToString("0", CultureInfo.InvariantCulture) : "–"));
}
