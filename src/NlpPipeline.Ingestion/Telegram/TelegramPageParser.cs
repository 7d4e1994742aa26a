using System.Globalization;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using NlpPipeline.Core.Text;

namespace NlpPipeline.Ingestion.Telegram;

/// <summary>
/// Reads the messages of one web-preview page (<c>/s/NAME</c>). Each message is a
/// <c>.tgme_widget_message[data-post="NAME/ID"]</c>; its text is the <c>.tgme_widget_message_text</c>
/// that is not part of a quoted reply, its date the <c>&lt;time datetime&gt;</c> of
/// <c>.tgme_widget_message_date</c>. Pure: no network, no scripts run.
/// </summary>
public static class TelegramPageParser
{
    private const string MediaSelector =
        ".tgme_widget_message_photo_wrap, .tgme_widget_message_video_player, .tgme_widget_message_video, " +
        ".tgme_widget_message_roundvideo_player, .tgme_widget_message_document, .tgme_widget_message_voice, " +
        ".tgme_widget_message_sticker_wrap, .tgme_widget_message_sticker, .tgme_widget_message_poll, " +
        ".tgme_widget_message_location_wrap, .tgme_widget_message_grouped_wrap";

    /// <summary>Elements whose text is not the message's own: a quoted reply, a link's preview card.</summary>
    private const string QuotedSelector = ".tgme_widget_message_reply, .tgme_widget_message_link_preview";

    private static readonly HashSet<string> BlockTags = ["DIV", "P", "BLOCKQUOTE", "PRE", "LI", "UL", "OL"];

    /// <summary>The messages of the page in page order, and how many message elements had no readable id.</summary>
    public static TelegramPage Parse(string html, TelegramChannel channel)
    {
        var document = new HtmlParser().ParseDocument(html);
        var messages = new List<TelegramMessage>();
        var unreadable = 0;
        foreach (var element in document.QuerySelectorAll(".tgme_widget_message[data-post]"))
        {
            var message = Read(element, channel);
            if (message is null) unreadable++;
            else messages.Add(message);
        }
        return new TelegramPage(messages, unreadable);
    }

    private static TelegramMessage? Read(IElement element, TelegramChannel channel)
    {
        var post = element.GetAttribute("data-post") ?? "";
        var slash = post.LastIndexOf('/');
        if (slash < 0 || !long.TryParse(post.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
            return null;
        var own = (IElement e) => !IsQuoted(e, element);
        var textElement = element.QuerySelectorAll(".tgme_widget_message_text").FirstOrDefault(own);
        var text = textElement is null ? null : TextOf(textElement);
        var forward = element.QuerySelectorAll(".tgme_widget_message_forwarded_from_name").FirstOrDefault(own);
        return new TelegramMessage(
            id,
            channel.PostUrl(id),
            DateOf(element),
            ViewCount.Parse(element.QuerySelectorAll(".tgme_widget_message_views").FirstOrDefault(own)?.TextContent),
            string.IsNullOrEmpty(text) ? null : text,
            forward is null ? null : NullIfEmpty(TextNormalizer.Normalize(forward.TextContent)),
            forward is null ? null : Absolute(forward.GetAttribute("href"), channel),
            LinksOf(element, textElement, channel),
            element.QuerySelectorAll(MediaSelector).Any(own),
            element.ClassList.Contains("service_message"));
    }

    private static bool IsQuoted(IElement e, IElement message)
    {
        for (var p = e; p is not null && p != message; p = p.ParentElement)
            if (p.Matches(QuotedSelector)) return true;
        return false;
    }

    private static DateTimeOffset? DateOf(IElement message)
    {
        var time = message.QuerySelector(".tgme_widget_message_date time[datetime]")
                   ?? message.QuerySelectorAll("time[datetime]").FirstOrDefault(t => !IsQuoted(t, message));
        return DateTimeOffset.TryParse(time?.GetAttribute("datetime"), CultureInfo.InvariantCulture,
            DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AssumeUniversal, out var at) ? at : null;
    }

    /// <summary>The text with a line break for every &lt;br&gt; and around block elements; lines normalised.</summary>
    private static string TextOf(IElement textElement)
    {
        var sb = new StringBuilder();
        Append(textElement, sb);
        var lines = sb.ToString().Split('\n').Select(TextNormalizer.Normalize).ToList();
        var result = new StringBuilder();
        var blank = false;
        foreach (var line in lines)
        {
            if (line.Length == 0) { blank = result.Length > 0; continue; }
            if (result.Length > 0) result.Append(blank ? "\n\n" : "\n");
            result.Append(line);
            blank = false;
        }
        return result.ToString();
    }

    private static void Append(INode node, StringBuilder sb)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText t:
                    sb.Append(t.Data.Replace('\n', ' ').Replace('\r', ' '));
                    break;
                case IElement { TagName: "BR" }:
                    sb.Append('\n');
                    break;
                case IElement { TagName: "SCRIPT" or "STYLE" or "TEMPLATE" }:
                    break;
                case IElement e when BlockTags.Contains(e.TagName):
                    sb.Append('\n');
                    Append(e, sb);
                    sb.Append('\n');
                    break;
                case IElement e:
                    Append(e, sb);
                    break;
            }
        }
    }

    /// <summary>Links in the text and the link-preview card, absolute, each once; hashtag searches left out.</summary>
    private static IReadOnlyList<Uri> LinksOf(IElement message, IElement? textElement, TelegramChannel channel)
    {
        var anchors = (textElement?.QuerySelectorAll("a[href]") ?? Enumerable.Empty<IElement>())
            .Concat(message.QuerySelectorAll("a.tgme_widget_message_link_preview[href]"));
        var links = new List<Uri>();
        foreach (var a in anchors)
        {
            var href = a.GetAttribute("href")!;
            if (href.StartsWith('?')) continue;   // "?q=%23tag": a search inside the channel, not a link
            if (Absolute(href, channel) is { } uri && !links.Contains(uri)) links.Add(uri);
        }
        return links;
    }

    private static Uri? Absolute(string? href, TelegramChannel channel)
    {
        if (string.IsNullOrWhiteSpace(href)) return null;
        return Uri.TryCreate(channel.PreviewUrl, href.Trim(), out var uri) && uri.Scheme is "http" or "https" ? uri : null;
    }

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;
}
