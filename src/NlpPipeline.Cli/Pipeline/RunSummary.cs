using System.Globalization;
using System.Text.Json;
using NlpPipeline.Ingestion;
using NlpPipeline.Ingestion.Fetching;
using NlpPipeline.Storage;

namespace NlpPipeline.Cli.Pipeline;

/// <summary>The result of one ingestion run, per source and in total; printed to stdout and stored with the run.</summary>
internal sealed class RunSummary(long runId)
{
    private readonly List<SourceReport> _sources = [];
    private readonly List<(string Id, DateTimeOffset Since, string? Reason)> _disabled = [];
    private readonly List<string> _warnings = [];

    public long RunId { get; } = runId;
    public IReadOnlyList<SourceReport> Sources => _sources;
    public int Scored { get; set; }
    public string? ScoringNote { get; set; }

    public SourceReport Start(string sourceId)
    {
        var report = new SourceReport(sourceId);
        _sources.Add(report);
        return report;
    }

    /// <summary>Something the operator must act on (a source that keeps failing), printed loudly after the table.</summary>
    public IReadOnlyList<string> Warnings => _warnings;

    public void Warn(string message) => _warnings.Add(message);

    /// <summary>A disabled source, skipped in this run.</summary>
    public void NoteDisabled(string sourceId, DateTimeOffset since, string? reason) => _disabled.Add((sourceId, since, reason));

    public RunTotals Totals => new(
        _sources.Count(s => !s.Failed), _sources.Count(s => s.Failed),
        _sources.Sum(s => s.New), _sources.Sum(s => s.AlreadyStored), _sources.Sum(s => s.Duplicates),
        _sources.Sum(s => s.Passages), _sources.Sum(s => s.Errors));

    /// <summary>True when every source failed: the run achieved nothing (exit code 1).</summary>
    public bool AllFailed => _sources.Count > 0 && _sources.All(s => s.Failed);

    public void Write(TextWriter w)
    {
        var t = Totals;
        w.WriteLine($"Ingestion run {RunId}: {t.SourcesOk} source(s) ok, {t.SourcesFailed} failed");
        w.WriteLine(string.Format(CultureInfo.InvariantCulture, "  {0,-24} {1,-7} {2,5} {3,8} {4,5} {5,9} {6,7}  {7}",
            "source", "status", "new", "known", "dup", "passages", "errors", "notes"));
        foreach (var s in _sources)
        {
            var notes = s.Failed ? s.FailureReason : Notes(s);
            w.WriteLine(string.Format(CultureInfo.InvariantCulture, "  {0,-24} {1,-7} {2,5} {3,8} {4,5} {5,9} {6,7}  {7}",
                s.SourceId, s.Failed ? "FAILED" : "ok", s.New, s.AlreadyStored, s.Duplicates, s.Passages, s.Errors, notes).TrimEnd());
        }
        foreach (var (id, since, reason) in _disabled)
            w.WriteLine(string.Format(CultureInfo.InvariantCulture, "  {0,-24} {1,-7}  skipped: disabled since {2:yyyy-MM-dd HH:mm}Z ({3}); 'nlp sources enable {0}' re-enables it",
                id, "DISABLED", since.UtcDateTime, reason));
        w.WriteLine($"Documents: {t.DocumentsNew} new, {t.DocumentsExisting} already stored, {t.DocumentsDuplicate} duplicate(s); passages: {t.Passages}; item errors: {t.Errors}");
        w.WriteLine(RequestsLine());
        if (BackedOffHosts.Count > 0) w.WriteLine($"Hosts backed off for the rest of the run: {string.Join(", ", BackedOffHosts.Order(StringComparer.Ordinal))}");
        if (ScoringNote is not null) w.WriteLine(ScoringNote);
        foreach (var warning in _warnings) w.WriteLine($"WARNING: {warning}");
    }

