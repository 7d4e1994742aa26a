namespace NlpPipeline.Ingestion.Telegram;

/// <summary>
/// One message of a channel's web preview. <see cref="Text"/> is null when the message has none (a
/// photo, a sticker, a poll); otherwise lines are separated by '\n' (from <c>&lt;br&gt;</c>) and
/// paragraphs by a blank line, each line normalised, emoji and the text of links kept.
/// <see cref="Published"/> keeps the offset the page gives. <see cref="Links"/> are absolute http(s)
/// URLs in the order they appear, each once.
/// </summary>
public sealed record TelegramMessage(
    long Id,
    Uri Url,
    DateTimeOffset? Published,
    long? Views,
    string? Text,
    string? ForwardedFrom,
    Uri? ForwardedFromUrl,
    IReadOnlyList<Uri> Links,
    bool HasMedia,
    bool IsService);
