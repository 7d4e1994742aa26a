using System.Globalization;
using System.Text.Json;
using NlpPipeline.Storage;

namespace NlpPipeline.Cli.Pipeline;

/// <summary>
/// <c>nlp sources health</c>: why a source collects nothing. Each source gets one status, the most
/// urgent that applies: DISABLED, FAILING (its last N runs failed), failed (its last run failed),
/// STALE (it answers but has yielded nothing new for D days), ok, or never-run.
/// </summary>
internal sealed class SourceHealthReport(IReadOnlyList<SourceHealth> sources, DateTimeOffset now, int staleDays, int failRuns)
{
    private TimeSpan StaleAfter => TimeSpan.FromDays(staleDays);

    public string StatusOf(SourceHealth s) =>
        s.Disabled ? "DISABLED"
        : s.IsFailing(failRuns) ? "FAILING"
        : s.LastRunFailed == true ? "failed"
        : s.IsStale(now, StaleAfter) ? "STALE"
        : s.Runs == 0 ? "never-run"
        : "ok";

    public void WriteTable(TextWriter w)
    {
        w.WriteLine($"Source health at {Time(now)} (stale after {staleDays} day(s) without a new item; failing after {failRuns} failed run(s) in a row)");
        const string row = "  {0,-24} {1,-8} {2,-9} {3,-17} {4,-17} {5,-17} {6,5}  {7}";
        w.WriteLine(string.Format(CultureInfo.InvariantCulture, row, "source", "kind", "status", "last run", "last success", "last new item", "fails", "last error"));
        foreach (var s in sources)
        {
            var error = s.LastErrorClass is null ? "" : $"{s.LastErrorClass}: {s.LastError}";
            if (s.Disabled) error = $"disabled {Time(s.DisabledAt)}: {s.DisabledReason}" + (error.Length > 0 ? $"; {error}" : "");
            w.WriteLine(string.Format(CultureInfo.InvariantCulture, row, s.SourceId, s.Kind, StatusOf(s), Time(s.LastRun), Time(s.LastSuccess),
                Time(s.LastNewItem), s.ConsecutiveFailures, error).TrimEnd());
        }
        var counts = sources.GroupBy(StatusOf).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}");
        w.WriteLine($"{sources.Count} source(s): {string.Join(", ", counts)}");
        foreach (var s in sources.Where(s => !s.Disabled && s.IsFailing(failRuns)))
            w.WriteLine($"WARNING: {s.SourceId} has failed {s.ConsecutiveFailures} runs in a row (last: {s.LastErrorClass}: {s.LastError})");
    }

    public void WriteJson(TextWriter w)
    {
        var json = JsonSerializer.Serialize(new
        {
            at = now,
            stale_days = staleDays,
            fail_runs = failRuns,
            sources = sources.Select(s => new
            {
                id = s.SourceId,
                outlet = s.Outlet,
                kind = s.Kind,
                url = s.Url,
                status = StatusOf(s).ToLowerInvariant(),
                runs = s.Runs,
                last_run = s.LastRun,
                last_success = s.LastSuccess,
                last_new_item = s.LastNewItem,
                consecutive_failures = s.ConsecutiveFailures,
                last_error_class = s.LastErrorClass,
                last_error = s.LastError,
                last_error_at = s.LastErrorAt,
                failing = s.IsFailing(failRuns),
                stale = s.IsStale(now, StaleAfter),
                disabled = s.Disabled,
                disabled_at = s.DisabledAt,
                disabled_reason = s.DisabledReason,
            }),
        }, new JsonSerializerOptions { WriteIndented = true });
        w.WriteLine(json);
    }

    private static string Time(DateTimeOffset? t) =>
        t is { } v ? v.UtcDateTime.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture) : "-";
}
