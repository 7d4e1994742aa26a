using Cronos;
using Microsoft.Extensions.Logging;

namespace NlpPipeline.Cli.Pipeline;

/// <summary>
/// Runs a job on a cron schedule in one long-running process: waits (on the injected clock, so tests need no
/// real waiting) for the next occurrence in the schedule's time zone, runs the job, and repeats. A failed
/// job is logged and the schedule goes on; cancellation (Ctrl+C, SIGTERM) ends it between or during jobs.
/// Occurrences missed while a job ran are not made up: the next wait starts from the job's end.
/// </summary>
internal sealed class NightlySchedule(CronExpression cron, TimeZoneInfo zone, TimeProvider time, ILogger<NightlySchedule> log)
{
    /// <summary>Runs until cancelled, or until <paramref name="maxRuns"/> jobs have run. Returns how many jobs failed.</summary>
    public async Task<(int Runs, int Failed)> RunAsync(Func<int, CancellationToken, Task> job, bool onceNow, int? maxRuns, CancellationToken ct)
    {
        var runs = 0;
        var failed = 0;
        async Task RunOnceAsync()
        {
            runs++;
            try
            {
                await job(runs, ct);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                failed++;
                log.LogError("Scheduled run {Number} failed; the schedule continues: {Reason}", runs, ex.Message);
                log.LogDebug(ex, "Scheduled run {Number} failure detail", runs);
            }
        }

        try
        {
            if (onceNow) await RunOnceAsync();
            while (maxRuns is null || runs < maxRuns)
            {
                var now = time.GetUtcNow();
                var next = cron.GetNextOccurrence(now, zone)
                    ?? throw new UsageException("the cron expression has no future occurrence");
                log.LogInformation("Next run at {Next:yyyy-MM-dd HH:mm} {Zone} ({Utc:yyyy-MM-dd HH:mm}Z)",
                    TimeZoneInfo.ConvertTime(next, zone), zone.Id, next.UtcDateTime);
                await Task.Delay(next - now, time, ct);
                await RunOnceAsync();
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            log.LogInformation("Schedule stopped after {Runs} run(s)", runs);
        }
        return (runs, failed);
    }
}
