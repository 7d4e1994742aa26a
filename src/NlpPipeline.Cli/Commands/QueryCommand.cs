using System.CommandLine;
using NlpPipeline.Core.Export;
using NlpPipeline.Storage.Search;

namespace NlpPipeline.Cli.Commands;

internal static class QueryCommand
{
    public static Command Create(GlobalOptions globals, AppEnvironment env)
    {
        var filters = new PassageFilterOptions();
        var limit = new Option<int>("--limit")
        {
            Description = "At most this many passages (0: all)",
            HelpName = "N",
            DefaultValueFactory = _ => 20,
        };
        limit.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 0) r.AddError("--limit must be 0 (all) or more");
        });
        var format = new Option<string>("--format") { Description = "Output format", HelpName = "table|csv|jsonl", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "csv", "jsonl");
        var command = new Command("query",
            "Find passages by full-text search (SQLite FTS5) and labels. With --text, best matches first, with the matched words marked " +
            "(**like this**) in the table; without, newest first. Shows passage and document ids, publication time (in the research time zone, --time-zone), source, " +
            "outlet, language, intent, topics, sentiment and score; csv and jsonl carry the full text. Labels come from one model version " +
            "(named in the table's first line). Duplicates are never shown; with --from/--to, documents without a trusted date are left out.")
        {
            limit, format,
        };
        filters.AddTo(command);
        command.SetAction(NlpApp.Guard(globals, env, async (pr, c, ct) =>
        {
            using var db = c.OpenDatabase();
            var calendar = c.Settings.Calendar;
            var (filter, model, isDefault) = filters.Read(pr, db, calendar);
            var n = pr.GetValue(limit);
            var hits = new PassageQueries(db).SearchAsync(filter, model?.Version, n == 0 ? null : n, ct);
            var context = new PassageHitWriter.Context(model?.Version, isDefault, calendar);
            _ = pr.GetValue(format) switch
            {
                "csv" => await PassageHitWriter.WriteCsvAsync(c.Output, hits, context, ct),
                "jsonl" => await PassageHitWriter.WriteJsonlAsync(c.Output, hits, context, ct),
                _ => await PassageHitWriter.WriteTableAsync(c.Output, hits, context, ct),
            };
            return ExitCodes.Ok;
        }));
        return command;
    }
}
