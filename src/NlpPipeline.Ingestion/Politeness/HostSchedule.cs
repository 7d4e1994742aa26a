namespace NlpPipeline.Ingestion.Politeness;

/// <summary>
/// When each host may next be asked something. Requests to one host start at least
/// <c>interval</c> apart (longer when its robots.txt asks for a Crawl-delay, or when it answered with
/// Retry-After); different hosts never wait for each other. Thread-safe; one per run.
/// </summary>
public sealed class HostSchedule(TimeSpan interval, TimeProvider time)
{
    private sealed class Slot(TimeSpan interval)
    {
        public TimeSpan Interval { get; set; } = interval;
        public DateTimeOffset Next { get; set; } = DateTimeOffset.MinValue;
    }

    private readonly Dictionary<string, Slot> _slots = new(StringComparer.OrdinalIgnoreCase);

    public TimeSpan Interval => interval;

    /// <summary>The key politeness is kept by: the host name (http and https on one host share it).</summary>
    public static string HostOf(Uri url) => url.IdnHost.ToLowerInvariant();

    /// <summary>Raises the host's interval to its Crawl-delay (never lowers it below the configured one).</summary>
    public void SetCrawlDelay(string host, TimeSpan delay)
    {
        lock (_slots)
        {
            var slot = SlotOf(host);
            var wanted = delay > interval ? delay : interval;
            // The robots.txt request itself already reserved the next start with the old interval: move it.
            if (slot.Next != DateTimeOffset.MinValue) slot.Next += wanted - slot.Interval;
            slot.Interval = wanted;
        }
    }

    public TimeSpan IntervalOf(string host)
    {
        lock (_slots) return SlotOf(host).Interval;
    }

    /// <summary>Nobody asks the host anything before <paramref name="until"/> (a Retry-After).</summary>
    public void Defer(string host, DateTimeOffset until)
    {
        lock (_slots)
        {
            var slot = SlotOf(host);
            if (until > slot.Next) slot.Next = until;
        }
    }

    /// <summary>Reserves the host's next free start time and waits for it.</summary>
    public async Task WaitTurnAsync(string host, CancellationToken ct)
    {
        var wait = Reserve(host);
        if (wait > TimeSpan.Zero) await Task.Delay(wait, time, ct);
    }

    /// <summary>Books the host's next start time and says how long from now that is.</summary>
    public TimeSpan Reserve(string host)
    {
        lock (_slots)
        {
            var slot = SlotOf(host);
            var now = time.GetUtcNow();
            var start = slot.Next > now ? slot.Next : now;
            slot.Next = start + slot.Interval;
            return start - now;
        }
    }

    /// <summary>
    /// The request is leaving now: the host's next start is at least one interval from this moment, even when
    /// the request went out later than its booked start (a busy machine, a cold first request).
    /// </summary>
    public void MarkSent(string host)
    {
        lock (_slots)
        {
            var slot = SlotOf(host);
            var earliest = time.GetUtcNow() + slot.Interval;
            if (earliest > slot.Next) slot.Next = earliest;
        }
    }

    private Slot SlotOf(string host)
    {
        if (!_slots.TryGetValue(host, out var slot)) _slots[host] = slot = new Slot(interval);
        return slot;
    }
}
