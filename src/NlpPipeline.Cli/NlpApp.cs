using System.CommandLine;
using System.CommandLine.Help;
using NlpPipeline.Cli.Commands;
using Microsoft.Extensions.Logging;
using NlpPipeline.Cli.Settings;
using NlpPipeline.Classification;
using NlpPipeline.Core.Annotation;
using NlpPipeline.Core.Corpora;
using NlpPipeline.Ingestion.Imports;
using NlpPipeline.Ingestion.Sources;
using NlpPipeline.Storage;

namespace NlpPipeline.Cli;

/// <summary>
/// The command tree and the one place where errors become messages: our own bad input (files, options,
/// models, databases) prints one clear line and exits 1; a usage error prints the usage and exits 2.
/// No stack trace unless --verbose.
/// </summary>
public static class NlpApp
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, AppEnvironment env, CancellationToken ct = default)
    {
        var globals = new GlobalOptions();
        var root = BuildRoot(globals, env);
        var parse = root.Parse(args);
        var config = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors) await error.WriteLineAsync($"error: {e.Message}");
            await error.WriteLineAsync();
            var help = parse.CommandResult.Command;
            var helpArgs = CommandPath(help).Append("--help").ToArray();
            root.Parse(helpArgs).Invoke(new InvocationConfiguration { Output = error, Error = error });
            return ExitCodes.Usage;
        }
        return await parse.InvokeAsync(config, ct);
    }

    internal static RootCommand BuildRoot(GlobalOptions globals, AppEnvironment env)
    {
        var root = new RootCommand(
            "NlpPipeline: how people in Kazakhstan talk about emigration. Ingests news and posts in Kazakh, Russian and English, " +
            "tags every passage with emigration intent, grievance topics and sentiment, and reports week by week around events.")
        {
            globals.Db, globals.Verbose, globals.Quiet, globals.Log, globals.Settings,
        };
        root.Subcommands.Add(IngestCommand.Create(globals, env));
        root.Subcommands.Add(SourcesCommand.Create(globals, env));
        root.Subcommands.Add(RunsCommand.Create(globals, env));
        root.Subcommands.Add(DbCommand.Create(globals, env));
        root.Subcommands.Add(ScheduleCommand.Create(globals, env));
        root.Subcommands.Add(ImportCommand.Create(globals, env));
        root.Subcommands.Add(ClassifyCommand.Create(globals, env));
        root.Subcommands.Add(TrainCommand.Create(globals, env));
        root.Subcommands.Add(AnnotateCommand.Create(globals, env));
        root.Subcommands.Add(ModelsCommand.Create(globals, env));
        root.Subcommands.Add(PredictCommand.Create(globals, env));
        root.Subcommands.Add(EvaluateCommand.Create(globals, env));
        root.Subcommands.Add(ReportCommand.Create(globals, env));
        root.Subcommands.Add(QueryCommand.Create(globals, env));
        root.Subcommands.Add(ExportCommand.Create(globals, env));
        root.Subcommands.Add(EventsCommand.Create(globals, env));
        root.Subcommands.Add(CorpusCommand.Create(globals, env));
        root.Subcommands.Add(LangIdCommand.Create(globals, env));
        root.Subcommands.Add(ExtractCommand.Create(globals, env));
        root.Subcommands.Add(BenchCommand.Create(globals, env));
        root.Subcommands.Add(DemoCommand.Create(globals, env));
        root.Subcommands.Add(ConfigCommand.Create(globals, env));
        return root;
    }

    /// <summary>
    /// Runs a command body with a context, turning expected failures into one-line messages. The settings are loaded
    /// first (file, NLP_ variables, options): a bad one stops the command before anything starts. With
    /// <paramref name="readSettings"/> false (config init), only the defaults and the command line count.
    /// </summary>
    internal static Func<ParseResult, CancellationToken, Task<int>> Guard(GlobalOptions globals, AppEnvironment env,
        Func<ParseResult, CliContext, CancellationToken, Task<int>> body, bool readSettings = true) => async (pr, ct) =>
    {
        var error = pr.InvocationConfiguration.Error;
        NlpSettings settings;
        try
        {
            settings = readSettings
                ? NlpSettings.Load(pr.GetValue(globals.Settings), env.Variables, env.DefaultSettingsFile, SettingOptions.Given(pr))
                : NlpSettings.Load(null, new Dictionary<string, string>(), null, SettingOptions.Given(pr));
        }
        catch (SettingsException ex)
        {
            await error.WriteLineAsync($"error: {ex.Message}");
            return ExitCodes.Failed;
        }
        catch (UsageException ex)
        {
            await error.WriteLineAsync($"error: {ex.Message}");
            await error.WriteLineAsync($"Run 'nlp {string.Join(' ', CommandPath(pr.CommandResult.Command))} --help' for usage.");
            return ExitCodes.Usage;
        }
        using var context = CliContext.From(pr, settings, env);
        foreach (var name in settings.UnknownVariables)
            context.Log<NlpSettings>().LogWarning("Environment variable {Variable} is not a setting and is ignored ('nlp config show' lists the settings)", name);
        try
        {
            return await body(pr, context, ct);
        }
        catch (UsageException ex)
        {
            await context.Error.WriteLineAsync($"error: {ex.Message}");
            await context.Error.WriteLineAsync($"Run 'nlp {string.Join(' ', CommandPath(pr.CommandResult.Command))} --help' for usage.");
            return ExitCodes.Usage;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await context.Error.WriteLineAsync("cancelled; everything stored so far is complete and will not be fetched again.");
            return ExitCodes.Failed;
        }
        catch (Exception ex) when (IsExpected(ex))
        {
            await context.Error.WriteLineAsync($"error: {ex.Message}");
            if (context.Verbose) await context.Error.WriteLineAsync(ex.ToString());
            return ExitCodes.Failed;
        }
        catch (Exception ex)
        {
            await context.Error.WriteLineAsync($"error: unexpected {ex.GetType().Name}: {ex.Message}");
            await context.Error.WriteLineAsync(context.Verbose ? ex.ToString() : "Run again with --verbose for details, and please report it.");
            return ExitCodes.Failed;
        }
    };

    private static bool IsExpected(Exception ex) => ex is SourcesFileException or CorpusFormatException or ModelLoadException or ImportFileException
        or AnnotationFileException or StorageException or RunLeaseHeldException or FormatException or IOException or UnauthorizedAccessException;

    private static IEnumerable<string> CommandPath(Command command)
    {
        var names = new List<string>();
        for (Symbol? s = command; s is Command c && s is not RootCommand; s = c.Parents.FirstOrDefault())
            names.Insert(0, c.Name);
        return names;
    }
}
