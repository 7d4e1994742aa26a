using System.CommandLine;
using NlpPipeline.Cli.Pipeline;
using NlpPipeline.Ingestion.Sources;
using NlpPipeline.Ingestion.Telegram;

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
        var telegramPages = new Option<int>("--telegram-pages")
        {
            Description = "Telegram channels: at most this many preview pages (about 20 posts each) per channel per run; " +
                          "a channel read before stops at the last post it has",
            HelpName = "N",
            DefaultValueFactory = _ => TelegramOptions.DefaultMaxPages,
        };
        var failRuns = new Option<int>("--fail-runs")
        {
            Description = "A source that has failed this many runs in a row is reported with a WARNING (and disabled with --auto-disable)",
            HelpName = "N",
            DefaultValueFactory = _ => SourceHealthOptions.DefaultFailRuns,
        };
        var autoDisable = new Option<bool>("--auto-disable")
        {
            Description = "Disable a source once it has failed --fail-runs runs in a row; later runs skip it until 'nlp sources enable ID'",
        };
        var command = new Command("ingest",
            "Fetch every source (feeds, then each item's page; single pages; telegram channels' new posts), extract the main text, split it into passages, " +
            "identify their language, store new documents (known ones are skipped) and classify the new passages.")
        {
            sources, model, noClassify, telegramPages, failRuns, autoDisable,
        };
        command.SetAction(NlpApp.Guard(globals, env, async (pr, c, ct) =>
        {
            var telegram = new TelegramOptions(pr.GetValue(telegramPages));
            if (telegram.Validate().FirstOrDefault() is { } bad) throw new UsageException($"--telegram-pages: {bad}");
            if (pr.GetValue(failRuns) < 1) throw new UsageException("--fail-runs must be at least 1");
            var health = new SourceHealthOptions(pr.GetValue(failRuns), pr.GetValue(autoDisable));
            var list = SourcesFile.Load(pr.GetValue(sources)!);
            var scoring = pr.GetValue(noClassify) ? null : ModelLoading.LoadIfPresent(pr.GetValue(model), c.Log<IngestionRunner>());
            using var db = c.OpenDatabase();
            var summary = await Composition.IngestionRunner(c, telegram, health).RunAsync(list, db, ct);
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
