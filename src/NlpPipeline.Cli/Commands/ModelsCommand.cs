using System.CommandLine;
using System.Globalization;
using NlpPipeline.Classification;
using NlpPipeline.Classification.Evaluation;
using NlpPipeline.Cli.Pipeline;
using NlpPipeline.Core.Corpora;
using NlpPipeline.Core.Domain;

namespace NlpPipeline.Cli.Commands;

internal static class ModelsCommand
{
    public static Command Create(GlobalOptions globals, AppEnvironment env)
    {
        var command = new Command("models", "The trained models: list them, compare two on the same held-out passages, promote one to be the model in use.");
        command.Subcommands.Add(List(globals, env));
        command.Subcommands.Add(Compare(globals, env));
        command.Subcommands.Add(Promote(globals, env));
        return command;
    }

    private static Option<string?> ModelsOption() => ModelLoading.CreateFolderOption("Models folder");

    private static Option<string> CorpusOption() =>
        new("--corpus") { Description = "Annotated corpus whose fixed split's test part both models are scored on", HelpName = "DIR", DefaultValueFactory = _ => NlpPaths.DefaultAnnotated };

    private static Option<int> ResamplesOption() =>
        new("--resamples") { Description = "Bootstrap resamples for the paired 95 % intervals", HelpName = "N", DefaultValueFactory = _ => HeldOutEvaluator.DefaultResamples };

