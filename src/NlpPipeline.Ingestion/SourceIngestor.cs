using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using NlpPipeline.Core.Domain;
using NlpPipeline.Core.Urls;
using NlpPipeline.Ingestion.Dates;
using NlpPipeline.Ingestion.Feeds;
using NlpPipeline.Ingestion.Fetching;
using NlpPipeline.Ingestion.Pages;
using NlpPipeline.Ingestion.Telegram;

namespace NlpPipeline.Ingestion;

/// <summary>
/// Reads one source: a feed (then each item's article page), a single page, or a public Telegram
/// channel. Problems with one item are yielded as <see cref="IngestItem.Skipped"/>; a problem with the
/// source itself (feed unreachable or unreadable, channel markup unreadable, unsupported kind) throws,
/// and the caller records the source as failed. A link is canonicalised (<see cref="UrlCanonicalizer"/>)
/// before asking whether it is already stored, so a story is not downloaded again under another spelling
/// of its URL. The publication time is the first trusted one of the feed item's, the page's and the
/// URL's (<see cref="PublicationDateChooser"/>).
/// </summary>
public sealed class SourceIngestor(Fetcher fetcher, FeedParser feeds, MainTextExtractor extractor, TelegramChannelReader telegram, TimeProvider time, ILogger<SourceIngestor> log)
{
    /// <summary>Below this many characters of main text a page is treated as having none (a stub, a gallery).</summary>
    public const int MinTextChars = 80;

    /// <summary>Hosts the fetcher stopped asking in this run after repeated failures.</summary>
    public IReadOnlyCollection<string> BackedOffHosts => fetcher.BackedOffHosts;

    public async IAsyncEnumerable<IngestItem> IngestAsync(Source source, IngestContext context, [EnumeratorCancellation] CancellationToken ct = default)
    {
        switch (source.Type)
        {
            case SourceType.Feed:
                var response = await fetcher.GetAsync(source.Url, context.OnFetch, context.CachedValidators?.Invoke(source.Url), ct);
                if (response.NotModified)
                {
                    log.LogInformation("Source {SourceId}: feed not modified since the last run", source.Id);
                    break;
                }
                var entries = feeds.Parse(response.Body, response.Charset, response.Url);
                log.LogInformation("Source {SourceId}: feed has {Count} items", source.Id, entries.Count);
                var retryLater = 0;
                foreach (var entry in entries)
                {
                    if (IsKnown(entry.Link, context)) { yield return new IngestItem.Skipped(entry.Link, SkipReason.AlreadyStored); continue; }
                    var item = await FetchArticleAsync(source, entry.Link, entry, context, ct);
                    if (item is IngestItem.Skipped { Retryable: true }) retryLater++;
                    yield return item;
                }
                // Only a feed whose every item is settled may answer 304 next run: otherwise the items that
                // failed now would never be seen again while the feed stays unchanged.
                if (response.Validators is { } validators && retryLater == 0) context.SaveValidators?.Invoke(source.Url, validators);
                break;
            case SourceType.Page:
                if (IsKnown(source.Url, context)) { yield return new IngestItem.Skipped(source.Url, SkipReason.AlreadyStored); break; }
                yield return await FetchArticleAsync(source, source.Url, null, context, ct);
                break;
            case SourceType.Telegram:
                await foreach (var item in telegram.ReadAsync(source, context, ct))
                    yield return item;
                break;
            default:
                throw new NotSupportedException($"sources of kind '{source.Type.ToWire()}' are not supported by this version");
        }
    }

    private async Task<IngestItem> FetchArticleAsync(Source source, Uri link, FeedEntry? entry, IngestContext context, CancellationToken ct)
    {
        PageContent page;
        Uri fetchedFrom;
        try
        {
            var response = await fetcher.GetAsync(link, context.OnFetch, ct);
            if (response.MediaType is { } type && !IsHtml(type))
                return FromFeedOrSkip(source, link, entry, SkipReason.NotHtml, type);
            fetchedFrom = response.Url;
            page = extractor.Extract(CharsetDecoder.Decode(response.Body, response.Charset), response.Url);
        }
        catch (FetchException ex)
        {
            var reason = ex.Outcome switch
            {
                FetchOutcome.RobotsDisallowed => SkipReason.RobotsDisallowed,
                FetchOutcome.HostBackedOff => SkipReason.HostBackedOff,
                _ => SkipReason.FetchFailed,
            };
            return FromFeedOrSkip(source, link, entry, reason, ex.Message, fetch: ex.Outcome);
        }
        if (page.Paragraphs.Sum(p => p.Length) < MinTextChars)
            return FromFeedOrSkip(source, link, entry, SkipReason.NoMainText, null, page, fetchedFrom);
        var canonical = UrlCanonicalizer.Choose(fetchedFrom, page.CanonicalUrl);
        if (canonical != UrlCanonicalizer.Canonicalize(link) && context.IsKnown(canonical))
            return new IngestItem.Skipped(link, SkipReason.AlreadyStored, $"canonical {canonical}");
        return new IngestItem.Fetched(NewDocument(source, link, canonical, entry, page, page.Paragraphs));
    }

    /// <summary>Known under its canonical URL, or (rows stored before canonicalisation) under the link as given.</summary>
    private static bool IsKnown(Uri link, IngestContext context)
    {
        var canonical = UrlCanonicalizer.Canonicalize(link);
        return context.IsKnown(canonical) || (canonical.AbsoluteUri != link.AbsoluteUri && context.IsKnown(link));
    }

    private Document NewDocument(Source source, Uri link, Uri canonical, FeedEntry? entry, PageContent? page, IReadOnlyList<string> paragraphs)
    {
        var fetchedAt = time.GetUtcNow();
        IEnumerable<DateClaim> claims = entry?.Published is { } p ? [new DateClaim(p, DateOrigin.Feed)] : [];
        var (published, origin) = PublicationDateChooser.Choose(claims.Concat(page?.DateClaims ?? []), fetchedAt);
        if (origin.Source != DateSource.Feed)
            log.LogDebug("Dated {Url} by {Source} {Detail}", link, origin.Source.ToWire(), origin.Detail);
        return new Document(link, canonical, source.Id, fetchedAt, published, entry?.Title ?? page?.Title, paragraphs, origin);
    }

    /// <summary>When the page gives nothing, a feed that carries the full text still gives the story.</summary>
    private IngestItem FromFeedOrSkip(Source source, Uri link, FeedEntry? entry, SkipReason reason, string? detail, PageContent? page = null,
        Uri? fetchedFrom = null, FetchOutcome? fetch = null)
    {
        var paragraphs = entry?.Content is { } content ? extractor.ExtractFragment(content) : [];
        if (paragraphs.Sum(p => p.Length) < MinTextChars)
        {
            log.LogDebug("Skipped {Url}: {Reason} {Detail}", link, reason, detail);
            return new IngestItem.Skipped(link, reason, detail) { Fetch = fetch };
        }
        log.LogDebug("Using the feed's own text for {Url} ({Reason})", link, reason);
        var canonical = UrlCanonicalizer.Choose(fetchedFrom ?? link, page?.CanonicalUrl);
        return new IngestItem.Fetched(NewDocument(source, link, canonical, entry, page, paragraphs));
    }

    private static bool IsHtml(string mediaType) =>
        mediaType.Contains("html", StringComparison.OrdinalIgnoreCase) || mediaType.Equals("text/plain", StringComparison.OrdinalIgnoreCase);
}
