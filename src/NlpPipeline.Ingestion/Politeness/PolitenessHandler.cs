namespace NlpPipeline.Ingestion.Politeness;

/// <summary>
/// Sits in the shared HttpClient's handler chain and holds every request until its host's turn
/// (<see cref="HostSchedule"/>), so nothing sent through the client can hammer a host. The fetcher takes
/// its turn itself before it starts an attempt's timeout (waiting for a slow host's turn is not the
/// site being slow) and marks the request with <see cref="TurnTaken"/>, so it is not held twice. Either way
/// the moment the request leaves is noted, so the next one to that host waits a full interval from it.
/// </summary>
public sealed class PolitenessHandler(HostSchedule schedule) : DelegatingHandler
{
    public static readonly HttpRequestOptionsKey<bool> TurnTaken = new("NlpPipeline.Politeness.TurnTaken");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var taken = request.Options.TryGetValue(TurnTaken, out var t) && t;
        if (request.RequestUri is { IsAbsoluteUri: true } url)
        {
            var host = HostSchedule.HostOf(url);
            if (!taken) await schedule.WaitTurnAsync(host, ct);
            schedule.MarkSent(host);
        }
        return await base.SendAsync(request, ct);
    }
}
