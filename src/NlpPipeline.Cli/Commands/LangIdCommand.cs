using System.CommandLine;
using System.Globalization;
using NlpPipeline.Classification.Languages;
using NlpPipeline.Core.Corpora;
using NlpPipeline.Core.Export;
using NlpPipeline.Core.Labels;

namespace NlpPipeline.Cli.Commands;

internal static class LangIdCommand
{
    public static Command Create(GlobalOptions globals, AppEnvironment env)
    {
        var command = new Command("langid",
            "Identify the language of each line of standard input; write one line per input: LABEL<TAB>CONFIDENCE " +
            $"(LABEL is one of {string.Join(", ", LabelNames.Languages.Names)}; CONFIDENCE from 0 to 1).");
        command.SetAction(NlpApp.Guard(globals, env, async (pr, c, ct) =>
        {
            string? line;
            while ((line = await c.Env.Input.ReadLineAsync(ct)) is not null)
            {
                var guess = Composition.Languages.Guess(line);
                await c.Output.WriteLineAsync($"{guess.Language.ToWire()}\t{guess.Confidence.ToString("0.000", CultureInfo.InvariantCulture)}");
            }
            await c.Output.FlushAsync(ct);
            return ExitCodes.Ok;
        }));
        command.Subcommands.Add(Train(globals, env));
        return command;
    }

    private static Command Train(GlobalOptions globals, AppEnvironment env)
    {
        var corpus = new Option<string>("--corpus") { Description = "Folder of annotated *.jsonl files; their kk, ru and en passages are the training text", HelpName = "DIR", DefaultValueFactory = _ => NlpPaths.DefaultAnnotated };
        var output = new Option<string>("--out") { Description = "Where to write the counts (gzipped TSV); the build embeds the file at the default path", HelpName = "PATH", DefaultValueFactory = _ => NlpPaths.DefaultFoldedNgrams };
        var command = new Command("train",
            "Count the folded character n-grams (orders 1-4) of the annotated corpus's kk, ru and en passages: the model that " +
            "tells kk, ru, en and mixed apart once the rules and Lingua have ruled out other languages. The same corpus gives " +
            "the same file; rebuild afterwards so nlp embeds it.") { corpus, output };
        command.SetAction(NlpApp.Guard(globals, env, async (pr, c, ct) =>
        {
            var folder = pr.GetValue(corpus)!;
            var passages = AnnotatedCorpusReader.ReadFolder(folder);
            var model = FoldedNgramModel.Train(passages.Select(p => (p.Text, p.Language)));
            var path = pr.GetValue(output)!;
            await AtomicFile.WriteStreamAsync(path, stream => { model.Save(stream); return Task.CompletedTask; }, ct);
            var used = passages.Count(p => FoldedNgramModel.Languages.Contains(p.Language));
            await c.Output.WriteLineAsync($"Counted {model.Vocabulary:N0} n-grams from {used:N0} kk/ru/en passages of {folder} into {path}.");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