    private static Command List(GlobalOptions globals, AppEnvironment env)
    {
        var models = ModelsOption();
        var command = new Command("list", "Every model version: when it was trained, on what data (SHA-256), its held-out figures, and which one is current (promoted).") { models };
        command.SetAction(NlpApp.Guard(globals, env, (pr, c, ct) =>
        {
            var root = c.Settings.Models;
            var versions = ModelRepository.Versions(root);
            var current = ModelRepository.CurrentVersion(root);
            var promotions = ModelRepository.Promotions(root).GroupBy(p => p.Version).ToDictionary(g => g.Key, g => g.Last());
            if (versions.Count == 0) { c.Output.WriteLine($"No models in {root}: train one with 'nlp train'."); return Task.FromResult(ExitCodes.Ok); }
            c.Output.WriteLine($"Models in {root} (held-out figures on each model's own test part, as recorded at training):");
            c.Output.WriteLine();
            c.Output.WriteLine("| version | created | training data SHA-256 | training passages | of which from the database | test passages | intent macro-F1 | sentiment macro-F1 | topics micro-F1 | state |");
            c.Output.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
            var inv = CultureInfo.InvariantCulture;
            foreach (var m in versions)
            {
                var state = m.Version == current ? "CURRENT" : "";
                if (promotions.TryGetValue(m.Version, out var p)) state += (state.Length > 0 ? ", " : "") + $"promoted {p.PromotedAt.ToString("yyyy-MM-dd", inv)}{(p.Forced ? " (forced)" : "")}";
                c.Output.WriteLine(string.Format(inv, "| {0} | {1:yyyy-MM-dd HH:mm} | {2} | {3} | {4} | {5} | {6:0.000} | {7:0.000} | {8:0.000} | {9} |",
                    m.Version, m.CreatedAt, m.TrainingDataSha256[..12], m.Corpus.BySplit.GetValueOrDefault("training"), m.StoreAnnotations ?? 0, m.Metrics.TestPassages,
                    m.Metrics.Intent.MacroF1, m.Metrics.Sentiment.MacroF1, m.Metrics.Topics.MicroF1, state));
            }
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }

    private static Command Compare(GlobalOptions globals, AppEnvironment env)
    {
        var a = new Argument<string>("A") { Description = "The reference model: a version, 'current', or a version folder" };
        var b = new Argument<string>("B") { Description = "The model compared with it" };
        var models = ModelsOption();
        var corpus = CorpusOption();
        var resamples = ResamplesOption();
        var command = new Command("compare",
            "Score two models on the same held-out passages (the corpus's fixed test split) and show, overall and per language, each figure for both " +
            "and the difference B − A with a 95 % paired bootstrap interval, with a verdict: better, worse or no clear difference.")
        {
            a, b, models, corpus, resamples,
        };
        command.SetAction(NlpApp.Guard(globals, env, (pr, c, ct) =>
        {
            var root = c.Settings.Models;
            var test = TestPart(pr.GetValue(corpus)!);
            var comparison = Run(root, pr.GetValue(a)!, pr.GetValue(b)!, test, pr.GetValue(resamples));
            c.Output.WriteLine($"Test set: the fixed test split of {pr.GetValue(corpus)} ({test.Count} passages).");
            ComparisonTable.Write(c.Output, comparison);
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }

    private static Command Promote(GlobalOptions globals, AppEnvironment env)
    {
        var version = new Argument<string>("VERSION") { Description = "The model version to put to work" };
        var models = ModelsOption();
        var corpus = CorpusOption();
        var resamples = ResamplesOption();
        var tolerance = new Option<double>("--tolerance") { Description = "Largest drop on a headline figure (intent macro-F1, sentiment macro-F1, topics micro-F1) accepted without --force", HelpName = "D", DefaultValueFactory = _ => 0.01 };
        var force = new Option<bool>("--force") { Description = "Promote even when the model is worse than the current one beyond the tolerance" };
        var command = new Command("promote",
            "Make VERSION the current model (used by ingest, classify and 'classify --reclassify'), after comparing it with the current one on the same " +
            "held-out passages. Refuses a model that is worse than the current one by more than the tolerance on any headline figure, unless --force.")
        {
            version, models, corpus, resamples, tolerance, force,
        };
        command.SetAction(NlpApp.Guard(globals, env, (pr, c, ct) =>
        {
            if (pr.GetValue(tolerance) is < 0 or > 1) throw new UsageException("--tolerance must be between 0 and 1");
            var root = c.Settings.Models;
            var target = VersionOf(root, pr.GetValue(version)!);
            var current = ModelRepository.CurrentVersion(root);
            var inv = CultureInfo.InvariantCulture;
            if (current == target) { c.Output.WriteLine($"{target} is already the current model."); return Task.FromResult(ExitCodes.Ok); }
            if (current is null)
            {
                ModelRepository.Promote(root, new ModelPromotion(target, null, c.Time.GetUtcNow(), "first model", false, pr.GetValue(tolerance), 0));
                c.Output.WriteLine($"{target} is now the current model (there was none to compare with). Relabel the store with: nlp classify --reclassify");
                return Task.FromResult(ExitCodes.Ok);
            }
            var test = TestPart(pr.GetValue(corpus)!);
            var comparison = Run(root, current, target, test, pr.GetValue(resamples));
            ComparisonTable.Write(c.Output, comparison);
            c.Output.WriteLine();
            var worse = comparison.WorseBeyond(pr.GetValue(tolerance));
            if (worse.Count > 0 && !pr.GetValue(force))
            {
                c.Error.WriteLine($"error: not promoted: {target} is worse than the current model {current} by more than {pr.GetValue(tolerance).ToString(inv)} on " +
                                  $"{string.Join("; ", worse.Select(ComparisonTable.Change))}. Use --force to promote it anyway.");
                return Task.FromResult(ExitCodes.Failed);
            }
            var verdict = comparison.Verdict switch { ComparisonVerdict.Better => "better", ComparisonVerdict.Worse => "worse", _ => "no clear difference" };
            ModelRepository.Promote(root, new ModelPromotion(target, current, c.Time.GetUtcNow(), verdict, worse.Count > 0, pr.GetValue(tolerance), test.Count));
            c.Output.WriteLine($"{target} is now the current model (replacing {current}; verdict: {verdict}{(worse.Count > 0 ? "; forced despite a drop beyond the tolerance" : "")}). " +
                               "Relabel the store with: nlp classify --reclassify");
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }

    private static ModelComparison Run(string root, string a, string b, IReadOnlyList<AnnotatedPassage> test, int resamples)
    {
        if (resamples is < 0 or > 100_000) throw new UsageException("--resamples must be between 0 and 100000");
        var (bundleA, manifestA) = ModelRepository.Load(Folder(root, a));
        var (bundleB, manifestB) = ModelRepository.Load(Folder(root, b));
        return ModelComparison.Run(bundleA, manifestA.Version, bundleB, manifestB.Version, test, resamples);
    }

    /// <summary>A version name (or 'current') in the models folder, or a version folder given by path.</summary>
    private static string Folder(string root, string name)
    {
        if (File.Exists(Path.Combine(name, ModelRepository.ManifestFile))) return name;
        if (name == "current") return ModelRepository.ResolveVersionDirectory(root);
        var dir = Path.Combine(root, name);
        if (!File.Exists(Path.Combine(dir, ModelRepository.ManifestFile)))
            throw new UsageException($"No model version '{name}' in {root} (see 'nlp models list').");
        return dir;
    }

    private static string VersionOf(string root, string name) => Path.GetFileName(Path.GetFullPath(Folder(root, name)).TrimEnd(Path.DirectorySeparatorChar)) is var v
        && Path.GetFullPath(Path.Combine(root, v)) == Path.GetFullPath(Folder(root, name)).TrimEnd(Path.DirectorySeparatorChar)
        ? v : throw new UsageException($"{name} is not a version of the models folder {root}: only its own versions can be promoted.");

    private static IReadOnlyList<AnnotatedPassage> TestPart(string folder)
    {
        var test = CorpusSplit.TestPart(AnnotatedCorpusReader.ReadFolder(folder));
        return test.Count > 0 ? test : throw new UsageException($"The corpus {folder} has no test part to compare on.");
    }
}
