using System.CommandLine;
using NlpPipeline.Core.Corpora;

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
        return new Command("corpus", "Work with the annotated corpus.") { check };
    }
}
