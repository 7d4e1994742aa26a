using Microsoft.Extensions.Logging;
using NlpPipeline.Core.Domain;
using NlpPipeline.Ingestion;
using NlpPipeline.Ingestion.Telegram;
using NlpPipeline.Storage;

namespace NlpPipeline.Cli.Pipeline;

/// <summary>
/// The ingest run's bookkeeping around sources: disabled sources are left out, telegram channels get
/// their reading position, and at the end (after every worker has finished) every source's outcome is recorded for source health, with a
/// loud warning (and, when opted in, disabling) for a source that keeps failing.
/// </summary>
internal sealed class SourceTracking(RunStorage storage, SourceHealthOptions options, ILogger log)
{
    private readonly SourceHealthStore _health = storage.Health;
    private readonly TelegramStateStore _telegram = storage.Telegram;

    /// <summary>The sources to fetch in this run; disabled ones are noted in the summary instead.</summary>
    public IReadOnlyList<Source> Active(IReadOnlyList<Source> sources, RunSummary summary)
    {
        var disabled = _health.Disabled();
        var active = new List<Source>(sources.Count);
        foreach (var source in sources)
        {
            if (!disabled.TryGetValue(source.Id, out var d)) { active.Add(source); continue; }
            summary.NoteDisabled(source.Id, d.At, d.Reason);
            log.LogWarning("Source {SourceId} is disabled ({Reason}); skipped. 'nlp sources enable {SourceId}' re-enables it",
                source.Id, d.Reason, source.Id);
        }
        return active;
    }

    /// <summary>A telegram channel's reading position, saved under the source's id and preview URL.</summary>
    public MessageCursor? CursorFor(Source source)
    {
        if (source.Type != SourceType.Telegram || !TelegramChannel.TryParse(source.Url, out var channel)) return null;
        // Called from ingest workers: reads and writes take the storage lock like every other database call.
        var lastSeen = storage.Exclusive(() => _telegram.LastSeen(source.Id, channel.PreviewUrl));
        return new MessageCursor(lastSeen, id => storage.Exclusive(() => { _telegram.Save(source.Id, channel.PreviewUrl, id); return 0; }));
    }

    /// <summary>Records each source's outcome in this run; a cancelled run says nothing about sources and records nothing.</summary>
    public void Record(RunSummary summary, bool cancelled)
    {
        if (cancelled) return;
        foreach (var report in summary.Sources)
        {
            _health.Record(summary.RunId, new SourceOutcome(report.SourceId, report.Failed, report.New + report.Duplicates,
                report.ErrorClass, report.FailureReason));
            if (!report.Failed) continue;
            var streak = _health.ConsecutiveFailures(report.SourceId);
            if (streak < options.FailRuns) continue;
            var what = $"source {report.SourceId} has failed {streak} runs in a row (last: {report.ErrorClass}: {report.FailureReason})";
            if (options.AutoDisable)
            {
                _health.Disable(report.SourceId, $"failed {streak} runs in a row; last: {report.ErrorClass}");
                what += $"; disabled: later runs skip it until 'nlp sources enable {report.SourceId}'";
            }
            summary.Warn(what);
            log.LogWarning("{Warning}", what);
        }
    }
}
