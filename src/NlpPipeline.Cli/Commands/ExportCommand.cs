using System.CommandLine;
using NlpPipeline.Core.Export;
using NlpPipeline.Storage;

namespace NlpPipeline.Cli.Commands;

internal static class ExportCommand
{
    public static Command Create(GlobalOptions globals, AppEnvironment env)
    {
        var format = new Option<string>("--format") { Description = "Output format", HelpName = "jsonl", DefaultValueFactory = _ => "jsonl" };
        format.AcceptOnlyFromAmong("jsonl");
        var output = OptionParsers.Out("Write to this file (complete or not at all) instead of standard output");
        var version = new Option<string?>("--model-version") { Description = "Labels from this model (default: the latest model that has scored passages)", HelpName = "VERSION" };
        var documents = new Command("documents",
            "One line per stored document: id, canonical_url, source, outlet, published (ISO 8601 with the publisher's offset; " +
            "null unless trusted), title, text, language, duplicate_of, intent, topics, sentiment_score (document-level, per LABELS.md), " +
            "fetched_at, model_version, and where the date came from: date_source, date_detail, date_flag (ok, undated, future, too_old), " +
            "published_claimed.")
        {
            format, output, version,
        };
        documents.SetAction(NlpApp.Guard(globals, env, async (pr, c, ct) =>
        {
            using var db = c.OpenDatabase();
            var predictions = new PredictionStore(db);
            var model = pr.GetValue(version) is { } v
                ? predictions.FindModel(v) ?? throw new UsageException($"Model version '{v}' is not registered in {db.Path}.")
                : predictions.LatestScoringModel();
            var rows = new AnalysisQueries(db).DocumentsAsync(model, ct);
            if (pr.GetValue(output) is { } path)
            {
                var count = 0;
                await AtomicFile.WriteAsync(path, async w => count = await DocumentJsonlWriter.WriteAsync(w, rows, ct), ct);
                c.Output.WriteLine($"Exported {count} document(s) to {path}{(model is null ? " (no predictions yet: labels are null)" : $" with labels from model {model.Version}")}.");
            }
            else
            {
                await DocumentJsonlWriter.WriteAsync(c.Output, rows, ct);
            }
            return ExitCodes.Ok;
        }));
        return new Command("export", "Export stored data for pandas, R and other tools.") { documents, ExportWeeklyCommand.Create(globals, env) };
    }
}
