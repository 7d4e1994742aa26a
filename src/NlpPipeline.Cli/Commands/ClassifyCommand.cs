using System.CommandLine;
using NlpPipeline.Classification;
using NlpPipeline.Cli.Pipeline;
using NlpPipeline.Cli.Settings;
using NlpPipeline.Storage;

namespace NlpPipeline.Cli.Commands;

internal static class ClassifyCommand
{
    public static Command Create(GlobalOptions globals, AppEnvironment env)
    {
        var model = ModelLoading.CreateOption();
        var reclassify = new Option<bool>("--reclassify")
        {
            Description = "Relabel every stored passage with the promoted model (the models folder's 'current', see 'nlp models promote'), " +
                          "recorded as a roll-out that a killed run continues; reports switch to the model when it completes",
        };
        var batch = new SettingOption(SettingCatalog.BatchSize, "--batch-size", "Passages scored and saved per transaction", "N");
        var command = new Command("classify",
            "Label every stored passage that has no prediction from the current model yet (resumable: each batch is saved as it is done). " +
            "Predictions of other model versions are kept.")
        {
            model, reclassify, batch,
        };
        command.SetAction(NlpApp.Guard(globals, env, (pr, c, ct) =>
        {
            var m = c.Settings.Models;
            if (pr.GetValue(reclassify) && File.Exists(Path.Combine(m, ModelRepository.ManifestFile)))
                throw new UsageException($"--reclassify uses the promoted model: give a models folder (its 'current' file names the version), not the version folder {m}. Promote a version with 'nlp models promote'.");
            var (bundle, manifest) = ModelLoading.Load(c.Settings, c.Log<ScoringRunner>());
            using var db = c.OpenDatabase();
            var runner = Composition.ScoringRunner(c);
            if (pr.GetValue(reclassify))
            {
                var s = RecordedRun.Run(c, db, "reclassify", runs =>
                {
                    var summary = runner.Reclassify(db, bundle, manifest, ct);
                    runs.Store.RecordScoring(runs.RunId, manifest.Version, summary.ScoredNow);
                    runs.Store.FinishSimple(runs.RunId, "completed", 0, 0, 0);
                    return summary;
                });
                var versions = new PredictionStore(db).ScoredVersions();
                c.Output.WriteLine($"Reclassified the store with model {s.ModelVersion} (run #{s.RunId}{(s.Resumed ? $", resumed: {s.ScoredBefore} passage(s) were done before the interruption" : "")}): " +
                                   $"{s.ScoredNow} passage(s) labelled now, {s.Total} in this roll-out. Reports now use {s.ModelVersion}.");
                c.Output.WriteLine($"Predictions kept per model version: {string.Join(", ", versions.Select(v => $"{v.Version} {v.Passages}"))}.");
                return Task.FromResult(ExitCodes.Ok);
            }
            var scored = RecordedRun.Run(c, db, "classify", runs =>
            {
                var n = runner.ScoreUnscored(db, bundle, manifest, ct);
                runs.Store.RecordScoring(runs.RunId, manifest.Version, n);
                runs.Store.FinishSimple(runs.RunId, "completed", 0, 0, 0);
                return n;
            });
            var (documents, passages) = new DocumentStore(db).Counts();
            c.Output.WriteLine($"Classified {scored} passage(s) with model {manifest.Version}; the store holds {documents} document(s), {passages} passage(s).");
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }
}
