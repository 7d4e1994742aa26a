using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AngleSharp.Html.Parser;
using NlpPipeline.Ingestion.Fetching;
using NlpPipeline.Ingestion.Pages;

namespace NlpPipeline.Cli.Benchmarks;

/// <summary>Runs the extractor over a folder of pages, timing it on one thread, and reads benchmark JSON files.</summary>
internal static class ExtractionBenchmark
{
    /// <summary>Pages per second of the fastest pass: the whole extraction, and AngleSharp parsing alone.</summary>
    public sealed record Speed(double ExtractionPagesPerSecond, double ParsePagesPerSecond, int Passes);

    /// <summary>
    /// Extracts every page on the calling thread (pages decoded beforehand, one untimed pass first so the JIT
    /// has compiled and optimised the hot code), then times <paramref name="passes"/> passes in which each page
    /// is parsed alone with the extractor's parser options and then extracted. Parsing alone is the ceiling for
    /// any extraction on that parser; timing the two side by side, page by page, keeps their ratio fair when
    /// other processes load the machine unevenly. The fastest pass of each is reported, the one least slowed
    /// by other processes.
    /// </summary>
    public static (Dictionary<string, string> Bodies, Speed Speed) Run(MainTextExtractor extractor, string folder, int passes, CancellationToken ct)
    {
        var pages = HtmlFolder.Read(folder).Select(p => (p.Name, Html: CharsetDecoder.Decode(p.Bytes, null))).ToList();
        var url = new Uri("https://example.invalid/");
        var parser = new HtmlParser(MainTextExtractor.ParserOptions);
        var bodies = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, html) in pages)
        {
            parser.ParseDocument(html);
            bodies[name] = string.Join("\n\n", extractor.Extract(html, url).Paragraphs);
        }
        double bestExtract = double.MaxValue, bestParse = double.MaxValue;
        var clock = new Stopwatch();
        for (var pass = 0; pass < Math.Max(1, passes); pass++)
        {
            TimeSpan extract = TimeSpan.Zero, parse = TimeSpan.Zero;
            foreach (var (_, html) in pages)
            {
                ct.ThrowIfCancellationRequested();
                clock.Restart();
                parser.ParseDocument(html);
                parse += clock.Elapsed;
                clock.Restart();
                extractor.Extract(html, url);
                extract += clock.Elapsed;
            }
            bestExtract = Math.Min(bestExtract, extract.TotalSeconds);
            bestParse = Math.Min(bestParse, parse.TotalSeconds);
        }
        return (bodies, new Speed(pages.Count / Math.Max(0.001, bestExtract), pages.Count / Math.Max(0.001, bestParse), Math.Max(1, passes)));
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
        w.WriteLine("| extractor | pages | F1 | precision | recall | exact |");
        w.WriteLine("| --- | --- | --- | --- | --- | --- |");
    }

    /// <summary>Three table rows: all pages, then half A and half B.</summary>
    public static void Rows(TextWriter w, string name, IReadOnlyDictionary<string, string> truth, IReadOnlyDictionary<string, string> predicted)
    {
        Row(w, name, ExtractionScore.Score(truth, predicted));
        Row(w, name + ", half A", ExtractionScore.Score(OnlyHalf(truth, "A"), predicted));
        Row(w, name + ", half B", ExtractionScore.Score(OnlyHalf(truth, "B"), predicted));
    }

    private static void Row(TextWriter w, string name, ExtractionScore.Result r) =>
        w.WriteLine(string.Format(CultureInfo.InvariantCulture, "| {0} | {1} | {2:0.000} | {3:0.000} | {4:0.000} | {5:0.000} |",
            name, r.Pages, r.F1, r.Precision, r.Recall, r.Accuracy));
}
