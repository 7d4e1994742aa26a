using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NlpPipeline.Ingestion.Politeness;
using Polly;

namespace NlpPipeline.Ingestion.Fetching;

/// <summary>
/// Downloads bytes from <c>http(s)://</c> and <c>file://</c> URLs through one code path, so the
/// offline demo exercises exactly what a nightly run does. Over HTTP it honours robots.txt, skips hosts
/// backed off after repeated failures, follows at most <see cref="FetchOptions.MaxRedirects"/> redirects
/// itself (loops and non-HTTP targets refused), and retries timeouts, broken connections, 5xx and 429
/// with backoff (Polly), honouring Retry-After. Every request, and every URL not requested, is reported
/// to the <c>onFetch</c> callback for the fetch log. One per run: it holds the run's robots.txt cache and
/// host health. The HttpClient must not follow redirects itself and should decompress gzip/deflate/brotli.
/// </summary>
public sealed partial class Fetcher
{
    private const int RobotsMaxBytes = 512 * 1024;   // RFC 9309 asks crawlers to read at least 500 KiB

    private static readonly ResiliencePropertyKey<Action<FetchRecord>?> OnFetchKey = new("nlp.fetch.onFetch");

    private readonly HttpClient _http;
    private readonly FetchOptions _options;
    private readonly TimeProvider _time;
    private readonly HostSchedule _schedule;
    private readonly ILogger _log;
    private readonly HostHealth _health;
    private readonly RobotsCache _robots;
    private readonly ResiliencePipeline<Attempt> _retries;

    public Fetcher(HttpClient http, FetchOptions options, TimeProvider time, HostSchedule schedule, ILogger<Fetcher>? log = null)
    {
        _http = http;
        _options = options;
        _time = time;
        _schedule = schedule;
        _log = (ILogger?)log ?? NullLogger.Instance;
        _health = new HostHealth(options.HostFailureLimit);
        _robots = new RobotsCache(schedule, options.MaxCrawlDelay, LoadRobotsAsync);
        _retries = BuildRetries();
    }

    public FetchOptions Options => _options;

    /// <summary>Hosts backed off in this run (for the run summary).</summary>
    public IReadOnlyCollection<string> BackedOffHosts => _health.BackedOffHosts;

    public Task<FetchResponse> GetAsync(Uri url, Action<FetchRecord>? onFetch, CancellationToken ct) => GetAsync(url, onFetch, null, ct);

    /// <summary>
    /// Fetches <paramref name="url"/>; with <paramref name="validators"/> the request is conditional and a
    /// 304 comes back as a response with <see cref="FetchResponse.NotModified"/> set. Throws
    /// <see cref="FetchException"/> (with its <see cref="FetchOutcome"/>) when there is no usable answer.
    /// </summary>
    public async Task<FetchResponse> GetAsync(Uri url, Action<FetchRecord>? onFetch, HttpValidators? validators, CancellationToken ct)
    {
        if (url.IsFile) return await ReadFileAsync(url, onFetch, ct);
        if (url.Scheme is not ("http" or "https"))
            throw Refuse(url, FetchOutcome.SchemeRefused, $"scheme {url.Scheme}: is not fetched", onFetch);
        return await FetchHttpAsync(url, onFetch, validators, checkRobots: true, _options.MaxBytes, ct);
    }

