namespace NlpPipeline.Storage;

/// <summary>
/// Who holds (or asks for) the run lease: a process on a host, running one command. <see cref="ProcessStarted"/>
/// (UTC) tells a live holder from an unrelated process that was later given the same pid.
/// </summary>
public sealed record LeaseHolder(int Pid, string Host, DateTimeOffset? ProcessStarted, string Command)
{
    /// <summary>This process, running <paramref name="command"/>.</summary>
    public static LeaseHolder Current(string command) =>
        new(Environment.ProcessId, Environment.MachineName, ProcessLiveness.StartTime(Environment.ProcessId), command);
}

/// <summary>The lease as stored: its holder, when it was taken, its last heartbeat, and the run it is writing (if any yet).</summary>
public sealed record LeaseRecord(string Token, LeaseHolder Holder, long? RunId, DateTimeOffset StartedAt, DateTimeOffset HeartbeatAt)
{
    public string Describe() =>
        $"'{Holder.Command}' (pid {Holder.Pid} on {Holder.Host}{(RunId is { } r ? $", run {r}" : "")}), " +
        $"started {StartedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z, last heartbeat {HeartbeatAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z";
}

/// <summary>Another run holds the lease and is alive: this one must not write.</summary>
public sealed class RunLeaseHeldException(string dbPath, LeaseRecord holder)
    : Exception($"another run is using {dbPath}: {holder.Describe()}. It must finish first; this run stopped without writing anything.")
{
    public LeaseRecord Holder { get; } = holder;
}
