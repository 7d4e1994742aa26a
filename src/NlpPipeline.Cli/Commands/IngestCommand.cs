using System.CommandLine;
using NlpPipeline.Cli.Pipeline;
using NlpPipeline.Ingestion.Sources;

namespace NlpPipeline.Cli.Commands;

internal static class IngestCommand
{
    public static Command Create(GlobalOptions globals, AppEnvironment env)
    {
        var sources = new Option<string>("--sources", "-s")
        {
            Description = "Sources file (JSON): {\"sources\": [{\"id\", \"outlet\", \"kind\": feed|page|telegram, \"url\", \"language\"}]}",
            HelpName = "PATH",
            Required = true,
        };
        var model = ModelLoading.CreateOption();
        var noClassify = new Option<bool>("--no-classify") { Description = "Store passages without classifying them (run 'nlp classify' later)" };
        var command = new Command("ingest",
            "Fetch every source (feeds, then each item's page; single pages), extract the main text, split it into passages, " +
            "identify their language, store new documents (links known by their canonical URL are not fetched again; exact and near " +
            "copies of a stored story are kept as its duplicates; each date records where it came from) and classify the new passages.")
        {
            sources, model, noClassify,
        };
        command.SetAction(NlpApp.Guard(globals, env, async (pr, c, ct) =>
        {
            var list = SourcesFile.Load(pr.GetValue(sources)!);
            var scoring = pr.GetValue(noClassify) ? null : ModelLoading.LoadIfPresent(pr.GetValue(model), c.Log<IngestionRunner>());
            using var db = c.OpenDatabase();
            var summary = await Composition.IngestionRunner(c).RunAsync(list, db, ct);
            if (scoring is { } s)
            {
                summary.Scored = Composition.ScoringRunner(c).ScoreUnscored(db, s.Bundle, s.Manifest, ct);
                summary.ScoringNote = $"Classified {summary.Scored} passage(s) with model {s.Manifest.Version}.";
            }
            else
            {
                summary.ScoringNote = "Passages were stored without predictions; run 'nlp classify' to label them.";
            }
            summary.Write(c.Output);
            return summary.AllFailed ? ExitCodes.Failed : ExitCodes.Ok;
        }));
        return command;
    }
}