    private async Task<FetchResponse> ReadFileAsync(Uri url, Action<FetchRecord>? onFetch, CancellationToken ct)
    {
        var started = _time.GetUtcNow();
        var clock = _time.GetTimestamp();
        FetchException Fail(FetchOutcome outcome, int? status, string message, Exception? inner = null)
        {
            onFetch?.Invoke(new FetchRecord(url, started, status, 0, _time.GetElapsedTime(clock), outcome, message));
            return new FetchException(url, outcome, status, message, inner);
        }
        var path = url.LocalPath;
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists) throw Fail(FetchOutcome.FileError, 404, "file not found");
            if (info.Length > _options.MaxBytes) throw Fail(FetchOutcome.TooLarge, null, $"file is larger than {_options.MaxBytes} bytes");
            bytes = await File.ReadAllBytesAsync(path, ct);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Fail(FetchOutcome.FileError, null, ex.Message, ex);
        }
        onFetch?.Invoke(new FetchRecord(url, started, 200, bytes.Length, _time.GetElapsedTime(clock), FetchOutcome.Ok, null));
        return new FetchResponse(url, 200, MediaTypeOf(path), null, bytes);
    }

    private async Task<FetchResponse> FetchHttpAsync(Uri url, Action<FetchRecord>? onFetch, HttpValidators? validators,
        bool checkRobots, int maxBytes, CancellationToken ct)
    {
        var visited = new HashSet<string>(StringComparer.Ordinal) { ChainKey(url) };
        var current = url;
        for (var redirects = 0; ; redirects++)
        {
            var host = HostSchedule.HostOf(current);
            if (_health.IsBackedOff(host))
                throw Refuse(current, FetchOutcome.HostBackedOff,
                    $"{host} failed {_options.HostFailureLimit} time(s) in a row in this run; not asked again until the next run", onFetch, url);
            if (checkRobots)
            {
                var rules = await _robots.GetAsync(current, onFetch, ct);
                if (!rules.IsAllowed(current))
                    throw Refuse(current, FetchOutcome.RobotsDisallowed,
                        rules.Note ?? $"robots.txt of {host} disallows it for {_options.ProductToken}", onFetch, url);
            }
            var attempt = await SendWithRetriesAsync(current, redirects == 0 ? validators : null, maxBytes, onFetch, ct);
            RecordHealth(host, attempt);
            if (attempt.Outcome != FetchOutcome.Redirect)
            {
                onFetch?.Invoke(attempt.ToRecord());
                if (attempt.Outcome is FetchOutcome.Ok or FetchOutcome.NotModified)
                    return new FetchResponse(current, attempt.Status!.Value, attempt.MediaType, attempt.Charset, attempt.Body) { Validators = attempt.Validators };
                throw new FetchException(url, attempt.Outcome, attempt.Status, Chain(url, current, attempt.Detail));
            }
            var target = attempt.Location!;
            var (refusal, why) =
                target.Scheme is not ("http" or "https") ? (FetchOutcome.SchemeRefused, $"redirect to a {target.Scheme}: URL refused")
                : !visited.Add(ChainKey(target)) ? (FetchOutcome.RedirectLoop, $"redirect loop: {target} was already visited")
                : redirects >= FetchOptions.MaxRedirects ? (FetchOutcome.TooManyRedirects, $"more than {FetchOptions.MaxRedirects} redirects")
                : (FetchOutcome.Redirect, $"to {target}");
            if (refusal == FetchOutcome.Redirect)
            {
                onFetch?.Invoke(attempt.ToRecord(why));
                current = target;
                continue;
            }
            onFetch?.Invoke(attempt.ToRecord(why, refusal));
            throw new FetchException(url, refusal, attempt.Status, Chain(url, current, why));
        }
    }

    private static string Chain(Uri start, Uri current, string? detail) =>
        start == current ? detail ?? "failed" : $"{detail} (after redirects to {current})";

    /// <summary>Fragments never reach the server, so they do not make a URL new in a redirect chain.</summary>
    private static string ChainKey(Uri url) => url.GetLeftPart(UriPartial.Query);

    private void RecordHealth(string host, Attempt attempt)
    {
        if (!attempt.HostFailure)
        {
            _health.RecordSuccess(host);
            return;
        }
        if (_health.RecordFailure(host))
            _log.LogWarning("Host {Host} failed {Count} time(s) in a row; backing off from it for the rest of this run", host, _options.HostFailureLimit);
    }

    /// <summary>A URL we decide not to request: logged with no status, and thrown as a classified failure.</summary>
    private FetchException Refuse(Uri url, FetchOutcome outcome, string why, Action<FetchRecord>? onFetch, Uri? requested = null)
    {
        _log.LogDebug("Not requesting {Url}: {Outcome} ({Why})", url, outcome.ToWire(), why);
        onFetch?.Invoke(new FetchRecord(url, _time.GetUtcNow(), null, 0, TimeSpan.Zero, outcome, why));
        return new FetchException(requested ?? url, outcome, null, requested is not null && requested != url ? $"{why} (after redirects to {url})" : why);
    }

    private async Task<RobotsRules> LoadRobotsAsync(Uri robotsUrl, Action<FetchRecord>? onFetch, CancellationToken ct)
    {
        try
        {
            var response = await FetchHttpAsync(robotsUrl, onFetch, null, checkRobots: false, RobotsMaxBytes, ct);
            var rules = RobotsTxt.Parse(Encoding.UTF8.GetString(response.Body), _options.ProductToken);
            if (rules.CrawlDelay is { } delay)
                _log.LogInformation("{Site} asks for a crawl delay of {Seconds} s", robotsUrl.GetLeftPart(UriPartial.Authority), delay.TotalSeconds);
            return rules;
        }
        catch (FetchException ex) when (ex.Outcome is FetchOutcome.Timeout or FetchOutcome.Connection or FetchOutcome.RateLimited
                                        || (ex.Outcome == FetchOutcome.HttpError && ex.Status >= 500) || ex.Outcome == FetchOutcome.HostBackedOff)
        {
            var what = ex.Status is { } s ? $"HTTP {s}" : ex.Outcome.ToWire();
            _log.LogWarning("robots.txt of {Site} is unreachable ({What}); the site is treated as disallowed for this run",
                robotsUrl.GetLeftPart(UriPartial.Authority), what);
            return RobotsRules.DisallowAll($"robots.txt unreachable ({what}): the site is treated as disallowed for this run");
        }
        catch (FetchException ex)
        {
            // 4xx, or a robots.txt we cannot follow or read (redirect loop, too large): "unavailable", so no restrictions.
            return RobotsRules.AllowAll($"no usable robots.txt ({(ex.Status is { } s ? $"HTTP {s}" : ex.Outcome.ToWire())})");
        }
    }

    private static string? MediaTypeOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".html" or ".htm" => "text/html",
        ".xml" or ".rss" => "application/xml",
        ".atom" => "application/atom+xml",
        ".json" => "application/feed+json",
        _ => null,
    };

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString(t < TimeSpan.FromSeconds(10) ? "0.###" : "0", CultureInfo.InvariantCulture);
}
