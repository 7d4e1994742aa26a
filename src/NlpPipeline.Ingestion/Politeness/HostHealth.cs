namespace NlpPipeline.Ingestion.Politeness;

/// <summary>
/// Counts URLs in a row that failed on each host (timeouts, connection errors, 5xx, 429, each after its
/// retries). At <c>failureLimit</c> the host is backed off: nothing more is asked of it in this run.
/// A success resets the count. Thread-safe; one per run.
/// </summary>
public sealed class HostHealth(int failureLimit)
{
    private readonly Dictionary<string, int> _failures = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _backedOff = new(StringComparer.OrdinalIgnoreCase);

    public bool IsBackedOff(string host)
    {
        lock (_failures) return _backedOff.Contains(host);
    }

    public void RecordSuccess(string host)
    {
        lock (_failures) _failures.Remove(host);
    }

    /// <summary>Counts one failed URL; true when this failure backs the host off.</summary>
    public bool RecordFailure(string host)
    {
        lock (_failures)
        {
            var n = _failures[host] = _failures.GetValueOrDefault(host) + 1;
            return n >= failureLimit && _backedOff.Add(host);
        }
    }

    public IReadOnlyCollection<string> BackedOffHosts
    {
        get { lock (_failures) return _backedOff.ToList(); }
    }
}
