using System.Globalization;
using System.Text.Json;
using NlpPipeline.Ingestion;
using NlpPipeline.Storage;

namespace NlpPipeline.Cli.Pipeline;

/// <summary>The result of one ingestion run, per source and in total; printed to stdout and stored with the run.</summary>
internal sealed class RunSummary(long runId)
{
    private readonly List<SourceReport> _sources = [];

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
        w.WriteLine($"Documents: {t.DocumentsNew} new, {t.DocumentsExisting} already stored, {t.DocumentsDuplicate} duplicate(s); passages: {t.Passages}; item errors: {t.Errors}");
        if (ScoringNote is not null) w.WriteLine(ScoringNote);
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
        }),
    });

    private static string Name(SkipReason r) => r switch
    {
        SkipReason.AlreadyStored => "already_stored",
        SkipReason.FetchFailed => "fetch_failed",
        SkipReason.NotHtml => "not_html",
        SkipReason.NoMainText => "no_main_text",
        _ => r.ToString(),
    };
}
