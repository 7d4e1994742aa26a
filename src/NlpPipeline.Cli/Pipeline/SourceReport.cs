using NlpPipeline.Ingestion;

namespace NlpPipeline.Cli.Pipeline;

/// <summary>What one source gave in one run.</summary>
internal sealed class SourceReport(string sourceId)
{
    public string SourceId { get; } = sourceId;
    public bool Failed { get; private set; }
    public string? FailureReason { get; private set; }
    /// <summary>A short name for the kind of failure (<see cref="SourceErrorClass"/>), for source health.</summary>
    public string? ErrorClass { get; private set; }
    public int New { get; set; }
    public int AlreadyStored { get; set; }
    public int Duplicates { get; set; }
    public int Passages { get; set; }
    public Dictionary<SkipReason, int> Skipped { get; } = [];

    /// <summary>Items that could not be read (fetch errors, no text, not HTML), as opposed to known ones.</summary>
    public int Errors => Skipped.Where(kv => kv.Key != SkipReason.AlreadyStored).Sum(kv => kv.Value);

    public void Skip(SkipReason reason)
    {
        if (reason == SkipReason.AlreadyStored) AlreadyStored++;
        else Skipped[reason] = Skipped.GetValueOrDefault(reason) + 1;
    }

    public void Fail(string reason, string errorClass = "error")
    {
        Failed = true;
        FailureReason = reason;
        ErrorClass = errorClass;
    }

    public void Fail(Exception ex) => Fail(ex.Message, SourceErrorClass.Of(ex));
}
