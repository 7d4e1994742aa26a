using System.CommandLine;
using NlpPipeline.Cli.Pipeline;
using NlpPipeline.Storage;

namespace NlpPipeline.Cli.Commands;

internal static class ClassifyCommand
{
    public static Command Create(GlobalOptions globals, AppEnvironment env)
    {
        var model = ModelLoading.CreateOption();
        var command = new Command("classify",
            "Label every stored passage that has no prediction from the current model yet (resumable: each batch is saved as it is done).")
        {
            model,
        };
        command.SetAction(NlpApp.Guard(globals, env, (pr, c, ct) =>
        {
            var (bundle, manifest) = ModelLoading.Load(pr.GetValue(model), c.Log<ScoringRunner>());
            using var db = c.OpenDatabase();
            var scored = RecordedRun.Run(c, db, "classify", runs =>
            {
                var n = Composition.ScoringRunner(c).ScoreUnscored(db, bundle, manifest, ct);
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