    /// <summary>Hosts the fetcher stopped asking in this run after repeated failures.</summary>
    public IReadOnlyCollection<string> BackedOffHosts { get; set; } = [];

    /// <summary>Requests by final outcome over all sources (retried attempts and robots.txt counted apart).</summary>
    public IReadOnlyDictionary<FetchOutcome, int> Requests =>
        _sources.SelectMany(s => s.Requests).GroupBy(kv => kv.Key).ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value));

    public int SourcesNotModified => _sources.Count(s => s.NotModified);

    private string RequestsLine()
    {
        var requests = Requests;
        var made = requests.Where(kv => !NotRequested(kv.Key)).OrderBy(kv => kv.Key).ToList();
        var refused = requests.Where(kv => NotRequested(kv.Key)).OrderBy(kv => kv.Key).ToList();
        var line = $"Requests: {made.Sum(kv => kv.Value)} ({(made.Count == 0 ? "none" : string.Join(", ", made.Select(kv => $"{kv.Key.ToWire()} {kv.Value}")))})" +
                   $"; retried attempts: {_sources.Sum(s => s.Retries)}; robots.txt: {_sources.Sum(s => s.RobotsRequests)}" +
                   $"; feeds not modified: {SourcesNotModified}";
        if (refused.Count > 0) line += $"; not requested: {string.Join(", ", refused.Select(kv => $"{kv.Key.ToWire()} {kv.Value}"))}";
        return line;
    }

    private static bool NotRequested(FetchOutcome o) => o is FetchOutcome.RobotsDisallowed or FetchOutcome.HostBackedOff;

    private static string Notes(SourceReport s)
    {
        var notes = s.Skipped.OrderBy(kv => kv.Key).Select(kv => kv.Key == SkipReason.FetchFailed && s.FetchFailures.Count > 0
            ? $"{Name(kv.Key)} {kv.Value} ({string.Join(", ", s.FetchFailures.OrderBy(f => f.Key).Select(f => $"{f.Key.ToWire()} {f.Value}"))})"
            : $"{Name(kv.Key)} {kv.Value}").ToList();
        if (s.NotModified) notes.Insert(0, "not modified");
        return string.Join(", ", notes);
    }

    public string ToJson() => JsonSerializer.Serialize(new
    {
        run_id = RunId,
        scored = Scored,
        requests = Requests.OrderBy(kv => kv.Key).ToDictionary(kv => kv.Key.ToWire(), kv => kv.Value),
        retried_attempts = _sources.Sum(s => s.Retries),
        backed_off_hosts = BackedOffHosts.Order(StringComparer.Ordinal).ToList(),
        sources = _sources.Select(s => new
        {
            id = s.SourceId,
            status = s.Failed ? "failed" : "ok",
            reason = s.FailureReason,
            not_modified = s.NotModified,
            @new = s.New,
            already_stored = s.AlreadyStored,
            duplicates = s.Duplicates,
            passages = s.Passages,
            skipped = s.Skipped.ToDictionary(kv => Name(kv.Key), kv => kv.Value),
            fetch_failures = s.FetchFailures.ToDictionary(kv => kv.Key.ToWire(), kv => kv.Value),
            requests = s.Requests.ToDictionary(kv => kv.Key.ToWire(), kv => kv.Value),
            retried_attempts = s.Retries,
            error_class = s.ErrorClass,
        }),
        disabled = _disabled.Select(d => new { id = d.Id, since = d.Since, reason = d.Reason }),
        warnings = _warnings,
    });

    private static string Name(SkipReason r) => r switch
    {
        SkipReason.AlreadyStored => "already_stored",
        SkipReason.FetchFailed => "fetch_failed",
        SkipReason.NotHtml => "not_html",
        SkipReason.NoMainText => "no_main_text",
        SkipReason.RobotsDisallowed => "robots_disallowed",
        SkipReason.HostBackedOff => "host_backed_off",
        SkipReason.MediaOnly => "media_only",
        _ => r.ToString(),
    };
}
