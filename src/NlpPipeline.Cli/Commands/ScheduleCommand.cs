using System.CommandLine;
using Cronos;
using NlpPipeline.Cli.Pipeline;
using NlpPipeline.Core.Analysis;
using NlpPipeline.Core.Export;
using NlpPipeline.Cli.Settings;
using Microsoft.Extensions.Logging;
using NlpPipeline.Storage;

namespace NlpPipeline.Cli.Commands;

internal static class ScheduleCommand
{
    public static Command Create(GlobalOptions globals, AppEnvironment env)
    {
        var cron = new SettingOption(SettingCatalog.ScheduleCron, "--cron",
            "When to run, as a 5-field cron expression in --time-zone (minute hour day-of-month month day-of-week), e.g. \"0 2 * * *\" for 02:00 every night; required unless set in the settings", "EXPR");
        var sources = IngestCommand.SourcesOption("Sources file (as for 'nlp ingest'); read again at every run, so edits apply without a restart; required unless set in the settings");
        var zone = new SettingOption(SettingCatalog.ScheduleTimeZone, "--time-zone", "IANA time zone of the cron expression", "ZONE");
        var onceNow = new Option<bool>("--once-now") { Description = "Run once immediately, then follow the schedule" };
        var maxRuns = new Option<int?>("--max-runs") { Description = "Stop after this many runs (default: run until stopped with Ctrl+C or SIGTERM)", HelpName = "N" };
        var report = new SettingOption(SettingCatalog.ScheduleReport, "--report",
            "After each run, write the weekly report (CSV, all weeks, in report.time_zone weeks) here, complete or not at all", "PATH");
        var model = ModelLoading.CreateOption();
        var userAgent = IngestCommand.UserAgentOption();
        var command = new Command("schedule",
            "Run ingest → classify → aggregate (the weekly report) on a cron schedule in one long-running process, each run under the " +
            "database's run lease and recorded ('nlp runs list'). A failed run is logged and the schedule goes on; a run that finds another " +
            "one still active is skipped. The sources file and the model are read afresh at each run, so a newly promoted model is used from the next " +
            "night on (the settings are read once, at start). " +
            "Stop it with Ctrl+C or SIGTERM; a run in progress stops at a document boundary.")
        {
            cron, sources, zone, onceNow, maxRuns, report, model, userAgent,
        };
        command.SetAction(NlpApp.Guard(globals, env, async (pr, c, ct) =>
        {
            var expression = CronExpression.Parse(c.Settings.ScheduleCron ?? throw new UsageException(
                $"--cron is required (or set {SettingCatalog.ScheduleCron.Key} in the settings file, or {SettingCatalog.ScheduleCron.Variable})"));
            if (pr.GetValue(maxRuns) is < 1) throw new UsageException("--max-runs must be at least 1");
            c.Settings.LoadSources();   // a broken sources file fails now, not at 02:00
            var schedule = new NightlySchedule(expression, c.Settings.ScheduleTimeZone, c.Time, c.Log<NightlySchedule>());
            var (runs, failed) = await schedule.RunAsync((n, token) => RunOnceAsync(c, token), pr.GetValue(onceNow), pr.GetValue(maxRuns), ct);
            c.Output.WriteLine($"Schedule ended: {runs} run(s), {failed} failed.");
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>One scheduled run: ingest and classify under the lease, then the weekly report. Throws when it achieved nothing.</summary>
    private static async Task RunOnceAsync(CliContext c, CancellationToken ct)
    {
        var settings = c.Settings.LoadSources();
        var scoring = ModelLoading.LoadIfPresent(c.Settings, c.Log<NightlySchedule>());
        var reportPath = c.Settings.ScheduleReport;
        using var db = c.OpenDatabase();
        var plan = new IngestPlan(settings.Sources, settings.Fetch, c.Settings.Telegram, c.Settings.Health, scoring);
        var summary = await LeasedIngest.RunAsync(c, db, "schedule", plan, ct, async (s, token) =>
        {
            if (new PredictionStore(db).LatestScoringModel() is null) return;
            var request = new WeeklyReportRequest(null, null, null, 0, 0, null, ReportFormat.Csv, null, TimeZone: c.Settings.ReportTimeZone);
            var runner = new WeeklyReportRunner(c.Log<WeeklyReportRunner>());
            await AtomicFile.WriteAsync(reportPath, w => runner.WriteAsync(db, request, w, token), token);
            c.Log<NightlySchedule>().LogInformation("Run {RunId}: weekly report written to {Path}", s.RunId, reportPath);
        });
        summary.Write(c.Output);
        if (summary.AllFailed) throw new InvalidOperationException($"run {summary.RunId}: every source failed, nothing could be fetched");
    }
}
