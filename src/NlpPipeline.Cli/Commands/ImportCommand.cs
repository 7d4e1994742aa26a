using System.CommandLine;
using NlpPipeline.Cli.Pipeline;
using NlpPipeline.Cli.Settings;
using NlpPipeline.Ingestion.Imports;

namespace NlpPipeline.Cli.Commands;

internal static class ImportCommand
{
    public static Command Create(GlobalOptions globals, AppEnvironment env)
    {
        var path = new Argument<string>("PATH") { Description = "The file to import: a Telegram Desktop export (result.json), or a JSONL or CSV post dump" };
        var format = new Option<string>("--format")
        {
            Description = "telegram-json: Telegram Desktop's result.json; jsonl or csv: one post per line/row with id, text, created_at, platform, url (author optional)",
            HelpName = string.Join("|", ImportFormatNames.Names),
            Required = true,
        };
        format.AcceptOnlyFromAmong([.. ImportFormatNames.Names]);
        var source = new Option<string>("--source") { Description = "Source id to store the posts under (created as an import source if new)", HelpName = "ID", Required = true };
        var platform = new Option<string?>("--platform") { Description = "Platform of posts whose row names none (default for telegram-json: telegram)", HelpName = "NAME" };
        var model = ModelLoading.CreateOption();
        var noClassify = new Option<bool>("--no-classify") { Description = "Store passages without classifying them (run 'nlp classify' later)" };
        var command = new Command("import",
            "Import posts a researcher already holds (Telegram Desktop exports, JSONL/CSV dumps) through the same text pipeline as ingest. " +
            "The whole file is checked first: any bad line is reported with its line number and nothing is imported. " +
            $"Authors are stored only as a keyed hash (key from ${SettingCatalog.AuthorSalt.Variable} or the settings file's {SettingCatalog.AuthorSalt.Key}, else the database's own random key). " +
            "Importing the same file again stores nothing new.")
        {
            path, format, source, platform, model, noClassify,
        };
        command.SetAction(NlpApp.Guard(globals, env, (pr, c, ct) =>
        {
            var file = pr.GetValue(path)!;
            if (!File.Exists(file)) throw new FileNotFoundException($"File not found: {file}", file);
            ImportFormatNames.TryParse(pr.GetValue(format), out var parsed);
            var scoring = pr.GetValue(noClassify) ? null : ModelLoading.LoadIfPresent(c.Settings, c.Log<ImportRunner>());
            using var db = c.OpenDatabase();
            var summary = RecordedRun.Run(c, db, "import", runs =>
            {
                var summary = Composition.ImportRunner(c).Run(file, parsed, pr.GetValue(source)!, pr.GetValue(platform),
                    c.Settings.AuthorSalt, db, ct);
                if (scoring is { } s)
                {
                    summary.Scored = Composition.ScoringRunner(c).ScoreUnscored(db, s.Bundle, s.Manifest, ct);
                    summary.ScoringNote = $"Classified {summary.Scored} passage(s) with model {s.Manifest.Version}.";
                    runs.Store.RecordScoring(runs.RunId, s.Manifest.Version, summary.Scored);
                }
                else
                {
                    summary.ScoringNote = "Passages were stored without predictions; run 'nlp classify' to label them.";
                }
                runs.Store.FinishSimple(runs.RunId, "completed", summary.New, summary.AlreadyStored, summary.Passages,
                    System.Text.Json.JsonSerializer.Serialize(new { import_id = summary.ImportId, file = Path.GetFileName(file), source = pr.GetValue(source), duplicates = summary.Duplicates }));
                return summary;
            });
            summary.Write(c.Output, file, pr.GetValue(source)!);
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }
}
