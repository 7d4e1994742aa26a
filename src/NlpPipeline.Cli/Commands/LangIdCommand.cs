using System.CommandLine;
using System.Globalization;
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
        return command;
    }
}
