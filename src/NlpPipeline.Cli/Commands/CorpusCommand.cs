using System.CommandLine;
using System.Text.Json;
using NlpPipeline.Classification;
using NlpPipeline.Classification.Evaluation;
using NlpPipeline.Cli.Pipeline;
using NlpPipeline.Core.Corpora;
using NlpPipeline.Core.Export;

namespace NlpPipeline.Cli.Commands;

internal static class CorpusCommand
{
    private const int MaxErrorsShown = 100;

    public static Command Create(GlobalOptions globals, AppEnvironment env)
    {
        var path = new Argument<string>("PATH")
        {
            Description = "An annotated *.jsonl file or a folder of them",
            DefaultValueFactory = _ => NlpPaths.DefaultAnnotated,
        };
        var strict = new Option<bool>("--strict") { Description = "Exit 1 when a corpus target (size, label balance, near-duplicates) is not met" };
        var check = new Command("check",
            "Validate every line (invalid JSON, unknown label, missing field, duplicate id: error with file and line, exit 1), " +
            "then print counts per language × label, lengths, the fixed split, exact and near-duplicates, and unmet targets.")
        {
            path, strict,
        };
        check.SetAction(NlpApp.Guard(globals, env, (pr, c, ct) =>
        {
            var source = pr.GetValue(path)!;
            var validation = AnnotatedCorpusReader.Validate(source);
            if (validation.Errors.Count > 0)
            {
                foreach (var e in validation.Errors.Take(MaxErrorsShown)) c.Error.WriteLine("error: " + e.Message);
                if (validation.Errors.Count > MaxErrorsShown) c.Error.WriteLine($"... and {validation.Errors.Count - MaxErrorsShown} more");
                c.Error.WriteLine($"{validation.Errors.Count} bad line(s) in {validation.Errors.Select(e => e.Path).Distinct().Count()} file(s); " +
                                  "nothing was measured. Fix them and run the check again.");
                return Task.FromResult(ExitCodes.Failed);
            }
            var corpus = validation.Passages;
            var targets = new CorpusTargets();
            var stats = CorpusChecker.Measure(corpus);
            var unmet = CorpusChecker.UnmetTargets(stats, targets);
            CorpusReportWriter.Write(c.Output, source, stats, unmet, targets);
            return Task.FromResult(pr.GetValue(strict) && unmet.Count > 0 ? ExitCodes.Failed : ExitCodes.Ok);
        }));
        return new Command("corpus", "Work with the annotated corpus.") { check, Agreement(globals, env) };
    }

    private static Command Agreement(GlobalOptions globals, AppEnvironment env)
    {
        var files = new Argument<string[]>("FILE")
        {
            Description = "Second-annotation files (JSON Lines: id, intent, topics, sentiment, annotator, optional note; or a partial reading giving only some of intent, topics, sentiment; joined to the corpus by id)",
            Arity = ArgumentArity.OneOrMore,
        };
        var corpus = new Option<string>("--corpus")
        {
            Description = "The annotated corpus whose labels are the first annotation (a folder of *.jsonl, or one file)",
            HelpName = "DIR", DefaultValueFactory = _ => NlpPaths.DefaultAnnotated,
        };
        var model = ModelLoading.CreateOption();
        var noModel = new Option<bool>("--no-model") { Description = "Leave the model out (by default the promoted model is scored beside the annotators; without one at the default place, a warning)" };
        var output = new Option<string?>("--out") { Description = "Also write every figure as JSON (written only when complete)", HelpName = "PATH" };
        var resamples = new Option<int>("--resamples") { Description = "Bootstrap resamples for the 95 % intervals", HelpName = "N", DefaultValueFactory = _ => HeldOutEvaluator.DefaultResamples };
        var seed = new Option<int>("--seed") { Description = "Seed of the bootstrap", HelpName = "N", DefaultValueFactory = _ => 1 };
        var command = new Command("agreement",
            "How far second annotations agree with the corpus labels and with each other: per task, overall and per language, " +
            "observed agreement, Cohen's kappa and macro-F1 (corpus as the reference) for intent and sentiment, micro- and macro-F1 and " +
            "each topic's kappa for topics, with 95 % bootstrap intervals and confusion matrices; every pair of files on the passages both " +
            "labelled; and the model's figures on the same passages, those in the corpus's fixed test part. A file whose lines give only some " +
            "of intent, topics and sentiment is a partial reading (the blind topic and sentiment readings of GUIDELINES §9 and §10) and is " +
            "compared on those alone; every line of a file gives the same labels. Every line is validated first " +
            "(invalid JSON, unknown label, missing field, id not in the corpus, duplicate id: error with file and line, exit 1, nothing written).")
        {
            files, corpus, model, noModel, output, resamples, seed,
        };
        command.SetAction(NlpApp.Guard(globals, env, async (pr, c, ct) =>
        {
            if (pr.GetValue(resamples) is < 0 or > 100_000) throw new UsageException("--resamples must be between 0 and 100000");
            if (pr.GetValue(noModel) && pr.GetResult(model) is { Implicit: false }) throw new UsageException("give --model or --no-model, not both");
            var paths = pr.GetValue(files)!;
            if (paths.Select(Path.GetFullPath).Distinct().Count() < paths.Length) throw new UsageException("a file is given twice");
            var corpusPath = pr.GetValue(corpus)!;
            var passages = Directory.Exists(corpusPath) ? AnnotatedCorpusReader.ReadFolder(corpusPath) : AnnotatedCorpusReader.ReadFile(corpusPath);
            var validation = SecondAnnotationReader.Validate(paths, passages.Select(p => p.Id).ToHashSet(StringComparer.Ordinal));
            if (validation.Errors.Count > 0)
            {
                foreach (var e in validation.Errors.Take(MaxErrorsShown)) c.Error.WriteLine("error: " + e.Message);
                if (validation.Errors.Count > MaxErrorsShown) c.Error.WriteLine($"... and {validation.Errors.Count - MaxErrorsShown} more");
                c.Error.WriteLine($"{validation.Errors.Count} bad line(s) in {validation.Errors.Select(e => e.Path).Distinct().Count()} file(s); " +
                                  "nothing was measured. Fix them and run the command again.");
                return ExitCodes.Failed;
            }
            var loaded = pr.GetValue(noModel) ? null
                : ModelLoading.LoadIfPresent(c.Settings, c.Log<ScoringRunner>(), "the model's figures are left out");
            var scoring = loaded is { } m ? LabelReliability.Scoring(m.Bundle, m.Manifest.Version) : null;
            var report = LabelReliability.Measure(corpusPath, passages, validation.Files, scoring, pr.GetValue(resamples), pr.GetValue(seed));
            ReliabilityTable.Write(c.Output, report);
            if (pr.GetValue(output) is { } path)
            {
                await AtomicFile.WriteAsync(path, w => w.WriteLineAsync(JsonSerializer.Serialize(report, ModelManifest.Json)), ct);
                c.Output.WriteLine();
                c.Output.WriteLine($"Wrote {path}.");
            }
            return ExitCodes.Ok;
        }));
        return command;
    }
}
