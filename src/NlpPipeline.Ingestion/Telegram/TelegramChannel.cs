using System.Text.RegularExpressions;

namespace NlpPipeline.Ingestion.Telegram;

/// <summary>
/// A public channel as seen through its web preview, <c>BASE/s/NAME</c> (on Telegram itself
/// <c>https://t.me/s/NAME</c>). Older pages are <c>BASE/s/NAME?before=ID</c>, and a post's stable
/// address is <c>BASE/NAME/ID</c>, the form Telegram uses for links to a post.
/// </summary>
public sealed partial record TelegramChannel(string Name, Uri PreviewUrl, Uri Base)
{
    /// <summary>Reads a preview URL; false when it is not http(s) or its path does not end in <c>/s/NAME</c>.</summary>
    public static bool TryParse(Uri url, out TelegramChannel channel)
    {
        channel = null!;
        if (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https")) return false;
        var path = url.AbsolutePath.TrimEnd('/');
        var match = PreviewPath().Match(path);
        if (!match.Success) return false;
        var prefix = path[..match.Index];
        var origin = url.GetLeftPart(UriPartial.Authority);
        var name = match.Groups["name"].Value;
        channel = new TelegramChannel(name, new Uri($"{origin}{prefix}/s/{name}"), new Uri($"{origin}{prefix}/"));
        return true;
    }

    /// <summary>The newest page, or the page of messages older than <paramref name="before"/>.</summary>
    public Uri PageUrl(long? before) =>
        before is { } id ? new Uri($"{PreviewUrl.AbsoluteUri}?before={id}") : PreviewUrl;

    public Uri PostUrl(long messageId) => new(Base, $"{Name}/{messageId}");

    // Telegram usernames: letters, digits and underscores (5–32 on t.me; shorter kept for test hosts).
    [GeneratedRegex(@"/s/(?<name>[A-Za-z0-9_]{1,64})$")]
    private static partial Regex PreviewPath();
}
