using System.CommandLine;
using NlpPipeline.Core.Analysis;
using NlpPipeline.Core.Export;
using NlpPipeline.Storage;
using NlpPipeline.Storage.Search;

namespace NlpPipeline.Cli.Commands;

internal static class ExportCommand
{
    public static Command Create(GlobalOptions globals, AppEnvironment env) =>
        new("export", "Export stored data for pandas, R and other tools (JSON Lines, CSV or Parquet).") { Documents(globals, env), Passages(globals, env), ExportWeeklyCommand.Create(globals, env) };

    private static Command Documents(GlobalOptions globals, AppEnvironment env)
    {
        var filters = new PassageFilterOptions();
        var (format, output) = FormatAndOut("jsonl", outRequired: false);
        var command = new Command("documents",
            "One row per stored document (duplicates included): id, canonical_url, source, outlet, published (ISO 8601 with the publisher's offset; " +
            "null unless trusted), title, text, language, duplicate_of, intent, topics, sentiment_score (document-level, per LABELS.md), " +
            "fetched_at, model_version, and where the date came from: date_source, date_detail, date_flag (ok, undated, future, too_old), " +
            "published_claimed. Filters keep the documents with at least one passage that matches them (a duplicate: its original's).")
        {
            format, output,
        };
        filters.AddTo(command);
        command.SetAction(NlpApp.Guard(globals, env, async (pr, c, ct) =>
        {
            using var db = c.OpenDatabase();
            var (filter, model, _) = filters.Read(pr, db, c.Settings.Calendar);
            var rows = new AnalysisQueries(db).DocumentsAsync(model, filter, ct);
            var count = await WriteAsync(c, pr.GetValue(format)!, pr.GetValue(output), rows, DocumentTable.Columns, d => d.Text.Length,
                async (w, rs) => await DocumentJsonlWriter.WriteAsync(w, rs, ct), ct);
            if (pr.GetValue(output) is { } path)
                c.Output.WriteLine($"Exported {count} document(s) to {path}{(model is null ? " (no predictions yet: labels are null)" : $" with labels from model {model.Version}")}.");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Passages(GlobalOptions globals, AppEnvironment env)
    {
        var filters = new PassageFilterOptions();
        var (format, output) = FormatAndOut("csv", outRequired: true);
        var command = new Command("passages",
            "One row per passage (duplicates have none): passage_id, document_id, ordinal, canonical_url, source, outlet, source_kind, published " +
            "(trusted only; CSV/JSONL: ISO 8601 with the publisher's offset, Parquet: a UTC timestamp beside published_offset_minutes), " +
            "local_date (in the research time zone, --time-zone), date_flag, language, model_version, intent, topics, sentiment, sentiment_score, one probability column " +
            "per label (p_intent_<label>, p_topic_<label>, p_sentiment_<label>; in JSONL objects intent_probs, topic_probs, sentiment_probs) " +
            "and text. Labels from one model version; passages it has not scored have empty labels.")
        {
            format, output,
        };
        filters.AddTo(command);
        command.SetAction(NlpApp.Guard(globals, env, async (pr, c, ct) =>
        {
            using var db = c.OpenDatabase();
            var calendar = c.Settings.Calendar;
            var (filter, model, _) = filters.Read(pr, db, calendar);
            var rows = new PassageQueries(db).ExportAsync(filter, model?.Version, ct);
            var path = pr.GetValue(output)!;
            var count = await WriteAsync(c, pr.GetValue(format)!, path, rows, PassageTable.Columns(calendar), p => p.Text.Length,
                (w, rs) => PassageJsonlWriter.WriteAsync(w, rs, calendar, ct), ct);
            c.Output.WriteLine($"Exported {count} passage(s) to {path}{(model is null ? " (no predictions yet: labels are empty)" : $" with labels from model {model.Version}")}.");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static (Option<string> Format, Option<string?> Out) FormatAndOut(string defaultFormat, bool outRequired)
    {
        var format = new Option<string>("--format") { Description = "Output format", HelpName = "jsonl|csv|parquet", DefaultValueFactory = _ => defaultFormat };
        format.AcceptOnlyFromAmong("jsonl", "csv", "parquet");
        var output = OptionParsers.Out(outRequired
            ? "Write to this file (complete or not at all)"
            : "Write to this file (complete or not at all) instead of standard output; required for parquet");
        output.Required = outRequired;
        return (format, output);
    }

    /// <summary>Writes <paramref name="rows"/> in the chosen format to the file (atomically) or, for text formats, standard output.</summary>
    private static async Task<long> WriteAsync<T>(CliContext c, string format, string? path, IAsyncEnumerable<T> rows,
        IReadOnlyList<TableColumn<T>> columns, Func<T, int> rowChars, Func<TextWriter, IAsyncEnumerable<T>, Task<long>> jsonl, CancellationToken ct)
    {
        long count = 0;
        if (format == "parquet")
        {
            if (path is null) throw new UsageException("--format parquet needs --out PATH (Parquet is a binary file).");
            await AtomicFile.WriteStreamAsync(path, async s => count = await ParquetTableWriter.WriteAsync(s, columns, rows, rowChars, ct: ct), ct);
            return count;
        }
        Func<TextWriter, Task<long>> write = format == "csv" ? w => CsvTableWriter.WriteAsync(w, columns, rows, ct) : w => jsonl(w, rows);
        if (path is null) return await write(c.Output);
        await AtomicFile.WriteAsync(path, async w => count = await write(w), ct);
        return count;
    }
}
