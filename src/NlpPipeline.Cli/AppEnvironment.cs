namespace NlpPipeline.Cli;

/// <summary>
/// Process-wide seams: the clock, the HTTP handler (one connection pool for the whole process) and standard input.
/// Tests pass their own; the program uses the system clock and a real socket handler.
/// </summary>
public sealed class AppEnvironment(TimeProvider time, HttpMessageHandler httpHandler, TextReader? input = null)
{
    private readonly Lazy<HttpClient> _http = new(() => new HttpClient(httpHandler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan });

    public TimeProvider Time { get; } = time;

    /// <summary>Standard input, for commands that read a stream of texts (langid).</summary>
    public TextReader Input { get; } = input ?? Console.In;

    /// <summary>Timeouts are per request, set by the fetcher, so the client itself has none.</summary>
    public HttpClient Http => _http.Value;

    public static AppEnvironment CreateDefault() => new(TimeProvider.System, new SocketsHttpHandler
    {
        AllowAutoRedirect = true,
        MaxAutomaticRedirections = 5,
        AutomaticDecompression = System.Net.DecompressionMethods.All,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    });
}
