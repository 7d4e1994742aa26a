using Microsoft.Extensions.Logging;

namespace NlpPipeline.Cli.Logging;

/// <summary>
/// Progress of one long step (ingest, classify, import). Thread-safe: parallel workers report into one counter.
/// <see cref="Finish"/> reports the end of a step that got through; <see cref="Dispose"/> ends the report
/// whatever happened (cancel, exception), so a live progress bar never outlives its step.
/// </summary>
internal interface IProgressReporter : IDisposable
{
    /// <summary>Adds <paramref name="count"/> finished units.</summary>
    void Add(long count = 1);

    /// <summary>The step got through: the final report.</summary>
    void Finish();
}

/// <summary>
/// Makes a reporter for one step: "Classified" 1,200/120,000 "passages". <paramref name="total"/> is null when
/// the amount is not known in advance; <paramref name="every"/> is the interval of plain lines (default 10 s).
/// </summary>
internal delegate IProgressReporter ProgressFactory(ILogger log, string verb, string unit, long? total, TimeSpan? every = null);

/// <summary>How progress is shown, chosen once per command (<see cref="CliContext"/>).</summary>
internal static class ProgressReporting
{
    /// <summary>Plain periodic log lines (<see cref="PeriodicProgress"/>): redirected output, journals, log files, tests.</summary>
    public static ProgressFactory Plain(TimeProvider time) =>
        (log, verb, unit, total, every) => new PeriodicProgress(log, time, verb, unit, total, every);

    /// <summary>
    /// Standard error is a terminal a progress bar can be drawn on: not redirected to a file or a pipe, and
    /// TERM is not "dumb" (Emacs shells, some CI runners). An unset TERM counts as a terminal (Windows consoles).
    /// </summary>
    public static bool IsTerminal(bool errorRedirected, string? term) =>
        !errorRedirected && !string.Equals(term, "dumb", StringComparison.OrdinalIgnoreCase);

    /// <summary>Bars on a terminal, unless --quiet asked for warnings and errors only; plain lines otherwise.</summary>
    public static bool UseBars(bool errorIsTerminal, bool quiet) => errorIsTerminal && !quiet;
}

/// <summary>The bar on the terminal and the plain lines in the JSON log file.</summary>
internal sealed class BothProgress(IProgressReporter bar, IProgressReporter lines) : IProgressReporter
{
    public void Add(long count = 1) { bar.Add(count); lines.Add(count); }
    public void Finish() { bar.Finish(); lines.Finish(); }
    public void Dispose() { bar.Dispose(); lines.Dispose(); }
}
