using System.CommandLine;
using Microsoft.Extensions.Logging;
using NlpPipeline.Cli.Logging;
using NlpPipeline.Storage;

namespace NlpPipeline.Cli;

/// <summary>
/// What one command invocation works with: its output (results) and error (logs, progress) writers,
/// loggers, the clock, the shared HTTP handler and the resolved database path.
/// </summary>
internal sealed class CliContext : IDisposable
{
    private CliContext(TextWriter output, TextWriter error, ILoggerFactory loggers, AppEnvironment env, string? dbOption, bool verbose)
    {
        Output = output;
        Error = error;
        Loggers = loggers;
        Env = env;
        DbOption = dbOption;
        Verbose = verbose;
    }

    public TextWriter Output { get; }
    public TextWriter Error { get; }
    public ILoggerFactory Loggers { get; }
    public AppEnvironment Env { get; }
    public TimeProvider Time => Env.Time;
    public string? DbOption { get; }
    public bool Verbose { get; }

    public static CliContext From(ParseResult pr, GlobalOptions globals, AppEnvironment env)
    {
        var output = pr.InvocationConfiguration.Output;
        var error = pr.InvocationConfiguration.Error;
        var level = pr.GetValue(globals.Verbose) ? LogLevel.Debug : pr.GetValue(globals.Quiet) ? LogLevel.Warning : LogLevel.Information;
        var logFile = pr.GetValue(globals.Log);
        var fileLevel = level < LogLevel.Information ? level : LogLevel.Information;
        var jsonLog = logFile is null ? null : new JsonLinesLoggerProvider(logFile, fileLevel, env.Time);
        var loggers = LoggerFactory.Create(b =>
        {
            b.SetMinimumLevel(jsonLog is null ? level : fileLevel).AddProvider(new TextWriterLoggerProvider(error, level, env.Time));
            if (jsonLog is not null) b.AddProvider(jsonLog);
        });
        return new CliContext(output, error, loggers, env, pr.GetValue(globals.Db), pr.GetValue(globals.Verbose)) { _jsonLog = jsonLog };
    }

    public ILogger<T> Log<T>() => Loggers.CreateLogger<T>();

    public string DbPath => NlpPaths.Db(DbOption);

    public NlpDatabase OpenDatabase(string? path = null) => NlpDatabase.Open(path ?? DbPath, Time);

    /// <summary>
    /// Takes the database's run lease for a writing command, or throws <see cref="RunLeaseHeldException"/>
    /// naming the run that holds it. Dispose the lease when the command is done.
    /// </summary>
    public RunLease AcquireLease(NlpDatabase db, string command) =>
        RunLease.Acquire(db.Path, LeaseHolder.Current(command), LeaseOptions.Default, Time, Log<RunLease>());

    private JsonLinesLoggerProvider? _jsonLog;

    public void Dispose()
    {
        Loggers.Dispose();
        _jsonLog?.Dispose();
    }
}
