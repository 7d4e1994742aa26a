using System.CommandLine;
using NlpPipeline.Cli.Charts;
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
        var range = new WeekRangeOptions();
        var series = new SeriesOptions();
        var format = OptionParsers.Format(ReportFormat.Table, ReportFormat.Csv, ReportFormat.Json);
        var output = OptionParsers.Out("Write to this file (complete or not at all) instead of standard output");
        var chart = ChartOption();
        var html = HtmlOption();
        var weekly = new Command("weekly",
            "One row per ISO week (Asia/Almaty unless --time-zone), and per group with --by, empty weeks included: documents, passages, " +
            "mean sentiment score with its 95 % Student-t interval, counts and shares of negative/neutral/positive passages, of " +
            "emigration-related passages (intent not none) and of each intent among them, and of each topic; weeks that overlap an " +
            "event are marked. Every share is given with its denominator. One model version per series. Each story counts once " +
            "(duplicates and near-copies are left out); documents without a trusted publication time are left out unless " +
            "--include-undated, and the report says how many.")
        {
            format, output, chart, html,
        };
        foreach (var o in range.All.Concat(series.All)) weekly.Options.Add(o);
        weekly.SetAction(NlpApp.Guard(globals, env, async (pr, c, ct) =>
        {
            var request = range.Request(pr, c.Settings, series, OptionParsers.ParseFormat(pr.GetValue(format)!));
            using var db = c.OpenDatabase();
            var built = await new WeeklyReportRunner(c.Log<WeeklyReportRunner>()).BuildAsync(db, request, ct);
            await WriteAsync(c, pr.GetValue(output), "weekly report", w => WeeklyReportWriter.WriteAsync(w, built.Series, request.Format), ct);
            var title = built.Event is { } e ? $"Weekly series around \"{e.Name}\"" : "Weekly series";
            await WriteVisualsAsync(c, built, title, pr.GetValue(chart), pr.GetValue(html), null, ct);
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
        var chart = ChartOption();
        var html = HtmlOption();
        var command = new Command("event",
            "The weekly series around an event and a before/after comparison of each measure (mean sentiment, negative share, " +
            "emigration-related share, each intent's share among the emigration-related passages, each topic's share): after - before " +
            "with a 95 % interval (Welch for the mean, Newcombe's hybrid score interval for shares) and the counts behind every figure. " +
            "CSV output is the comparison; JSON has both.")
        {
            name, before, after, format, output, chart, html,
        };
        foreach (var o in series.All) command.Options.Add(o);
        command.SetAction(NlpApp.Guard(globals, env, async (pr, c, ct) =>
        {
            // Checked here, not in a validator: a validator sees 0 for an option left at its default.
            if (pr.GetValue(before) < 1) throw new UsageException("--weeks-before must be 1 or more (the weeks compared against)");
            if (pr.GetValue(after) < 0) throw new UsageException("--weeks-after must be 0 or more");
            var request = series.Request(pr, c.Settings, null, null, pr.GetValue(name), pr.GetValue(before), pr.GetValue(after), OptionParsers.ParseFormat(pr.GetValue(format)!));
            using var db = c.OpenDatabase();
            var built = await new WeeklyReportRunner(c.Log<WeeklyReportRunner>()).BuildAsync(db, request, ct);
            var windows = EventWindows.Around(built.Event!, request.WeeksBefore, request.WeeksAfter);
            var comparison = EventComparison.Compare(built.Series.Rows, windows);
            await WriteAsync(c, pr.GetValue(output), "event report", w => EventReportWriter.WriteAsync(w, built.Series, windows, comparison, request.Format), ct);
            await WriteVisualsAsync(c, built, $"Around \"{windows.Event.Name}\"", pr.GetValue(chart), pr.GetValue(html), (windows, comparison), ct);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Option<string?> ChartOption() => new("--chart")
    {
        Description = "Also draw the series as a PNG (1200 x 840): weekly mean sentiment with its 95 % interval band, the share of " +
                      "emigration-related passages, events shaded and named",
        HelpName = "PATH.png",
    };

    private static Option<string?> HtmlOption() => new("--html")
    {
        Description = "Also write a self-contained HTML report (chart embedded, tables, model version, time zone, denominators, exclusions)",
        HelpName = "PATH",
    };

    private static async Task WriteVisualsAsync(CliContext c, BuiltSeries built, string title, string? chartPath, string? htmlPath,
        (EventWindows Windows, IReadOnlyList<MeasureComparison> Comparison)? comparison, CancellationToken ct)
    {
        if (chartPath is null && htmlPath is null) return;
        var png = WeeklyChart.Render(built.Series, built.Events, $"{title}: model {built.Series.Info.ModelVersion}, weeks in {built.Series.Info.TimeZone}");
        if (chartPath is not null)
        {
            await AtomicFile.WriteBytesAsync(chartPath, png, ct);
            c.Error.WriteLine($"Wrote the chart to {chartPath}.");
        }
        if (htmlPath is not null)
        {
            await AtomicFile.WriteAsync(htmlPath, w => HtmlReportWriter.WriteAsync(w, title, built.Series, png, comparison?.Windows, comparison?.Comparison), ct);
            c.Error.WriteLine($"Wrote the HTML report to {htmlPath}.");
        }
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
