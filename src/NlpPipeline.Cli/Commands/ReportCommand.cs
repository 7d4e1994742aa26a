using System.CommandLine;
using NlpPipeline.Cli.Pipeline;
using NlpPipeline.Core.Analysis;
using NlpPipeline.Core.Export;

namespace NlpPipeline.Cli.Commands;

internal static class ReportCommand
{
    public static Command Create(GlobalOptions globals, AppEnvironment env)
    {
        var from = OptionParsers.Date("--from", "First day (Asia/Almaty) of the range; its ISO week is included");
        var to = OptionParsers.Date("--to", "Last day (Asia/Almaty) of the range; its ISO week is included");
        var ev = new Option<string?>("--event") { Description = "Centre the range on an event (name, or a unique part of it; see 'nlp events list')", HelpName = "NAME" };
        var before = new Option<int>("--weeks-before") { HelpName = "N", Description = "Weeks before the event's first week", DefaultValueFactory = _ => 4 };
        var after = new Option<int>("--weeks-after") { HelpName = "N", Description = "Weeks after the event's last week", DefaultValueFactory = _ => 4 };
        var language = OptionParsers.Language();
        var format = OptionParsers.Format(ReportFormat.Table, ReportFormat.Csv, ReportFormat.Json);
        var output = OptionParsers.Out("Write to this file (complete or not at all) instead of standard output");
        var version = new Option<string?>("--model-version") { Description = "Use this model's predictions (default: the latest model that has scored passages)", HelpName = "VERSION" };
        var undated = new Option<bool>("--include-undated")
        {
            Description = "Also count documents without a trusted publication time (none found, or dated more than a day after " +
                          "fetching or before 1990), placed in the week they were fetched. By default they are left out and counted.",
        };
        var weekly = new Command("weekly",
            "One row per ISO week (Asia/Almaty): documents, passages, mean sentiment score, share negative, share of each intent, " +
            "top topics; weeks that overlap an event are marked. Each story counts once (duplicates and near-copies are left out); " +
            "documents without a trusted publication time are left out unless --include-undated, and the report says how many.")
        {
            from, to, ev, before, after, language, format, output, version, undated,
        };
        weekly.Validators.Add(r =>
        {
            if (r.GetValue(before) < 0 || r.GetValue(after) < 0) r.AddError("--weeks-before and --weeks-after must be 0 or more");
        });
        weekly.SetAction(NlpApp.Guard(globals, env, async (pr, c, ct) =>
        {
            var request = new WeeklyReportRequest(pr.GetValue(from), pr.GetValue(to), pr.GetValue(ev), pr.GetValue(before), pr.GetValue(after),
                pr.GetValue(language), OptionParsers.ParseFormat(pr.GetValue(format)!), pr.GetValue(version), pr.GetValue(undated));
            using var db = c.OpenDatabase();
            var runner = new WeeklyReportRunner(ResearchCalendar.Almaty, c.Log<WeeklyReportRunner>());
            if (pr.GetValue(output) is { } path)
            {
                await AtomicFile.WriteAsync(path, w => runner.WriteAsync(db, request, w, ct), ct);
                c.Output.WriteLine($"Wrote the weekly report to {path}.");
            }
            else
            {
                await runner.WriteAsync(db, request, c.Output, ct);
            }
            return ExitCodes.Ok;
        }));
        return new Command("report", "Aggregated views of the classified corpus.") { weekly };
    }
}
