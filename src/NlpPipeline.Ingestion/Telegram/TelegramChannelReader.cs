using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using NlpPipeline.Core.Domain;
using NlpPipeline.Ingestion.Fetching;

namespace NlpPipeline.Ingestion.Telegram;

/// <summary>
/// Reads a public channel through its web preview, newest page first, then older pages with
/// <c>?before=ID</c>, until it reaches the last message seen by an earlier run, the channel's first
/// message, or <see cref="TelegramOptions.MaxPages"/>. Each message with text becomes a document at
/// the post's stable address; media without text is skipped with a reason. A first page that answers
/// but holds no readable message is a <see cref="TelegramMarkupException"/>, not an empty channel.
/// </summary>
public sealed class TelegramChannelReader(Fetcher fetcher, TelegramOptions options, TimeProvider time, ILogger<TelegramChannelReader> log)
{
    public async IAsyncEnumerable<IngestItem> ReadAsync(Source source, IngestContext context, [EnumeratorCancellation] CancellationToken ct = default)
    {
        if (!TelegramChannel.TryParse(source.Url, out var channel))
            throw new NotSupportedException($"telegram source url {source.Url} is not a channel preview page (BASE/s/NAME, e.g. https://t.me/s/NAME)");
        var lastSeen = context.Cursor?.LastSeen;
        var highest = lastSeen ?? 0;
        var seen = new HashSet<long>();
        long? before = null;
        var pages = 0;
        var reachedKnown = false;
        var reachedStart = false;
        while (pages < options.MaxPages)
        {
            var url = channel.PageUrl(before);
            var response = await fetcher.GetAsync(url, context.OnFetch, ct);
            pages++;
            var page = TelegramPageParser.Parse(CharsetDecoder.Decode(response.Body, response.Charset), channel);
            CheckReadable(page, url, first: pages == 1);
            if (page.Messages.Count == 0) { reachedStart = true; break; }   // asked for messages older than the first one
            var fresh = page.Messages.Where(m => seen.Add(m.Id)).OrderByDescending(m => m.Id).ToList();
            foreach (var message in fresh)
            {
                highest = Math.Max(highest, message.Id);
                if (message.Id <= lastSeen) { reachedKnown = true; yield return new IngestItem.Skipped(message.Url, SkipReason.AlreadyStored); continue; }
                yield return ToItem(source, channel, message, context);
            }
            var oldest = page.Messages.Min(m => m.Id);
            if (reachedKnown) break;
            if (fresh.Count == 0 || oldest <= 1) { reachedStart = true; break; }   // nothing older, or the server ignores ?before
            before = oldest;
        }
        log.LogInformation("Source {SourceId}: read {Pages} page(s) of channel {Channel}, newest message {Highest}", source.Id, pages, channel.Name, highest);
        if (lastSeen is not null && !reachedKnown && !reachedStart)
            log.LogWarning("Source {SourceId}: stopped after {Pages} page(s) before reaching message {LastSeen}; older new messages were not read (raise the page limit)",
                source.Id, pages, lastSeen);
        if (context.Cursor is { } cursor && highest > (lastSeen ?? 0)) cursor.Save(highest);
    }

    private static void CheckReadable(TelegramPage page, Uri url, bool first)
    {
        if (first && page.Messages.Count == 0)
            throw new TelegramMarkupException(url, page.Unreadable > 0
                ? $"the page answered but none of its {page.Unreadable} message element(s) has a readable data-post id; the preview markup may have changed"
                : "the page answered but holds no message (no .tgme_widget_message[data-post]); the preview markup may have changed, or this is not a public channel");
        if (page.Messages.Count > 0 && page.Messages.All(m => m.Text is null && !m.HasMedia && !m.IsService && m.Published is null))
            throw new TelegramMarkupException(url,
                $"none of the page's {page.Messages.Count} message(s) has text, media or a date; the preview markup may have changed");
    }

    private IngestItem ToItem(Source source, TelegramChannel channel, TelegramMessage message, IngestContext context)
    {
        if (message.IsService) return new IngestItem.Skipped(message.Url, SkipReason.NoMainText, "service message");
        if (message.Text is null)
            return new IngestItem.Skipped(message.Url, message.HasMedia ? SkipReason.MediaOnly : SkipReason.NoMainText, message.HasMedia ? null : "no text");
        if (context.IsKnown(message.Url)) return new IngestItem.Skipped(message.Url, SkipReason.AlreadyStored);
        var paragraphs = message.Text.Split("\n\n");
        var post = new PostMetadata(channel.Name, message.Id, message.Views, message.ForwardedFrom, message.ForwardedFromUrl, message.Links);
        return new IngestItem.Fetched(new Document(message.Url, message.Url, source.Id, time.GetUtcNow(), message.Published, null, paragraphs) { Post = post });
    }
}
