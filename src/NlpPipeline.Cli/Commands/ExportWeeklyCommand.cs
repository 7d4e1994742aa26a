using System.CommandLine;
using NlpPipeline.Cli.Pipeline;
using NlpPipeline.Core.Export;

namespace NlpPipeline.Cli.Commands;

/// <summary>nlp export weekly: the weekly series as a file for pandas and R, with the options of report weekly.</summary>
internal static class ExportWeeklyCommand
{
    public static Command Create(GlobalOptions globals, AppEnvironment env)
    {
        var format = new Option<string>("--format")
        {
            Description = "csv: one row per week (and group), counts beside ratios; jsonl: the same columns, one object per line; " +
                          "parquet: the same columns typed (week_start a date, counts 64-bit integers, shares doubles)",
            HelpName = "csv|jsonl|parquet", DefaultValueFactory = _ => "csv",
        };
        format.AcceptOnlyFromAmong("csv", "jsonl", "parquet");
        var output = new Option<string>("--out", "-o") { Description = "File to write (complete or not at all)", HelpName = "PATH", Required = true };
        var range = new WeekRangeOptions();
        var series = new SeriesOptions();
        var command = new Command("weekly",
            "The weekly series of 'nlp report weekly' as a file: columns week, week_start, [group], model_version, documents, passages, " +
            "mean_sentiment with its 95 % t interval, counts and shares of each sentiment, emigration_related and its share, each intent's " +
            "count and share of the emigration-related passages, each topic's count and share of the passages, events, dated_by_fetch, " +
            "undated_excluded.")
        {
            format, output,
        };
        foreach (var o in range.All.Concat(series.All)) command.Options.Add(o);
        command.SetAction(NlpApp.Guard(globals, env, async (pr, c, ct) =>
        {
            var chosen = pr.GetValue(format);
            var kind = chosen == "jsonl" ? ReportFormat.Jsonl : ReportFormat.Csv;
            var request = range.Request(pr, c.Settings, series, kind);
            using var db = c.OpenDatabase();
            var built = await new WeeklyReportRunner(c.Log<WeeklyReportRunner>()).BuildAsync(db, request, ct);
            var path = pr.GetValue(output)!;
            if (chosen == "parquet")
                await AtomicFile.WriteStreamAsync(path, s => ParquetTableWriter.WriteAsync(s, WeeklyColumns.Table(built.Series.Info), built.Series.Rows.ToAsyncEnumerable(), ct: ct), ct);
            else
                await AtomicFile.WriteAsync(path, w => WeeklyReportWriter.WriteAsync(w, built.Series, kind), ct);
            c.Output.WriteLine($"Exported {built.Series.Rows.Count} row(s) of the weekly series (model {built.Series.Info.ModelVersion}, weeks in {built.Series.Info.TimeZone}) to {path}.");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
