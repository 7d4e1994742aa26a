using System.Net;
using NlpPipeline.Ingestion.Fetching;
using NlpPipeline.Ingestion.Politeness;
using Xunit;

namespace NlpPipeline.Tests.Ingestion.Fetching;

/// <summary>The fetcher's decisions against a scripted HTTP handler: no sockets, no waiting.</summary>
public sealed class FetcherTests
{
    private sealed class ScriptedHandler(Func<HttpRequestMessage, int, HttpResponseMessage> answer) : HttpMessageHandler
    {
        public List<HttpRequestMessage> Seen { get; } = [];

        /// <summary>When each request reached the network side of the client (after any politeness wait).</summary>
        public List<TimeSpan> Arrived { get; } = [];

        private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            Seen.Add(request);
            Arrived.Add(_clock.Elapsed);
            return Task.FromResult(answer(request, Seen.Count));
        }
    }

    private static readonly FetchOptions Fast = FetchOptions.Default with
    {
        PerHostInterval = TimeSpan.Zero, RetryBaseDelay = TimeSpan.Zero, Retries = 2, MaxRetryAfter = TimeSpan.FromSeconds(5),
    };

    private static (Fetcher Fetcher, ScriptedHandler Handler, List<FetchRecord> Log) Make(
        Func<HttpRequestMessage, int, HttpResponseMessage> answer, FetchOptions? options = null)
    {
        var handler = new ScriptedHandler((request, n) => request.RequestUri!.AbsolutePath == "/robots.txt"
            ? new HttpResponseMessage(HttpStatusCode.NotFound)
            : answer(request, n));
        var schedule = new HostSchedule(TimeSpan.Zero, TimeProvider.System);
        var fetcher = new Fetcher(new HttpClient(handler), options ?? Fast, TimeProvider.System, schedule);
        return (fetcher, handler, []);
    }

    private static HttpResponseMessage Redirect(string location, HttpStatusCode status = HttpStatusCode.Found) =>
        new(status) { Headers = { Location = new Uri(location, UriKind.RelativeOrAbsolute) } };

    private static HttpResponseMessage Html(string text = "<p>hello</p>") =>
        new(HttpStatusCode.OK) { Content = new StringContent(text, System.Text.Encoding.UTF8, "text/html") };

    [Fact]
    public async Task GetAsync_FiveRedirects_AreFollowed_ASixthIsRefused()
    {
        var (fetcher, handler, log) = Make((r, _) =>
        {
            var hop = int.Parse(r.RequestUri!.AbsolutePath.Trim('/').Replace("hop", ""), System.Globalization.CultureInfo.InvariantCulture);
            return hop < 9 ? Redirect($"/hop{hop + 1}") : Html();
        });
        var ok = await fetcher.GetAsync(new Uri("http://x.example/hop4"), log.Add, CancellationToken.None);
        Assert.Equal("http://x.example/hop9", ok.Url.AbsoluteUri);

        var ex = await Assert.ThrowsAsync<FetchException>(() => fetcher.GetAsync(new Uri("http://x.example/hop3"), log.Add, CancellationToken.None));
        Assert.Equal(FetchOutcome.TooManyRedirects, ex.Outcome);
        Assert.Equal(FetchOutcome.TooManyRedirects, log[^1].Outcome);
        // hop3 → hop8 is five redirects; hop8's redirect to hop9 would be the sixth, so hop9 was asked for only by the first call.
        Assert.Single(handler.Seen, r => r.RequestUri!.AbsolutePath == "/hop9");
        Assert.Equal(2, handler.Seen.Count(r => r.RequestUri!.AbsolutePath == "/hop8"));
    }

    [Fact]
    public async Task GetAsync_RedirectToJavascriptOrFile_IsRefusedWithoutRequestingIt()
    {
        var (fetcher, handler, log) = Make((r, _) => Redirect("javascript:alert(1)"));

        var ex = await Assert.ThrowsAsync<FetchException>(() => fetcher.GetAsync(new Uri("http://x.example/a"), log.Add, CancellationToken.None));

        Assert.Equal(FetchOutcome.SchemeRefused, ex.Outcome);
        Assert.Single(handler.Seen, r => r.RequestUri!.AbsolutePath != "/robots.txt");
    }

    [Fact]
    public async Task GetAsync_ServerErrorsThenOk_RetriesAndLogsEachAttempt()
    {
        var calls = 0;
        var (fetcher, _, log) = Make((_, _) => ++calls < 3 ? new HttpResponseMessage(HttpStatusCode.BadGateway) : Html());

        var response = await fetcher.GetAsync(new Uri("http://x.example/a"), log.Add, CancellationToken.None);

        Assert.Equal(200, response.Status);
        var attempts = log.Where(f => f.Url.AbsolutePath == "/a").ToList();
        Assert.Equal([FetchOutcome.HttpError, FetchOutcome.HttpError, FetchOutcome.Ok], attempts.Select(f => f.Outcome));
        Assert.Equal([true, true, false], attempts.Select(f => f.WillRetry));
    }

    [Fact]
    public async Task GetAsync_ClientErrorOrTooLarge_IsNotRetried()
    {
        var (fetcher, handler, log) = Make((r, _) => r.RequestUri!.AbsolutePath == "/big"
            ? Html(new string('x', 5000))
            : new HttpResponseMessage(HttpStatusCode.Forbidden));
        var small = new FetchOptions(FetchOptions.DefaultUserAgent, TimeSpan.FromSeconds(5), 2048) { PerHostInterval = TimeSpan.Zero, RetryBaseDelay = TimeSpan.Zero };
        var (capped, cappedHandler, cappedLog) = Make((_, _) => Html(new string('x', 5000)), small);

        var forbidden = await Assert.ThrowsAsync<FetchException>(() => fetcher.GetAsync(new Uri("http://x.example/a"), log.Add, CancellationToken.None));
        var big = await Assert.ThrowsAsync<FetchException>(() => capped.GetAsync(new Uri("http://x.example/big"), cappedLog.Add, CancellationToken.None));

        Assert.Equal((FetchOutcome.HttpError, (int?)403), (forbidden.Outcome, forbidden.Status));
        Assert.Single(handler.Seen, r => r.RequestUri!.AbsolutePath == "/a");
        Assert.Equal(FetchOutcome.TooLarge, big.Outcome);
        Assert.Single(cappedHandler.Seen, r => r.RequestUri!.AbsolutePath == "/big");
    }

    [Fact]
    public async Task GetAsync_WithValidators_SendsThemAndReturnsNotModified()
    {
        var (fetcher, handler, log) = Make((_, _) => new HttpResponseMessage(HttpStatusCode.NotModified));

        var response = await fetcher.GetAsync(new Uri("http://x.example/feed"), log.Add,
            new HttpValidators("\"v7\"", "Tue, 01 Mar 2022 09:00:00 GMT"), CancellationToken.None);

        Assert.True(response.NotModified);
        Assert.Empty(response.Body);
        var request = handler.Seen.Single(r => r.RequestUri!.AbsolutePath == "/feed");
        Assert.Equal("\"v7\"", request.Headers.GetValues("If-None-Match").Single());
        Assert.Equal("Tue, 01 Mar 2022 09:00:00 GMT", request.Headers.GetValues("If-Modified-Since").Single());
        Assert.Equal(FetchOutcome.NotModified, log[^1].Outcome);
    }

    [Fact]
    public async Task GetAsync_OkResponse_CarriesItsValidators()
    {
        var (fetcher, _, log) = Make((_, _) =>
        {
            var r = Html();
            r.Headers.ETag = new System.Net.Http.Headers.EntityTagHeaderValue("\"abc\"");
            r.Content.Headers.TryAddWithoutValidation("Last-Modified", "Wed, 02 Mar 2022 10:00:00 GMT");
            return r;
        });

        var response = await fetcher.GetAsync(new Uri("http://x.example/feed"), log.Add, CancellationToken.None);

        Assert.Equal(new HttpValidators("\"abc\"", "Wed, 02 Mar 2022 10:00:00 GMT"), response.Validators);
    }

    [Fact]
    public async Task GetAsync_NonHttpUrl_IsRefused()
    {
        var (fetcher, handler, log) = Make((_, _) => Html());

        var ex = await Assert.ThrowsAsync<FetchException>(() => fetcher.GetAsync(new Uri("ftp://x.example/a"), log.Add, CancellationToken.None));

        Assert.Equal(FetchOutcome.SchemeRefused, ex.Outcome);
        Assert.Empty(handler.Seen);
    }

    [Fact]
    public async Task GetAsync_WaitingForTheHostsTurn_DoesNotCountAgainstTheTimeout()
    {
        var options = Fast with { PerHostInterval = TimeSpan.FromSeconds(1.2), Timeout = TimeSpan.FromSeconds(0.5), Retries = 0 };
        var handler = new ScriptedHandler((r, _) => r.RequestUri!.AbsolutePath == "/robots.txt" ? new HttpResponseMessage(HttpStatusCode.NotFound) : Html());
        var schedule = new HostSchedule(options.PerHostInterval, TimeProvider.System);
        var fetcher = new Fetcher(new HttpClient(new PolitenessHandler(schedule) { InnerHandler = handler }), options, TimeProvider.System, schedule);
        var log = new List<FetchRecord>();

        // robots.txt goes first, so the page waits about 1.2 s for its turn: more than twice the timeout.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var response = await fetcher.GetAsync(new Uri("http://x.example/a"), log.Add, CancellationToken.None);

        Assert.Equal(200, response.Status);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1.15), $"took {clock.Elapsed}");
        Assert.Equal([FetchOutcome.HttpError, FetchOutcome.Ok], log.Select(f => f.Outcome));   // robots.txt 404, then the page
        Assert.Equal(2, handler.Seen.Count);                                                // the handler did not hold it a second time
    }

    [Fact]
    public async Task PolitenessHandler_RequestsNotMarked_AreSpacedByTheInterval()
    {
        var handler = new ScriptedHandler((_, _) => Html());
        var schedule = new HostSchedule(TimeSpan.FromSeconds(1), TimeProvider.System);
        using var client = new HttpClient(new PolitenessHandler(schedule) { InnerHandler = handler });

        await client.GetAsync(new Uri("http://x.example/1"));
        await client.GetAsync(new Uri("http://y.example/1"));    // another host: not held
        await client.GetAsync(new Uri("http://x.example/2"));    // same host: held until a second after x/1

        var t = handler.Arrived;
        Assert.True(t[1] - t[0] < TimeSpan.FromSeconds(0.5), $"other host after {t[1] - t[0]}");
        Assert.True(t[2] - t[0] >= TimeSpan.FromSeconds(0.98), $"same host after {t[2] - t[0]}");
    }
}
