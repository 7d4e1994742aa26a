using System.Net;
using System.Text;
using Microsoft.Extensions.Logging;
using NlpPipeline.Core.Domain;
using NlpPipeline.Core.Labels;
using NlpPipeline.Ingestion;
using NlpPipeline.Ingestion.Fetching;
using NlpPipeline.Ingestion.Politeness;
using NlpPipeline.Ingestion.Telegram;

namespace NlpPipeline.Tests.Ingestion.Telegram;

/// <summary>Paging and the reading position, with pages served by an in-memory handler.</summary>
public sealed class TelegramChannelReaderTests
{
    private const string Newest = "http://tme.example/s/dala_zhanalyq";
    private static readonly Source Dala = new("dala", "Dala", SourceType.Telegram, new Uri(Newest), null, SourceKind.Social);

    private sealed class Pages(Dictionary<string, string> routes) : HttpMessageHandler
    {
        public List<string> Requested { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            var url = request.RequestUri!.AbsoluteUri;
            if (request.RequestUri.AbsolutePath == "/robots.txt") return Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotFound));
            Requested.Add(url);
            return Task.FromResult(routes.TryGetValue(url, out var html)
                ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(html, Encoding.UTF8, "text/html") }
                : new HttpResponseMessage(HttpStatusCode.NotFound));
        }
    }

    private sealed class Warnings : ILogger<TelegramChannelReader>
    {
        public List<string> Messages { get; } = [];
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel level) => true;
        public void Log<TState>(LogLevel level, EventId id, TState state, Exception? ex, Func<TState, Exception?, string> format)
        {
            if (level >= LogLevel.Warning) Messages.Add(format(state, ex));
        }
    }

    private static async Task<(List<IngestItem> Items, long? Saved, Pages Server, Warnings Log)> Read(
        Dictionary<string, string> routes, int maxPages, long? lastSeen)
    {
        var server = new Pages(routes);
        var log = new Warnings();
        var fetcher = new Fetcher(new HttpClient(server), FetchOptions.Default with { PerHostInterval = TimeSpan.Zero, RetryBaseDelay = TimeSpan.Zero },
            TimeProvider.System, new HostSchedule(TimeSpan.Zero, TimeProvider.System));
        var reader = new TelegramChannelReader(fetcher, new TelegramOptions(maxPages), TimeProvider.System, log);
        long? saved = null;
        var context = new IngestContext(_ => false, _ => { }) { Cursor = new MessageCursor(lastSeen, id => saved = id) };
        var items = new List<IngestItem>();
        await foreach (var item in reader.ReadAsync(Dala, context)) items.Add(item);
        return (items, saved, server, log);
    }

    private static string Page(string name) => TelegramPageParserTests.Page(name);

    [Fact]
    public async Task ReadAsync_PageLimitReachedBeforeLastSeen_WarnsAndSavesTheNewestId()
    {
        var routes = new Dictionary<string, string> { [Newest] = Page("dala-newest.html"), [Newest + "?before=140"] = Page("dala-before-140.html") };

        var (items, saved, server, log) = await Read(routes, maxPages: 1, lastSeen: 120);

        Assert.Equal([Newest], server.Requested);
        Assert.Equal(5, items.OfType<IngestItem.Fetched>().Count());
        Assert.Equal(145L, saved);
        Assert.Contains(log.Messages, m => m.Contains("before reaching message 120"));
    }

    [Fact]
    public async Task ReadAsync_ServerIgnoresBefore_StopsInsteadOfLoopingOverTheSamePage()
    {
        var routes = new Dictionary<string, string> { [Newest] = Page("dala-newest.html"), [Newest + "?before=140"] = Page("dala-newest.html") };

        var (items, saved, server, log) = await Read(routes, maxPages: 10, lastSeen: null);

        Assert.Equal([Newest, Newest + "?before=140"], server.Requested);
        Assert.Equal(6, items.Count);
        Assert.Equal(145L, saved);
        Assert.Empty(log.Messages);
    }

    [Fact]
    public async Task ReadAsync_OlderPageEmpty_IsTheStartOfTheChannelNotAFailure()
    {
        var empty = "<html><body><section class=\"tgme_channel_history js-message_history\"></section></body></html>";
        var routes = new Dictionary<string, string> { [Newest] = Page("dala-newest.html"), [Newest + "?before=140"] = empty };

        var (items, saved, _, log) = await Read(routes, maxPages: 5, lastSeen: 100);

        Assert.Equal(6, items.Count);
        Assert.Equal(145L, saved);
        Assert.Empty(log.Messages);   // reached the first message: nothing was left unread
    }

    [Fact]
    public async Task ReadAsync_FirstPageWithoutMessages_ThrowsMarkupFailure()
    {
        var routes = new Dictionary<string, string> { [Newest] = Page("baga-redesigned.html") };

        var ex = await Assert.ThrowsAsync<TelegramMarkupException>(() => Read(routes, maxPages: 5, lastSeen: 140));

        Assert.Equal(new Uri(Newest), ex.Url);
        Assert.Contains("markup may have changed", ex.Message);
    }

    [Fact]
    public async Task ReadAsync_MessagesWithNothingReadable_ThrowsMarkupFailure()
    {
        var html = """
            <div class="tgme_widget_message js-widget_message" data-post="dala_zhanalyq/7"><div class="tgme_post_body">Сәлем</div></div>
            <div class="tgme_widget_message js-widget_message" data-post="dala_zhanalyq/8"><div class="tgme_post_body">Привет</div></div>
            """;
        var routes = new Dictionary<string, string> { [Newest] = html };

        var ex = await Assert.ThrowsAsync<TelegramMarkupException>(() => Read(routes, maxPages: 5, lastSeen: null));

        Assert.Contains("none of the page's 2 message(s) has text, media or a date", ex.Message);
    }

    [Fact]
    public async Task ReadAsync_Posts_BecomeDocumentsWithPostMetadataAndSkipReasons()
    {
        var routes = new Dictionary<string, string> { [Newest] = Page("dala-before-140.html") };

        var (items, saved, _, _) = await Read(routes, maxPages: 1, lastSeen: null);

        var skipped = items.OfType<IngestItem.Skipped>().ToDictionary(s => s.Url.AbsoluteUri);
        Assert.Equal(SkipReason.MediaOnly, skipped["http://tme.example/dala_zhanalyq/135"].Reason);
        Assert.Equal(SkipReason.NoMainText, skipped["http://tme.example/dala_zhanalyq/139"].Reason);
        var prices = items.OfType<IngestItem.Fetched>().Select(f => f.Document).Single(d => d.Post!.MessageId == 137);
        Assert.Equal(new Uri("http://tme.example/dala_zhanalyq/137"), prices.CanonicalUrl);
        Assert.Equal(2, prices.Paragraphs.Count);
        Assert.Equal(8800L, prices.Post!.Views);
        Assert.Equal("dala_zhanalyq", prices.Post.Channel);
        Assert.Equal(139L, saved);
    }
}
