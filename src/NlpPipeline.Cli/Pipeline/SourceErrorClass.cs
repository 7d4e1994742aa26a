using NlpPipeline.Ingestion.Feeds;
using NlpPipeline.Ingestion.Fetching;
using NlpPipeline.Ingestion.Telegram;

namespace NlpPipeline.Cli.Pipeline;

/// <summary>
/// A short, stable name for why a source failed, for source health: <c>http_404</c>, a fetch outcome such as
/// <c>timeout</c> or <c>connection</c>, <c>feed_unreadable</c>, <c>telegram_markup</c>, … (the message carries the detail).
/// </summary>
internal static class SourceErrorClass
{
    public static string Of(Exception ex) => ex switch
    {
        TelegramMarkupException => "telegram_markup",
        FeedFormatException => "feed_unreadable",
        FetchException { Status: >= 400 and var status } => $"http_{status}",
        FetchException f => f.Outcome.ToWire(),   // timeout, connection, too_large, robots_disallowed, …
        NotSupportedException => "unsupported",
        _ => ex.GetType().Name,
    };
}
