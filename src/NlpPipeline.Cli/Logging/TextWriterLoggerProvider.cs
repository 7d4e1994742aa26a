using Microsoft.Extensions.Logging;

namespace NlpPipeline.Cli.Logging;

/// <summary>
/// Writes log lines to one <see cref="TextWriter"/> (stderr in the program, a StringWriter in tests),
/// synchronously and in order, so progress interleaves sensibly with results and nothing is lost on exit.
/// </summary>
internal sealed class TextWriterLoggerProvider(TextWriter writer, LogLevel minimum, TimeProvider time) : ILoggerProvider
{
    private readonly Lock _gate = new();
    private readonly TextWriter _writer = writer;
    private readonly LogLevel _minimum = minimum;
    private readonly TimeProvider _time = time;

    public ILogger CreateLogger(string categoryName) => new Logger(this, ShortName(categoryName));

    public void Dispose() { }

    private static string ShortName(string category) => category[(category.LastIndexOf('.') + 1)..];

    private sealed class Logger(TextWriterLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= owner._minimum && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            var level = logLevel switch
            {
                LogLevel.Trace => "trace", LogLevel.Debug => "debug", LogLevel.Information => "info",
                LogLevel.Warning => "warn", LogLevel.Error => "error", _ => "fatal",
            };
            var line = $"{owner._time.GetLocalNow():HH:mm:ss} {level,-5} {category}: {formatter(state, exception)}";
            lock (owner._gate)
            {
                owner._writer.WriteLine(line);
                if (exception is not null && owner._minimum <= LogLevel.Debug) owner._writer.WriteLine(exception.ToString());
                owner._writer.Flush();
            }
        }
    }
}
