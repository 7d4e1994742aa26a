using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using NlpPipeline.Cli.Pipeline;
using NlpPipeline.Core.Analysis;
using NlpPipeline.Core.Export;
using NlpPipeline.Storage;
using NlpPipeline.Storage.Search;

namespace NlpPipeline.Cli.Benchmarks;

/// <summary>
/// nlp bench store: fills a store with <see cref="LoadGenerator"/> (or reuses one it filled before), then times the
/// weekly report over all weeks, broken down by outlet, and the event report, as the commands build them (series
/// from the weekly aggregates, written as CSV to nowhere). Each is run once cold and then <c>Repeats</c> times;
/// the median of the repeats is the figure.
/// </summary>
internal static class StoreBenchmark
{
    private const int Repeats = 5;

    public static async Task RunAsync(TextWriter w, NlpDatabase db, LoadOptions options, string eventName, bool scan, Action<string> progress, CancellationToken ct)
    {
        // The event first: a fill of millions of passages must not end in "no such event".
        var events = new EventStore(db);
        if (!events.All().Any(e => e.Name == eventName) && File.Exists(NlpPaths.DefaultEvents))
            events.Upsert(EventsFile.Load(NlpPaths.DefaultEvents));
        WeeklyReportRunner.FindEvent(eventName, events.All());
        var existing = new DocumentStore(db).Counts();
        if (existing.Passages == 0)
        {
            progress($"Filling {db.Path} with {options.Passages:N0} synthetic passages through DocumentStore and PredictionStore");
            var fill = new LoadGenerator(db, options, progress).Fill(ct);
            w.WriteLine(string.Format(CultureInfo.InvariantCulture, "Filled: {0:N0} documents, {1:N0} passages in {2:0.0} s: {3:N0} passages/s (documents, passages, duplicate detection, predictions and weekly aggregates{4})",
                fill.Documents, fill.Passages, fill.Elapsed.TotalSeconds, fill.PassagesPerSecond, options.IndexForSearch ? ", search index" : "; not indexed for search"));
            w.WriteLine(string.Format(CultureInfo.InvariantCulture, "  store insert (documents and passages with duplicate detection): {0:0.0} s, {1:N0} passages/s; process CPU {2:0.0} s ({3:N0} passages per CPU-second), of which the writing thread {4:0.0} s",
                fill.StoringDocuments.TotalSeconds, fill.StoredPassagesPerSecond, fill.StoringDocumentsCpu.TotalSeconds,
                fill.Passages / Math.Max(fill.StoringDocumentsCpu.TotalSeconds, 1e-9), fill.StoringDocumentsWriterCpu.TotalSeconds));
            w.WriteLine(options.IndexForSearch
                ? string.Format(CultureInfo.InvariantCulture, "  predictions with weekly aggregates {0:0.0} s ({1:N0} passages/s), CPU {5:0.0} s; search indexing afterwards {2:0.0} s ({3:N0} passages/s), CPU {6:0.0} s; generating text and labels {4:0.0} s",
                    fill.StoringPredictions.TotalSeconds, fill.Passages / Math.Max(fill.StoringPredictions.TotalSeconds, 1e-9), fill.Indexing.TotalSeconds, fill.IndexedPassagesPerSecond, fill.Generating.TotalSeconds,
                    fill.StoringPredictionsCpu.TotalSeconds, fill.IndexingCpu.TotalSeconds)
                : string.Format(CultureInfo.InvariantCulture, "  predictions with weekly aggregates {0:0.0} s ({1:N0} passages/s), CPU {4:0.0} s; search indexing skipped (--no-index): {2:N0} passages wait in passage_search_pending, indexed by the first search or `nlp db index`; generating text and labels {3:0.0} s",
                    fill.StoringPredictions.TotalSeconds, fill.Passages / Math.Max(fill.StoringPredictions.TotalSeconds, 1e-9), new PassageSearchIndex(db).Pending(), fill.Generating.TotalSeconds, fill.StoringPredictionsCpu.TotalSeconds));
        }
        else
        {
            w.WriteLine(string.Format(CultureInfo.InvariantCulture, "Reusing {0}: {1:N0} documents, {2:N0} passages (not filled again)", db.Path, existing.Documents, existing.Passages));
        }
        w.WriteLine(string.Format(CultureInfo.InvariantCulture, "Database size: {0:N0} MB ({1})", DatabaseBytes(db.Path) / 1e6, db.Path));
        var runner = new WeeklyReportRunner(NullLogger<WeeklyReportRunner>.Instance);
        w.WriteLine();
        w.WriteLine("| report | weeks × groups | first run (s) | median of 5 (s) | CPU per run, median (s) |");
        w.WriteLine("| --- | ---: | ---: | ---: | ---: |");
        await TimeAsync(w, "weekly, all weeks", () => Weekly(runner, db, SeriesGrouping.None, ct));
        await TimeAsync(w, "weekly, all weeks, --by outlet", () => Weekly(runner, db, SeriesGrouping.Outlet, ct));
        await TimeAsync(w, "weekly, all weeks, --by language", () => Weekly(runner, db, SeriesGrouping.Language, ct));
        await TimeAsync(w, $"event \"{eventName}\", 4 weeks before/after", () => Event(runner, db, eventName, ct));
        if (scan)
            await TimeAsync(w, "weekly, all weeks, full scan (--time-zone Etc/GMT-5, for comparison)", () => Weekly(runner, db, SeriesGrouping.None, ct, "Etc/GMT-5"), once: true);
    }

