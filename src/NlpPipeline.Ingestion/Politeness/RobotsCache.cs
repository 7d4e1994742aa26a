using System.Collections.Concurrent;
using NlpPipeline.Ingestion.Fetching;

namespace NlpPipeline.Ingestion.Politeness;

/// <summary>
/// robots.txt per site (scheme, host and port), fetched once per run on first need and kept for the
/// rest of it. A Crawl-delay in our group raises that host's interval in the <see cref="HostSchedule"/>
/// (up to <c>maxCrawlDelay</c>). Thread-safe: concurrent callers for one site share one request.
/// </summary>
public sealed class RobotsCache(
    HostSchedule schedule,
    TimeSpan maxCrawlDelay,
    Func<Uri, Action<FetchRecord>?, CancellationToken, Task<RobotsRules>> load)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<RobotsRules>>> _sites = new(StringComparer.OrdinalIgnoreCase);

    public Task<RobotsRules> GetAsync(Uri url, Action<FetchRecord>? onFetch, CancellationToken ct)
    {
        var site = url.GetLeftPart(UriPartial.Authority);
        return _sites.GetOrAdd(site, s => new Lazy<Task<RobotsRules>>(() => LoadAsync(new Uri(s + "/robots.txt"), onFetch, ct))).Value;
    }

    private async Task<RobotsRules> LoadAsync(Uri robotsUrl, Action<FetchRecord>? onFetch, CancellationToken ct)
    {
        var rules = await load(robotsUrl, onFetch, ct);
        if (rules.CrawlDelay is { } delay)
            schedule.SetCrawlDelay(HostSchedule.HostOf(robotsUrl), delay < maxCrawlDelay ? delay : maxCrawlDelay);
        return rules;
    }
}
