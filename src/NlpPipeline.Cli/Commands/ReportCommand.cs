using System.CommandLine;
using NlpPipeline.Cli.Pipeline;
using NlpPipeline.Core.Analysis;
using NlpPipeline.Core.Export;

namespace NlpPipeline.Cli.Commands;

internal static class ReportCommand
{
    public static Command Create(GlobalOptions globals, AppEnvironment env) =>
        new("report", "Aggregated views of the classified corpus.") { Weekly(globals, env), Event(globals, env) };

    private static Command Weekly(GlobalOptions globals, AppEnvironment env)
    {
        var from = OptionParsers.Date("--from", "First day (in the series' time zone) of the range; its ISO week is included");
        var to = OptionParsers.Date("--to", "Last day (in the series' time zone) of the range; its ISO week is included");
        var ev = new Option<string?>("--event") { Description = "Centre the range on an event (name, or a unique part of it; see 'nlp events list')", HelpName = "NAME" };
        var before = new Option<int>("--weeks-before") { HelpName = "N", Description = "Weeks before the event's first week", DefaultValueFactory = _ => 4 };
        var after = new Option<int>("--weeks-after") { HelpName = "N", Description = "Weeks after the event's last week", DefaultValueFactory = _ => 4 };
        var series = new SeriesOptions();
        var format = OptionParsers.Format(ReportFormat.Table, ReportFormat.Csv, ReportFormat.Json);
        var output = OptionParsers.Out("Write to this file (complete or not at all) instead of standard output");
        var weekly = new Command("weekly",
            "One row per ISO week (Asia/Almaty unless --time-zone), and per group with --by, empty weeks included: documents, passages, " +
            "mean sentiment score with its 95 % Student-t interval, counts and shares of negative/neutral/positive passages, of " +
            "emigration-related passages (intent not none) and of each intent among them, and of each topic; weeks that overlap an " +
            "event are marked. Every share is given with its denominator. One model version per series. Each story counts once " +
            "(duplicates and near-copies are left out); documents without a trusted publication time are left out unless " +
            "--include-undated, and the report says how many.")
        {
            from, to, ev, before, after, format, output,
        };
        foreach (var o in series.All) weekly.Options.Add(o);
        weekly.Validators.Add(r =>
        {
            if (r.GetValue(before) < 0 || r.GetValue(after) < 0) r.AddError("--weeks-before and --weeks-after must be 0 or more");
        });
        weekly.SetAction(NlpApp.Guard(globals, env, async (pr, c, ct) =>
        {
            var request = series.Request(pr, pr.GetValue(from), pr.GetValue(to), pr.GetValue(ev), pr.GetValue(before), pr.GetValue(after),
                OptionParsers.ParseFormat(pr.GetValue(format)!));
            using var db = c.OpenDatabase();
            var (built, _) = await new WeeklyReportRunner(c.Log<WeeklyReportRunner>()).BuildAsync(db, request, ct);
            await WriteAsync(c, pr.GetValue(output), "weekly report", w => WeeklyReportWriter.WriteAsync(w, built, request.Format), ct);
            return ExitCodes.Ok;
        }));
        return weekly;
    }

    private static Command Event(GlobalOptions globals, AppEnvironment env)
    {
        var name = new Argument<string>("NAME") { Description = "The event (its name, or a unique part of it; see 'nlp events list')" };
        var before = new Option<int>("--weeks-before") { HelpName = "N", Description = "Weeks compared before the event's first week (at least 1)", DefaultValueFactory = _ => 4 };
        var after = new Option<int>("--weeks-after") { HelpName = "N", Description = "Weeks after the event's last week; the event's own weeks always count as after", DefaultValueFactory = _ => 4 };
        var series = new SeriesOptions();
        var format = OptionParsers.Format(ReportFormat.Table, ReportFormat.Csv, ReportFormat.Json);
        var output = OptionParsers.Out("Write to this file (complete or not at all) instead of standard output");
        var command = new Command("event",
            "The weekly series around an event and a before/after comparison of each measure (mean sentiment, negative share, " +
            "emigration-related share, each intent's share among the emigration-related passages, each topic's share): after - before " +
            "with a 95 % interval (Welch for the mean, Newcombe's hybrid score interval for shares) and the counts behind every figure. " +
            "CSV output is the comparison; JSON has both.")
        {
            name, before, after, format, output,
        };
        foreach (var o in series.All) command.Options.Add(o);
        command.Validators.Add(r =>
        {
            if (r.GetValue(before) < 1) r.AddError("--weeks-before must be 1 or more (the weeks compared against)");
            if (r.GetValue(after) < 0) r.AddError("--weeks-after must be 0 or more");
        });
        command.SetAction(NlpApp.Guard(globals, env, async (pr, c, ct) =>
        {
            var request = series.Request(pr, null, null, pr.GetValue(name), pr.GetValue(before), pr.GetValue(after), OptionParsers.ParseFormat(pr.GetValue(format)!));
            using var db = c.OpenDatabase();
            var (built, ev) = await new WeeklyReportRunner(c.Log<WeeklyReportRunner>()).BuildAsync(db, request, ct);
            var windows = EventWindows.Around(ev!, request.WeeksBefore, request.WeeksAfter);
            var comparison = EventComparison.Compare(built.Rows, windows);
            await WriteAsync(c, pr.GetValue(output), "event report", w => EventReportWriter.WriteAsync(w, built, windows, comparison, request.Format), ct);
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>To the file (complete or not at all) when given, else to standard output.</summary>
    internal static async Task WriteAsync(CliContext c, string? path, string what, Func<TextWriter, Task> write, CancellationToken ct)
    {
        if (path is null)
        {
            await write(c.Output);
            return;
        }
        await AtomicFile.WriteAsync(path, write, ct);
        c.Output.WriteLine($"Wrote the {what} to {path}.");
    }
}