    private static async Task<int> Weekly(WeeklyReportRunner runner, NlpDatabase db, SeriesGrouping by, CancellationToken ct, string? zone = null)
    {
        var request = new WeeklyReportRequest(null, null, null, 0, 0, null, ReportFormat.Csv, null, By: by, TimeZone: zone);
        var series = (await runner.BuildAsync(db, request, ct)).Series;
        await WeeklyReportWriter.WriteAsync(TextWriter.Null, series, ReportFormat.Csv);
        return series.Rows.Count;
    }

    private static async Task<int> Event(WeeklyReportRunner runner, NlpDatabase db, string name, CancellationToken ct)
    {
        var request = new WeeklyReportRequest(null, null, name, 4, 4, null, ReportFormat.Csv, null);
        var (series, ev, _) = await runner.BuildAsync(db, request, ct);
        var windows = EventWindows.Around(ev!, 4, 4);
        await EventReportWriter.WriteAsync(TextWriter.Null, series, windows, EventComparison.Compare(series.Rows, windows), ReportFormat.Table);
        return series.Rows.Count;
    }

    /// <summary>Wall time (the target) and this process's CPU time (what a busy shared machine does not inflate).</summary>
    private static async Task TimeAsync(TextWriter w, string name, Func<Task<int>> run, bool once = false)
    {
        var process = Process.GetCurrentProcess();
        var clock = Stopwatch.StartNew();
        var rows = await run();
        var first = clock.Elapsed.TotalSeconds;
        var times = new List<double>();
        var cpu = new List<double>();
        for (var i = 0; i < (once ? 0 : Repeats); i++)
        {
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            clock.Restart();
            await run();
            times.Add(clock.Elapsed.TotalSeconds);
            process.Refresh();
            cpu.Add((process.TotalProcessorTime - cpuBefore).TotalSeconds);
        }
        string Median(List<double> xs) => xs.Count == 0 ? "" : xs.Order().ElementAt(xs.Count / 2).ToString("0.000", CultureInfo.InvariantCulture);
        w.WriteLine(string.Format(CultureInfo.InvariantCulture, "| {0} | {1:N0} | {2:0.000} | {3} | {4} |", name, rows, first, Median(times), Median(cpu)));
    }

    private static long DatabaseBytes(string path) =>
        new[] { "", "-wal" }.Select(s => new FileInfo(path + s)).Where(f => f.Exists).Sum(f => f.Length);
}
