using System.Globalization;
using System.Text.Json;
using NlpPipeline.Ingestion;
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
            var notes = s.Failed ? s.FailureReason : string.Join(", ", s.Skipped.Select(kv => $"{Name(kv.Key)} {kv.Value}"));
            w.WriteLine(string.Format(CultureInfo.InvariantCulture, "  {0,-24} {1,-7} {2,5} {3,8} {4,5} {5,9} {6,7}  {7}",
                s.SourceId, s.Failed ? "FAILED" : "ok", s.New, s.AlreadyStored, s.Duplicates, s.Passages, s.Errors, notes).TrimEnd());
        }
        foreach (var (id, since, reason) in _disabled)
            w.WriteLine(string.Format(CultureInfo.InvariantCulture, "  {0,-24} {1,-7}  skipped: disabled since {2:yyyy-MM-dd HH:mm}Z ({3}); 'nlp sources enable {0}' re-enables it",
                id, "DISABLED", since.UtcDateTime, reason));
        w.WriteLine($"Documents: {t.DocumentsNew} new, {t.DocumentsExisting} already stored, {t.DocumentsDuplicate} duplicate(s); passages: {t.Passages}; item errors: {t.Errors}");
        if (ScoringNote is not null) w.WriteLine(ScoringNote);
        foreach (var warning in _warnings) w.WriteLine($"WARNING: {warning}");
    }

    public string ToJson() => JsonSerializer.Serialize(new
    {
        run_id = RunId,
        scored = Scored,
        sources = _sources.Select(s => new
        {
            id = s.SourceId,
            status = s.Failed ? "failed" : "ok",
            reason = s.FailureReason,
            @new = s.New,
            already_stored = s.AlreadyStored,
            duplicates = s.Duplicates,
            passages = s.Passages,
            skipped = s.Skipped.ToDictionary(kv => Name(kv.Key), kv => kv.Value),
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
        SkipReason.MediaOnly => "media_only",
        _ => r.ToString(),
    };
}
