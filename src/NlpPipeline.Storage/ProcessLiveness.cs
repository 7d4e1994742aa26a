using System.Diagnostics;

namespace NlpPipeline.Storage;

/// <summary>
/// Whether a process on this host still runs. A pid alone is not enough: after a crash the number may be
/// given to another process, so the start time recorded with the lease must match too (within a second:
/// Linux derives it from clock ticks since boot).
/// </summary>
public static class ProcessLiveness
{
    private static readonly TimeSpan StartTolerance = TimeSpan.FromSeconds(1);

    /// <summary>The start time of process <paramref name="pid"/> in UTC, or null when it is gone or cannot be read.</summary>
    public static DateTimeOffset? StartTime(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            if (process.HasExited) return null;
            return new DateTimeOffset(process.StartTime.ToUniversalTime(), TimeSpan.Zero);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>
    /// False only when we are sure: same host, and the pid is gone or now belongs to a process started at
    /// another time. On another host we cannot tell (true); the heartbeat decides there.
    /// </summary>
    public static bool IsAlive(LeaseHolder holder)
    {
        if (!string.Equals(holder.Host, Environment.MachineName, StringComparison.Ordinal)) return true;
        if (OperatingSystem.IsLinux() && !RunningOnLinux(holder.Pid)) return false;
        var started = StartTime(holder.Pid);
        if (started is null) return false;
        if (holder.ProcessStarted is { } recorded && (started.Value - recorded).Duration() > StartTolerance) return false;
        return true;
    }

    /// <summary>/proc/PID exists and the process is not a zombie (killed, not yet reaped by its parent).</summary>
    private static bool RunningOnLinux(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var afterName = stat.LastIndexOf(')');
            return afterName > 0 && afterName + 2 < stat.Length && stat[afterName + 2] is not ('Z' or 'X');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
