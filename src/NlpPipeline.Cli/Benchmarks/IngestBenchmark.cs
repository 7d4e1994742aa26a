using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace NlpPipeline.Cli.Benchmarks;

/// <summary>
/// A nightly ingest at scale, for real: <see cref="LoopbackSite"/> serves <c>items</c> synthetic articles
/// (<see cref="SyntheticArticles"/>) from RSS feeds of <c>perFeed</c> items spread over <c>hosts</c> virtual
/// outlets, and the ordinary <c>nlp ingest</c> (politeness interval 0: it is our own loopback server) fetches,
/// extracts, splits, identifies languages, deduplicates and stores them; then <c>nlp classify</c> labels the
/// passages. Reports items/s per phase, the database size and the process's peak resident memory (VmHWM),
/// with resident memory sampled along the way so growth shows. The server shares the process and the cores,
/// so the rates are lower bounds.
/// </summary>
internal static class IngestBenchmark
{
    public sealed record Options(int Items, int PerFeed, int Hosts, int ParallelHosts, string Db, string? Model, bool Classify);

    public static async Task<int> RunAsync(Options o, TextWriter output, TextWriter error, CancellationToken ct)
    {
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            if (File.Exists(o.Db + suffix)) File.Delete(o.Db + suffix);
        var feeds = (o.Items + o.PerFeed - 1) / o.PerFeed;
        string Host(int feed) => $"outlet{feed % o.Hosts}.bench.test";
        string Link(int item) => $"http://{Host(item / o.PerFeed)}/news/{item}.html";
        await using var site = new LoopbackSite((host, path) => Respond(path, o, feeds, Link));
        var sourcesFile = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(o.Db))!, "bench-ingest.sources.json");
        await File.WriteAllTextAsync(sourcesFile, JsonSerializer.Serialize(new
        {
            fetch = new { per_host_interval_seconds = 0, max_parallel_hosts = o.ParallelHosts, timeout_seconds = 60 },
            sources = Enumerable.Range(0, feeds).Select(f => new { id = $"bench-{f}", outlet = $"Outlet {f % o.Hosts}", kind = "feed", url = $"http://{Host(f)}/feed-{f}.xml" }),
        }), ct);
        var env = new AppEnvironment(TimeProvider.System, site.CreateHandler());
        var samples = new List<(TimeSpan At, long Rss)>();
        var clock = Stopwatch.StartNew();
        using var sampler = new Timer(_ => { lock (samples) samples.Add((clock.Elapsed, Environment.WorkingSet)); }, null, TimeSpan.Zero, TimeSpan.FromSeconds(10));

        output.WriteLine($"Ingest benchmark: {o.Items:N0} items in {feeds} feeds of up to {o.PerFeed} on {o.Hosts} loopback hosts ({o.ParallelHosts} in parallel), politeness interval 0");
        var ingestOut = new StringWriter();
        var ingestTime = Stopwatch.StartNew();
        var ingest = await NlpApp.RunAsync(["ingest", "--sources", sourcesFile, "--db", o.Db, "--no-classify", "--quiet"], ingestOut, error, env, ct);
        ingestTime.Stop();
        if (ingest != ExitCodes.Ok) { await error.WriteLineAsync(ingestOut.ToString()); return ingest; }
        var afterIngest = PeakRss();
        var (documents, passages) = Counts(o.Db);
        output.WriteLine(string.Format(CultureInfo.InvariantCulture, "  ingest (fetch, extract, split, language, dedup, store): {0:N0} documents, {1:N0} passages in {2:N1} s = {3:N0} items/s, {4:N0} passages/s",
            documents, passages, ingestTime.Elapsed.TotalSeconds, documents / ingestTime.Elapsed.TotalSeconds, passages / ingestTime.Elapsed.TotalSeconds));
        output.WriteLine($"  requests served: {site.Requests:N0}; peak memory so far {afterIngest / 1048576.0:N0} MB");
        if (o.Classify)
        {
            var classifyTime = Stopwatch.StartNew();
            var args = new List<string> { "classify", "--db", o.Db, "--quiet" };
            if (o.Model is { } m) args.AddRange(["--model", m]);
            var classifyOut = new StringWriter();
            var classify = await NlpApp.RunAsync([.. args], classifyOut, error, env, ct);
            classifyTime.Stop();
            if (classify != ExitCodes.Ok) return classify;
            output.WriteLine(string.Format(CultureInfo.InvariantCulture, "  classify: {0:N0} passages in {1:N1} s = {2:N0} passages/s",
                passages, classifyTime.Elapsed.TotalSeconds, passages / classifyTime.Elapsed.TotalSeconds));
            output.WriteLine(string.Format(CultureInfo.InvariantCulture, "  nightly run (ingest + classify): {0:N1} s = {1:N0} items/s",
                (ingestTime.Elapsed + classifyTime.Elapsed).TotalSeconds, documents / (ingestTime.Elapsed + classifyTime.Elapsed).TotalSeconds));
        }
        var size = new[] { "", "-wal" }.Select(s => new FileInfo(o.Db + s)).Where(f => f.Exists).Sum(f => f.Length);
        output.WriteLine(string.Format(CultureInfo.InvariantCulture, "  database: {0:N1} MB ({1:N0} bytes per passage)", size / 1048576.0, passages == 0 ? 0 : size / passages));
        output.WriteLine(string.Format(CultureInfo.InvariantCulture, "  PEAK memory (VmHWM, whole process incl. the loopback server): {0:N0} MB (target < 400 MB)", PeakRss() / 1048576.0));
        lock (samples)
        {
            var shown = samples.Where((_, i) => i % Math.Max(1, samples.Count / 12) == 0).ToList();
            output.WriteLine("  resident memory along the run: " + string.Join(", ", shown.Select(s => string.Format(CultureInfo.InvariantCulture, "{0:N0}s {1:N0} MB", s.At.TotalSeconds, s.Rss / 1048576.0))));
        }
        return ExitCodes.Ok;
    }

    private static LoopbackSite.Response Respond(string path, Options o, int feeds, Func<int, string> link)
    {
        if (path.StartsWith("/news/", StringComparison.Ordinal) && path.EndsWith(".html", StringComparison.Ordinal)
            && int.TryParse(path.AsSpan(6, path.Length - 11), NumberStyles.None, CultureInfo.InvariantCulture, out var item) && item < o.Items)
            return new(200, "text/html; charset=utf-8", Encoding.UTF8.GetBytes(SyntheticArticles.Page(item, link)));
        if (path.StartsWith("/feed-", StringComparison.Ordinal) && path.EndsWith(".xml", StringComparison.Ordinal)
            && int.TryParse(path.AsSpan(6, path.Length - 10), NumberStyles.None, CultureInfo.InvariantCulture, out var feed) && feed < feeds)
        {
            var items = Enumerable.Range(feed * o.PerFeed, Math.Min(o.PerFeed, o.Items - feed * o.PerFeed));
            return new(200, "application/rss+xml; charset=utf-8", Encoding.UTF8.GetBytes(SyntheticArticles.Feed($"Outlet feed {feed}", link(feed * o.PerFeed), items, link)));
        }
        return new(404, "text/plain", Encoding.ASCII.GetBytes("not found"));
    }

    private static (long Documents, long Passages) Counts(string db)
    {
        using var store = Storage.NlpDatabase.Open(db);
        return new Storage.DocumentStore(store).Counts();
    }

    /// <summary>Peak resident set size of this process: VmHWM on Linux, else the runtime's peak working set.</summary>
    public static long PeakRss()
    {
        if (File.Exists("/proc/self/status"))
            foreach (var line in File.ReadLines("/proc/self/status"))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
        using var self = Process.GetCurrentProcess();
        return self.PeakWorkingSet64;
    }
}
