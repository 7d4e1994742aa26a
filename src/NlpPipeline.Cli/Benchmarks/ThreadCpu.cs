using System.Runtime.InteropServices;

namespace NlpPipeline.Cli.Benchmarks;

/// <summary>CPU time (user + system) of the calling thread, from getrusage(RUSAGE_THREAD) on Linux; zero elsewhere. A
/// benchmark takes it before and after a step run on one thread, to tell that thread's work from its helpers'.</summary>
internal static class ThreadCpu
{
    public static TimeSpan Now()
    {
        if (!OperatingSystem.IsLinux()) return TimeSpan.Zero;
        return GetRusage(RusageThread, out var u) == 0
            ? TimeSpan.FromMicroseconds(u.UserSeconds * 1e6 + u.UserMicroseconds + u.SystemSeconds * 1e6 + u.SystemMicroseconds)
            : TimeSpan.Zero;
    }

    private const int RusageThread = 1;

    [StructLayout(LayoutKind.Sequential)]
    private struct Rusage
    {
        public long UserSeconds, UserMicroseconds, SystemSeconds, SystemMicroseconds;
        public long MaxRss, IxRss, IdRss, IsRss, MinFlt, MajFlt, NSwap, InBlock, OuBlock, MsgSnd, MsgRcv, NSignals, NVcsw, NIvcsw;
    }

    [DllImport("libc", EntryPoint = "getrusage")]
    private static extern int GetRusage(int who, out Rusage usage);
}
