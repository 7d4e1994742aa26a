using System.CommandLine;
using NlpPipeline.Cli.Pipeline;
using NlpPipeline.Cli.Settings;
using NlpPipeline.Core.Export;
using NlpPipeline.Storage;

namespace NlpPipeline.Cli.Commands;

internal static class SourcesCommand
{
    public static Command Create(GlobalOptions globals, AppEnvironment env)
    {
        var staleDays = new Option<int>("--stale-days")
        {
            Description = "Flag a source as STALE when it answers but has yielded nothing new for this many days",
            HelpName = "N",
            DefaultValueFactory = _ => 14,
        };
        var failRuns = new SettingOption(SettingCatalog.FailRuns, "--fail-runs", "Flag a source as FAILING when this many runs in a row have failed (as ingest warns)", "N");
        var format = OptionParsers.Format(ReportFormat.Table, ReportFormat.Json);
        var health = new Command("health",
            "Per source: last successful fetch, last time it yielded a new item, failed runs in a row, last error (class and message), " +
            "and whether it is FAILING, STALE or DISABLED.")
        {
            staleDays, failRuns, format,
        };
        health.SetAction(NlpApp.Guard(globals, env, (pr, c, ct) =>
        {
            if (pr.GetValue(staleDays) < 1) throw new UsageException("--stale-days must be at least 1");
            using var db = c.OpenDatabase();
            var report = new SourceHealthReport(new SourceHealthStore(db).Read(), c.Time.GetUtcNow(), pr.GetValue(staleDays), c.Settings.Health.FailRuns);
            if (OptionParsers.ParseFormat(pr.GetValue(format)!) == ReportFormat.Json) report.WriteJson(c.Output);
            else report.WriteTable(c.Output);
            return Task.FromResult(ExitCodes.Ok);
        }));

        var id = new Argument<string>("ID") { Description = "The source's id, as in the sources file" };
        var enable = new Command("enable", "Re-enable a source that ingest disabled after failing too often; its failure count starts again.") { id };
        enable.SetAction(NlpApp.Guard(globals, env, async (pr, c, ct) =>
        {
            var sourceId = pr.GetValue(id)!;
            using var db = c.OpenDatabase();
            switch (new SourceHealthStore(db).Enable(sourceId))
            {
                case EnableResult.UnknownSource:
                    await c.Error.WriteLineAsync($"error: no source '{sourceId}' in {db.Path} (sources are recorded when ingest first runs them).");
                    return ExitCodes.Failed;
                case EnableResult.NotDisabled:
                    c.Output.WriteLine($"Source {sourceId} is not disabled; nothing to do.");
                    return ExitCodes.Ok;
                default:
                    c.Output.WriteLine($"Source {sourceId} is enabled again; the next ingest fetches it.");
                    return ExitCodes.Ok;
            }
        }));
        return new Command("sources", "The health of the sources that ingest has run.") { health, enable };
    }
}
