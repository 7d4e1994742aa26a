using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using NlpPipeline.Core.Domain;
using NlpPipeline.Core.Labels;
using NlpPipeline.Core.Text;
using NlpPipeline.Storage;

namespace NlpPipeline.Cli.Benchmarks;

/// <summary>
/// bench duplicates: how the cost of storing a document (exact hash, band lookup, exact check of candidates,
/// insert) changes as the store grows, and whether planted near-copies are found. Texts are synthetic: words
/// drawn with their frequencies from the annotated corpus, each "site" adding its own fixed footer, so
/// unrelated texts share common words and furniture as real ones do. Seeded, so reruns store the same texts.
/// </summary>
internal static class DuplicateBenchmark
{
    private const int Sites = 20;

    public static void Run(TextWriter w, string corpusDir, int documents, int copies, int seed, CancellationToken ct)
    {
        var vocabulary = Vocabulary(corpusDir);
        var random = new Random(seed);
        var footers = Enumerable.Range(0, Sites).Select(_ => Words(vocabulary, random, 25)).ToArray();
        var dir = Path.Combine(Path.GetTempPath(), "nlp-bench-dup-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            using var db = NlpDatabase.Open(Path.Combine(dir, "bench.db"));
            var runs = new RunStore(db);
            for (var s = 0; s < Sites; s++)
                runs.UpsertSource(new Source($"site{s}", $"Site {s}", SourceType.Feed, new Uri($"https://site{s}.example/feed"), null, SourceKind.News));
            var store = new DocumentStore(db);
            var texts = new List<string[]>();
            w.WriteLine($"Vocabulary: {vocabulary.Length:N0} word tokens from {corpusDir}; {Sites} sites; seed {seed}");
            w.WriteLine();
            w.WriteLine("| stored before | documents timed | documents/s | new | duplicates found |");
            w.WriteLine("| --- | --- | --- | --- | --- |");
            var block = Math.Max(1, documents / 10);
            for (var start = 0; start < documents; start += block)
            {
                ct.ThrowIfCancellationRequested();
                var n = Math.Min(block, documents - start);
                var watch = Stopwatch.StartNew();
                var duplicates = 0;
                for (var i = start; i < start + n; i++)
                {
                    var site = i % Sites;
                    var body = Words(vocabulary, random, random.Next(120, 400));
                    texts.Add(body);
                    var outcome = Save(store, $"https://site{site}.example/news/{i}", site, [.. body, .. footers[site]]);
                    if (outcome.Status == SaveStatus.Duplicate) duplicates++;
                }
                watch.Stop();
                w.WriteLine(string.Format(CultureInfo.InvariantCulture, "| {0:N0} | {1:N0} | {2:N0} | {3:N0} | {4} |",
                    start, n, n / watch.Elapsed.TotalSeconds, n - duplicates, duplicates));
            }
            Copies(w, store, texts, footers, vocabulary, random, copies, documents);
        }
        finally
        {
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>Plants near-copies (one 20-word stretch rewritten, another site's footer and a credit line) and fresh texts.</summary>
    private static void Copies(TextWriter w, DocumentStore store, List<string[]> texts, string[][] footers, string[] vocabulary, Random random, int copies, int offset)
    {
        int found = 0, wrong = 0, falseAlarms = 0;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < copies; i++)
        {
            var original = random.Next(texts.Count);
            var body = texts[original].ToArray();
            var at = random.Next(Math.Max(1, body.Length - 20));
            Words(vocabulary, random, 20).CopyTo(body, Math.Min(at, Math.Max(0, body.Length - 20)));
            var site = (original + 1 + random.Next(Sites - 1)) % Sites;
            var outcome = Save(store, $"https://site{site}.example/copy/{i}", site, ["reprinted", "from", "site", .. body, .. footers[site]]);
            if (outcome.Status != SaveStatus.Duplicate) continue;
            if (outcome.Kind == DuplicateKind.Near) found++; else wrong++;
        }
        for (var i = 0; i < copies; i++)
        {
            var site = i % Sites;
            var outcome = Save(store, $"https://site{site}.example/fresh/{i}", site, [.. Words(vocabulary, random, random.Next(120, 400)), .. footers[site]]);
            if (outcome.Status == SaveStatus.Duplicate) falseAlarms++;
        }
        watch.Stop();
        w.WriteLine();
        w.WriteLine(string.Format(CultureInfo.InvariantCulture,
            "Planted near-copies after {0:N0} stored: {1} of {2} found as near duplicates ({3} matched exactly), {4} of {2} fresh texts wrongly flagged; {5:N0} documents/s.",
            offset, found, copies, wrong, falseAlarms, 2 * copies / watch.Elapsed.TotalSeconds));
    }

    private static SaveOutcome Save(DocumentStore store, string url, int site, string[] words)
    {
        var paragraphs = words.Chunk(60).Select(c => string.Join(' ', c) + ".").ToList();
        var document = new Document(new Uri(url), new Uri(url), $"site{site}", DateTimeOffset.UnixEpoch.AddYears(52), null, null, paragraphs);
        return store.Save(document, [new Passage(0, paragraphs[0], Language.Russian, 1)], new LanguageGuess(Language.Russian, 1), null);
    }

    private static string[] Words(string[] vocabulary, Random random, int n) =>
        Enumerable.Range(0, n).Select(_ => vocabulary[random.Next(vocabulary.Length)]).ToArray();

    /// <summary>Every word token of the corpus texts, repeats kept, so drawing uniformly from it follows word frequencies.</summary>
    private static string[] Vocabulary(string corpusDir)
    {
        var words = new List<string>();
        foreach (var file in Directory.EnumerateFiles(corpusDir, "*.jsonl").Order(StringComparer.Ordinal))
            foreach (var line in File.ReadLines(file))
            {
                if (string.IsNullOrWhiteSpace(line)) continue;
                using var doc = JsonDocument.Parse(line);
                if (doc.RootElement.TryGetProperty("text", out var t) && t.GetString() is { } text)
                    words.AddRange(text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(x => x.Trim('.', ',', '!', '?', '"', '«', '»', '(', ')')).Where(x => x.Length > 0));
            }
        if (words.Count < 1000) throw new UsageException($"{corpusDir} has too few words ({words.Count}) to draw benchmark texts from.");
        return [.. words];
    }
}
