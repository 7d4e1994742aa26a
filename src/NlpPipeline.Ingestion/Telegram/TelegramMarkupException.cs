namespace NlpPipeline.Ingestion.Telegram;

/// <summary>
/// A channel page came back (HTTP 200) but no message could be read from it: the preview's markup has
/// changed, or the URL is not a channel preview. A source failure, never "no new posts".
/// </summary>
public sealed class TelegramMarkupException(Uri url, string message) : Exception($"{url}: {message}")
{
    public Uri Url { get; } = url;
}
