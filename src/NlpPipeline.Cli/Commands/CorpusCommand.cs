using System.CommandLine;
using NlpPipeline.Core.Corpora;

namespace NlpPipeline.Cli.Commands;

internal static class CorpusCommand
{
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
            var corpus = Directory.Exists(source) ? AnnotatedCorpusReader.ReadFolder(source)
                : File.Exists(source) ? AnnotatedCorpusReader.ReadFile(source)
                : throw new FileNotFoundException($"No annotated corpus at {source}");
            var targets = new CorpusTargets();
            var stats = CorpusChecker.Measure(corpus);
            var unmet = CorpusChecker.UnmetTargets(stats, targets);
            CorpusReportWriter.Write(c.Output, source, stats, unmet, targets);
            return Task.FromResult(pr.GetValue(strict) && unmet.Count > 0 ? ExitCodes.Failed : ExitCodes.Ok);
        }));
        return new Command("corpus", "Work with the annotated corpus.") { check };
    }
}
