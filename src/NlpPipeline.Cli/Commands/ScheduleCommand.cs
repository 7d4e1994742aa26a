using System.CommandLine;
using Cronos;
using NlpPipeline.Cli.Pipeline;
using NlpPipeline.Core.Analysis;
using NlpPipeline.Core.Export;
using NlpPipeline.Ingestion.Sources;
using NlpPipeline.Ingestion.Telegram;
using Microsoft.Extensions.Logging;
using NlpPipeline.Storage;

namespace NlpPipeline.Cli.Commands;

internal static class ScheduleCommand
{
    public const string DefaultTimeZone = "Asia/Almaty";
    public const string DefaultReport = "data/weekly.csv";

    public static Command Create(GlobalOptions globals, AppEnvironment env)
    {
        var cron = new Option<string>("--cron")
        {
            Description = "When to run, as a 5-field cron expression in --time-zone (minute hour day-of-month month day-of-week), e.g. \"0 2 * * *\" for 02:00 every night",
            HelpName = "EXPR",
            Required = true,
        };
        var sources = new Option<string>("--sources", "-s") { Description = "Sources file (as for 'nlp ingest'); read again at every run, so edits apply without a restart", HelpName = "PATH", Required = true };
        var zone = new Option<string>("--time-zone") { Description = "IANA time zone of the cron expression", HelpName = "ZONE", DefaultValueFactory = _ => DefaultTimeZone };
        var onceNow = new Option<bool>("--once-now") { Description = "Run once immediately, then follow the schedule" };
        var maxRuns = new Option<int?>("--max-runs") { Description = "Stop after this many runs (default: run until stopped with Ctrl+C or SIGTERM)", HelpName = "N" };
        var report = new Option<string>("--report") { Description = "After each run, write the weekly report (CSV, all weeks) here, complete or not at all", HelpName = "PATH", DefaultValueFactory = _ => DefaultReport };
        var model = ModelLoading.CreateOption();
        var userAgent = new Option<string?>("--user-agent") { Description = "User-Agent, as for 'nlp ingest'", HelpName = "TEXT" };
        var command = new Command("schedule",
            "Run ingest → classify → aggregate (the weekly report) on a cron schedule in one long-running process, each run under the " +
            "database's run lease and recorded ('nlp runs list'). A failed run is logged and the schedule goes on; a run that finds another " +
            "one still active is skipped. The model is loaded afresh at each run, so a newly promoted model is used from the next night on. " +
            "Stop it with Ctrl+C or SIGTERM; a run in progress stops at a document boundary.")
        {
            cron, sources, zone, onceNow, maxRuns, report, model, userAgent,
        };
        command.SetAction(NlpApp.Guard(globals, env, async (pr, c, ct) =>
        {
            var expression = ParseCron(pr.GetValue(cron)!);
            var timeZone = ParseZone(pr.GetValue(zone)!);
            if (pr.GetValue(maxRuns) is < 1) throw new UsageException("--max-runs must be at least 1");
            var sourcesPath = pr.GetValue(sources)!;
            SourcesFile.LoadSettings(sourcesPath);   // a broken sources file fails now, not at 02:00
            var schedule = new NightlySchedule(expression, timeZone, c.Time, c.Log<NightlySchedule>());
            var (runs, failed) = await schedule.RunAsync((n, token) => RunOnceAsync(c, sourcesPath, pr.GetValue(model), pr.GetValue(userAgent), pr.GetValue(report)!, token),
                pr.GetValue(onceNow), pr.GetValue(maxRuns), ct);
            c.Output.WriteLine($"Schedule ended: {runs} run(s), {failed} failed.");
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>One scheduled run: ingest and classify under the lease, then the weekly report. Throws when it achieved nothing.</summary>
    private static async Task RunOnceAsync(CliContext c, string sourcesPath, string? modelOption, string? userAgent, string reportPath, CancellationToken ct)
    {
        var settings = SourcesFile.LoadSettings(sourcesPath);
        var fetch = IngestCommand.WithUserAgent(settings.Fetch, userAgent);
        var scoring = ModelLoading.LoadIfPresent(modelOption, c.Log<NightlySchedule>());
        using var db = c.OpenDatabase();
        var plan = new IngestPlan(settings.Sources, fetch, TelegramOptions.Default, SourceHealthOptions.Default, scoring);
        var summary = await LeasedIngest.RunAsync(c, db, "schedule", plan, ct, async (s, token) =>
        {
            if (new PredictionStore(db).LatestScoringModel() is null) return;
            var request = new WeeklyReportRequest(null, null, null, 0, 0, null, ReportFormat.Csv, null);
            var runner = new WeeklyReportRunner(c.Log<WeeklyReportRunner>());
            await AtomicFile.WriteAsync(reportPath, w => runner.WriteAsync(db, request, w, token), token);
            c.Log<NightlySchedule>().LogInformation("Run {RunId}: weekly report written to {Path}", s.RunId, reportPath);
        });
        summary.Write(c.Output);
        if (summary.AllFailed) throw new InvalidOperationException($"run {summary.RunId}: every source failed, nothing could be fetched");
    }

    private static CronExpression ParseCron(string value)
    {
        try { return CronExpression.Parse(value.Trim()); }
        catch (CronFormatException ex) { throw new UsageException($"--cron: '{value}' is not a 5-field cron expression: {ex.Message}"); }
    }

    private static TimeZoneInfo ParseZone(string value)
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById(value.Trim()); }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new UsageException($"--time-zone: '{value}' is not a known time zone (use an IANA name such as {DefaultTimeZone})");
        }
    }
}
