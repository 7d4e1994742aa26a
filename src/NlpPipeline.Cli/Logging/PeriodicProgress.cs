using System.Globalization;
using Microsoft.Extensions.Logging;

namespace NlpPipeline.Cli.Logging;

/// <summary>
/// Progress of a long step as plain log lines ("classified 4,096/120,000 passages (3 %), 2,150/s") at most once
/// per <c>every</c> (default 10 s) and once at the end: readable in a redirected log, a journal or a JSON log
/// file alike. Thread-safe: parallel workers report into one counter. Used when standard error is not a terminal
/// (<see cref="ProgressReporting"/>), and alongside the bar for the JSON log file.
/// </summary>
internal sealed class PeriodicProgress(ILogger log, TimeProvider time, string verb, string unit, long? total, TimeSpan? every = null)
    : IProgressReporter
{
    private readonly Lock _gate = new();
    private readonly TimeSpan _every = every ?? TimeSpan.FromSeconds(10);
    private readonly long _started = time.GetTimestamp();
    private long _lastReport = time.GetTimestamp();
    private long _done;

    public long Done { get { lock (_gate) return _done; } }

    /// <summary>Adds <paramref name="count"/> finished units and logs a line when the interval has passed.</summary>
    public void Add(long count = 1)
    {
        lock (_gate)
        {
            _done += count;
            if (time.GetElapsedTime(_lastReport) < _every) return;
            _lastReport = time.GetTimestamp();
            Write();
        }
    }

    /// <summary>The final line.</summary>
    public void Finish()
    {
        lock (_gate) Write();
    }

    /// <summary>Nothing to release: a step that did not get through has no final line.</summary>
    public void Dispose() { }

    private void Write()
    {
        var seconds = time.GetElapsedTime(_started).TotalSeconds;
        var rate = seconds > 0 ? _done / seconds : 0;
        if (total is { } t and > 0)
            log.LogInformation("{Verb} {Done}/{Total} {Unit} ({Percent} %), {Rate}/s", verb, _done, t, unit,
                (int)(100 * _done / t), rate.ToString("N0", CultureInfo.InvariantCulture));
        else
            log.LogInformation("{Verb} {Done} {Unit}, {Rate}/s", verb, _done, unit, rate.ToString("N0", CultureInfo.InvariantCulture));
    }
}
