using System.CommandLine;
using System.Text.Json;
using NlpPipeline.Classification;
using NlpPipeline.Classification.Evaluation;
using NlpPipeline.Cli.Pipeline;
using NlpPipeline.Core.Corpora;
using NlpPipeline.Core.Domain;
using NlpPipeline.Core.Export;

namespace NlpPipeline.Cli.Commands;

internal static class EvaluateCommand
{
    public static Command Create(GlobalOptions globals, AppEnvironment env)
    {
        var test = new Option<string>("--test")
        {
            Description = "Annotated passages to score (JSON Lines in the LABELS.md format), or an annotated corpus folder, whose fixed split's test part is used",
            HelpName = "FILE.jsonl", Required = true,
        };
        var model = ModelLoading.CreateOption();
        var output = new Option<string?>("--out") { Description = "Also write every figure as JSON (written only when complete)", HelpName = "metrics.json" };
        var resamples = new Option<int>("--resamples") { Description = "Bootstrap resamples for the 95 % intervals", HelpName = "N", DefaultValueFactory = _ => HeldOutEvaluator.DefaultResamples };
        var seed = new Option<int>("--seed") { Description = "Seed of the bootstrap", HelpName = "N", DefaultValueFactory = _ => 1 };
        var command = new Command("evaluate",
            "Score a model on annotated passages: accuracy and macro-F1 for intent and sentiment, micro- and macro-F1 for topics, " +
            "overall and per language, with 95 % bootstrap intervals and confusion matrices, next to a majority-class and a keyword baseline.")
        {
            test, model, output, resamples, seed,
        };
        command.SetAction(NlpApp.Guard(globals, env, async (pr, c, ct) =>
        {
            if (pr.GetValue(resamples) is < 0 or > 100_000) throw new UsageException("--resamples must be between 0 and 100000");
            var passages = Read(pr.GetValue(test)!);
            var (bundle, manifest) = ModelLoading.Load(c.Settings, c.Log<ScoringRunner>());
            var evaluation = ModelEvaluation.Run(bundle, manifest.Version, manifest.TrainingLabels, passages, pr.GetValue(resamples), pr.GetValue(seed));
            c.Output.WriteLine($"Model {manifest.Version} on {pr.GetValue(test)}");
            HeldOutTable.Write(c.Output, evaluation);
            if (pr.GetValue(output) is { } path)
            {
                await AtomicFile.WriteAsync(path, w => w.WriteLineAsync(JsonSerializer.Serialize(evaluation, ModelManifest.Json)), ct);
                c.Output.WriteLine();
                c.Output.WriteLine($"Wrote {path}.");
            }
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static IReadOnlyList<AnnotatedPassage> Read(string path)
    {
        if (Directory.Exists(path))
        {
            return CorpusSplit.TestPart(AnnotatedCorpusReader.ReadFolder(path));
        }
        if (!File.Exists(path)) throw new FileNotFoundException($"Test file not found: {path}");
        var passages = AnnotatedCorpusReader.ReadFile(path);
        if (passages.Count == 0) throw new FormatException($"{path} holds no passages.");
        return passages;
    }
}
