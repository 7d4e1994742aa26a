using System.CommandLine;
using Microsoft.Extensions.Logging;
using NlpPipeline.Cli.Logging;
using NlpPipeline.Cli.Settings;
using NlpPipeline.Storage;

namespace NlpPipeline.Cli;

/// <summary>
/// What one command invocation works with: its output (results) and error (logs, progress) writers,
/// loggers, the clock, the shared HTTP handler and the effective settings (database path, log level, …).
/// </summary>
internal sealed class CliContext : IDisposable
{
    private CliContext(TextWriter output, TextWriter error, ILoggerFactory loggers, AppEnvironment env, NlpSettings settings)
    {
        Output = output;
        Error = error;
        Loggers = loggers;
        Env = env;
        Settings = settings;
    }

    public TextWriter Output { get; }
    public TextWriter Error { get; }
    public ILoggerFactory Loggers { get; }
    public AppEnvironment Env { get; }
    public TimeProvider Time => Env.Time;
    public NlpSettings Settings { get; }

    /// <summary>log.level debug (--verbose): per-item logs and error details.</summary>
    public bool Verbose => Settings.LogLevel <= LogLevel.Debug;

    public static CliContext From(ParseResult pr, NlpSettings settings, AppEnvironment env)
    {
        var output = pr.InvocationConfiguration.Output;
        var error = pr.InvocationConfiguration.Error;
        var level = settings.LogLevel;
        var quiet = level >= LogLevel.Warning;
        var logFile = settings.LogFile;
        var fileLevel = level < LogLevel.Information ? level : LogLevel.Information;
        var jsonLog = logFile is null ? null : new JsonLinesLoggerProvider(logFile, fileLevel, env.Time);
        // Bars on an interactive terminal (log lines then go through the bars' console, above them); plain lines otherwise.
        var bars = ProgressReporting.UseBars(env.ErrorIsTerminal, quiet) ? new ProgressBars(ProgressBars.TerminalConsole(error), env.Time) : null;
        var logWriter = bars is null ? error : new ProgressBars.LineWriter(bars.Console);
        var loggers = LoggerFactory.Create(b =>
        {
            b.SetMinimumLevel(jsonLog is null ? level : fileLevel).AddProvider(new TextWriterLoggerProvider(logWriter, level, env.Time));
            if (jsonLog is not null) b.AddProvider(jsonLog);
        });
        // With bars, the JSON log file still gets the plain progress lines.
        var fileLoggers = bars is not null && jsonLog is not null
            ? LoggerFactory.Create(b => b.SetMinimumLevel(fileLevel).AddProvider(jsonLog))
            : null;
        var progress = bars is null
            ? ProgressReporting.Plain(env.Time)
            : (log, verb, unit, total, every) => fileLoggers is null
                ? bars.Start(verb, unit, total)
                : new BothProgress(bars.Start(verb, unit, total),
                    new PeriodicProgress(fileLoggers.CreateLogger(typeof(PeriodicProgress).FullName!), env.Time, verb, unit, total, every));
        return new CliContext(output, error, loggers, env, settings)
        {
            _jsonLog = jsonLog, _fileLoggers = fileLoggers, _bars = bars, Progress = progress,
        };
    }

    /// <summary>Makes the progress reporter of a step: bars on an interactive terminal, plain log lines otherwise.</summary>
    public ProgressFactory Progress { get; private init; } = null!;

    public ILogger<T> Log<T>() => Loggers.CreateLogger<T>();

    public string DbPath => Settings.Db;

    public NlpDatabase OpenDatabase(string? path = null) => NlpDatabase.Open(path ?? DbPath, Time);

    /// <summary>
    /// Takes the database's run lease for a writing command, or throws <see cref="RunLeaseHeldException"/>
    /// naming the run that holds it. Dispose the lease when the command is done.
    /// </summary>
    public RunLease AcquireLease(NlpDatabase db, string command) =>
        RunLease.Acquire(db.Path, LeaseHolder.Current(command), LeaseOptions.Default, Time, Log<RunLease>());

    private JsonLinesLoggerProvider? _jsonLog;
    private ILoggerFactory? _fileLoggers;
    private ProgressBars? _bars;

    public void Dispose()
    {
        _bars?.Dispose();
        Loggers.Dispose();
        _fileLoggers?.Dispose();
        _jsonLog?.Dispose();
    }
}
