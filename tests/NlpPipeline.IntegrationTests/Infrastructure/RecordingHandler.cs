using System.Collections.Concurrent;
using System.Diagnostics;

namespace NlpPipeline.IntegrationTests.Infrastructure;

/// <summary>
/// Wraps the loopback handler and notes when each request leaves the client (after any politeness
/// wait), so spacing is measured where it is decided rather than after connection set-up.
/// </summary>
public sealed class RecordingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public ConcurrentQueue<(string Url, TimeSpan At)> Sent { get; } = new();

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        Sent.Enqueue((request.RequestUri!.AbsoluteUri, _clock.Elapsed));
        return base.SendAsync(request, ct);
    }
}
