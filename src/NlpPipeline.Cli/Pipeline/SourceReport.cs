using NlpPipeline.Ingestion;
using NlpPipeline.Ingestion.Fetching;

namespace NlpPipeline.Cli.Pipeline;

/// <summary>
/// What one source gave in one run. Each source is ingested by one worker at a time, so a report is
/// only ever changed from one thread.
/// </summary>
internal sealed class SourceReport(string sourceId)
{
    public string SourceId { get; } = sourceId;
    public bool Failed { get; private set; }
    public string? FailureReason { get; private set; }

    /// <summary>A short, stable name for the kind of failure (<see cref="SourceErrorClass"/>), for the summary and source health.</summary>
    public string? ErrorClass { get; private set; }

    public int New { get; set; }
    public int AlreadyStored { get; set; }
    public int Duplicates { get; set; }
    public int Passages { get; set; }
    public Dictionary<SkipReason, int> Skipped { get; } = [];

    /// <summary>How the fetches behind <see cref="SkipReason.FetchFailed"/> skips ended (timeout, http_error, …).</summary>
    public Dictionary<FetchOutcome, int> FetchFailures { get; } = [];

    /// <summary>Final outcome of every request made for this source (retried attempts not counted; robots.txt apart).</summary>
    public Dictionary<FetchOutcome, int> Requests { get; } = [];

    public int Retries { get; set; }
    public int RobotsRequests { get; set; }

    /// <summary>The feed answered 304: nothing new since the last run, nothing parsed.</summary>
    public bool NotModified { get; set; }

    /// <summary>Items that could not be read (fetch errors, no text, not HTML, robots, backed-off host), as opposed to known ones.</summary>
    public int Errors => Skipped.Where(kv => kv.Key != SkipReason.AlreadyStored).Sum(kv => kv.Value);

    public void Skip(SkipReason reason, FetchOutcome? fetch = null)
    {
        if (reason == SkipReason.AlreadyStored) AlreadyStored++;
        else Skipped[reason] = Skipped.GetValueOrDefault(reason) + 1;
        if (reason == SkipReason.FetchFailed && fetch is { } f) FetchFailures[f] = FetchFailures.GetValueOrDefault(f) + 1;
    }

    public void Count(FetchRecord record)
    {
        if (record.Url.AbsolutePath == "/robots.txt" && !record.Url.IsFile) { RobotsRequests++; return; }
        if (record.WillRetry) { Retries++; return; }
        Requests[record.Outcome] = Requests.GetValueOrDefault(record.Outcome) + 1;
        if (record.Outcome == FetchOutcome.NotModified) NotModified = true;
    }

    public void Fail(string reason, string errorClass = "error")
    {
        Failed = true;
        FailureReason = reason;
        ErrorClass = errorClass;
    }

    public void Fail(Exception ex) => Fail(ex.Message, SourceErrorClass.Of(ex));
}
