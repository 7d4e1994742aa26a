namespace NlpPipeline.Cli;

/// <summary>
/// Process-wide seams: the clock, the HTTP handler (one connection pool for the whole process) and standard input.
/// Tests pass their own; the program uses the system clock and a real socket handler. The handler must not
/// follow redirects (the fetcher does, to refuse loops and non-HTTP targets) and should decompress
/// gzip, deflate and brotli. <see cref="Composition"/> builds the one HttpClient over it.
/// </summary>
public sealed class AppEnvironment(TimeProvider time, HttpMessageHandler httpHandler, TextReader? input = null)
{
    public TimeProvider Time { get; } = time;

    /// <summary>Standard input, for commands that read a stream of texts (langid).</summary>
    public TextReader Input { get; } = input ?? Console.In;

    /// <summary>The process's connection pool. Never disposed by the clients built over it.</summary>
    public HttpMessageHandler HttpHandler { get; } = httpHandler;

    /// <summary>
    /// Standard error is an interactive terminal, so progress can be drawn as bars (<see cref="Logging.ProgressReporting"/>).
    /// False unless set: tests and embedded runs get plain progress lines whatever terminal they run in.
    /// </summary>
    public bool ErrorIsTerminal { get; init; }

    /// <summary>
    /// The process's NLP_ environment variables, read by <see cref="Settings.NlpSettings"/>. Empty unless set:
    /// tests and embedded runs see only the variables they pass, whatever the machine's environment holds.
    /// </summary>
    public IReadOnlyDictionary<string, string> Variables { get; init; } = new Dictionary<string, string>();

    /// <summary>The settings file read when neither --settings nor NLP_SETTINGS names one, if it exists; null: none (tests, embedded runs).</summary>
    public string? DefaultSettingsFile { get; init; }

    public static AppEnvironment CreateDefault() => new(TimeProvider.System, new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        AutomaticDecompression = System.Net.DecompressionMethods.All,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectTimeout = TimeSpan.FromSeconds(15),
    })
    {
        ErrorIsTerminal = Logging.ProgressReporting.IsTerminal(Console.IsErrorRedirected, Environment.GetEnvironmentVariable("TERM")),
        Variables = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .Where(e => e.Key is string k && k.StartsWith("NLP_", StringComparison.Ordinal))
            .ToDictionary(e => (string)e.Key, e => e.Value as string ?? ""),
        DefaultSettingsFile = NlpPaths.DefaultSettings,
    };
}
