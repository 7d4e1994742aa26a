namespace NlpPipeline.Storage;

/// <summary>
/// A source's record over all runs. <see cref="ConsecutiveFailures"/> counts failed runs since the last
/// run it answered in; <see cref="LastError"/> and <see cref="LastErrorClass"/> are those of its latest
/// failed run, which may lie before a later success.
/// </summary>
public sealed record SourceHealth(
    string SourceId,
    string Outlet,
    string Kind,
    string Url,
    int Runs,
    DateTimeOffset? FirstRun,
    DateTimeOffset? LastRun,
    bool? LastRunFailed,
    DateTimeOffset? LastSuccess,
    DateTimeOffset? LastNewItem,
    int ConsecutiveFailures,
    string? LastErrorClass,
    string? LastError,
    DateTimeOffset? LastErrorAt,
    DateTimeOffset? DisabledAt,
    string? DisabledReason)
{
    public bool Disabled => DisabledAt is not null;

    /// <summary>Failing: its last <paramref name="failRuns"/> or more runs all failed.</summary>
    public bool IsFailing(int failRuns) => ConsecutiveFailures >= failRuns;

    /// <summary>
    /// Stale: it answers (its last run succeeded) but nothing new has come from it for
    /// <paramref name="staleAfter"/> or longer, counted from its first run when it never yielded anything.
    /// </summary>
    public bool IsStale(DateTimeOffset now, TimeSpan staleAfter) =>
        LastRunFailed == false && now - (LastNewItem ?? FirstRun ?? now) >= staleAfter;
}
