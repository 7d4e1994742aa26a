namespace NlpPipeline.Ingestion.Politeness;

/// <summary>
/// Sits in the shared HttpClient's handler chain and holds every request until its host's turn
/// (<see cref="HostSchedule"/>), so retries, redirects and robots.txt requests are all spaced out.
/// </summary>
public sealed class PolitenessHandler(HostSchedule schedule) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        if (request.RequestUri is { IsAbsoluteUri: true } url) await schedule.WaitTurnAsync(HostSchedule.HostOf(url), ct);
        return await base.SendAsync(request, ct);
    }
}
