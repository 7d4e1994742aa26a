using System.CommandLine;
using NlpPipeline.Cli.Pipeline;
using NlpPipeline.Core.Export;
using NlpPipeline.Storage;

namespace NlpPipeline.Cli.Commands;

internal static class RunsCommand
{
    public static Command Create(GlobalOptions globals, AppEnvironment env)
    {
        var limit = new Option<int>("--limit", "-n") { Description = "Show the newest N runs", HelpName = "N", DefaultValueFactory = _ => 20 };
        var format = OptionParsers.Format(ReportFormat.Table, ReportFormat.Json);
        var list = new Command("list",
            "The recorded runs of writing commands (ingest, scheduled runs, import, classify), newest first: status (running, completed, " +
            "failed, cancelled, interrupted: killed and taken over; abandoned: killed, not yet taken over), sources ok/failed, documents and " +
            "passages added, passages classified and the model.")
        {
            limit, format,
        };
        list.SetAction(NlpApp.Guard(globals, env, (pr, c, ct) =>
        {
            if (pr.GetValue(limit) < 1) throw new UsageException("--limit must be at least 1");
            using var db = c.OpenDatabase();
            var runs = new RunHistory(db).List(pr.GetValue(limit));
            var lease = RunLease.Peek(db);
            if (OptionParsers.ParseFormat(pr.GetValue(format)!) == ReportFormat.Json) RunReport.WriteJson(c.Output, runs, lease, single: false);
            else RunReport.WriteTable(c.Output, runs, lease);
            return Task.FromResult(ExitCodes.Ok);
        }));

        var id = new Argument<long>("ID") { Description = "The run's number, as in 'nlp runs list' and the run summary" };
        var showFormat = OptionParsers.Format(ReportFormat.Table, ReportFormat.Json);
        var show = new Command("show", "One run in full: times, process, counts, model, error, and each source's outcome.") { id, showFormat };
        show.SetAction(NlpApp.Guard(globals, env, async (pr, c, ct) =>
        {
            using var db = c.OpenDatabase();
            if (new RunHistory(db).Get(pr.GetValue(id)) is not { } run)
            {
                await c.Error.WriteLineAsync($"error: no run {pr.GetValue(id)} in {db.Path} ('nlp runs list' shows the recorded runs).");
                return ExitCodes.Failed;
            }
            var lease = RunLease.Peek(db);
            if (OptionParsers.ParseFormat(pr.GetValue(showFormat)!) == ReportFormat.Json) RunReport.WriteJson(c.Output, [run], lease, single: true);
            else RunReport.WriteDetail(c.Output, run, lease);
            return ExitCodes.Ok;
        }));
        return new Command("runs", "What each run did (recorded by ingest, schedule, import and classify).") { list, show };
    }
}
