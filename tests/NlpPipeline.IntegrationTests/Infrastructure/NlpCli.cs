using NlpPipeline.Cli;

namespace NlpPipeline.IntegrationTests.Infrastructure;

/// <summary>Runs the nlp CLI in-process, capturing standard output and error.</summary>
public static class NlpCli
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static async Task<Result> RunAsync(AppEnvironment env, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await NlpApp.RunAsync(args, output, error, env);
        return new Result(code, output.ToString(), error.ToString());
    }

    public static Task<Result> RunAsync(params string[] args) => RunAsync(Offline, args);

    /// <summary>An environment whose HTTP handler refuses every request, for commands that must not touch the network.</summary>
    public static AppEnvironment Offline { get; } = new(TimeProvider.System, new RefusingHandler());

    private sealed class RefusingHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct) =>
            throw new HttpRequestException($"test environment has no network ({request.RequestUri})");
    }
}
