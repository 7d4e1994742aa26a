using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace NlpPipeline.Cli.Logging;

/// <summary>
/// Writes every log entry as one JSON object per line (JSON Lines) to a file, appended to: <c>time</c> (UTC,
/// ISO 8601), <c>level</c>, <c>category</c> (the full type name), <c>message</c> (rendered), the template's named
/// values as <c>properties</c> (so <c>SourceId</c>, <c>Count</c> … can be filtered on without parsing text), and
/// <c>exception</c> when there is one. Lines are written whole and flushed, so a killed run loses at most
/// the line being written and a tail -f or log shipper sees each entry at once.
/// </summary>
internal sealed class JsonLinesLoggerProvider : ILoggerProvider
{
    private readonly Lock _gate = new();
    private readonly StreamWriter _writer;
    private readonly LogLevel _minimum;
    private readonly TimeProvider _time;

    public JsonLinesLoggerProvider(string path, LogLevel minimum, TimeProvider time)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        _writer = new StreamWriter(new FileStream(full, FileMode.Append, FileAccess.Write, FileShare.ReadWrite), new System.Text.UTF8Encoding(false));
        _minimum = minimum;
        _time = time;
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
        lock (_gate) _writer.Dispose();
    }

    private void Write(LogLevel level, string category, string message, IEnumerable<KeyValuePair<string, object?>> properties, Exception? exception)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("time", _time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("level", level switch
            {
                LogLevel.Trace => "trace", LogLevel.Debug => "debug", LogLevel.Information => "info",
                LogLevel.Warning => "warn", LogLevel.Error => "error", _ => "fatal",
            });
            json.WriteString("category", category);
            json.WriteString("message", message);
            json.WriteStartObject("properties");
            foreach (var (key, value) in properties)
            {
                if (key == "{OriginalFormat}") continue;
                json.WritePropertyName(key);
                WriteValue(json, value);
            }
            json.WriteEndObject();
            if (exception is not null) json.WriteString("exception", exception.ToString());
            json.WriteEndObject();
        }
        var line = System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        lock (_gate)
        {
            _writer.WriteLine(line);
            _writer.Flush();
        }
    }

    private static void WriteValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null: json.WriteNullValue(); break;
            case bool b: json.WriteBooleanValue(b); break;
            case int or long or short or byte or uint or ulong: json.WriteNumberValue(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)); break;
            case double or float or decimal:
                var d = Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture);
                if (double.IsFinite(d)) json.WriteNumberValue(d); else json.WriteStringValue(d.ToString(System.Globalization.CultureInfo.InvariantCulture));
                break;
            case DateTimeOffset t: json.WriteStringValue(t.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture)); break;
            case IFormattable f: json.WriteStringValue(f.ToString(null, System.Globalization.CultureInfo.InvariantCulture)); break;
            default: json.WriteStringValue(value.ToString()); break;
        }
    }

    private sealed class Logger(JsonLinesLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= owner._minimum && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            var properties = state as IEnumerable<KeyValuePair<string, object?>> ?? [];
            owner.Write(logLevel, category, formatter(state, exception), properties, exception);
        }
    }
}
