namespace NlpPipeline.Core.Domain;

/// <summary>
/// What a social-media post carries beside its text: the channel and the channel's own message id
/// (together they identify the post), its view count when shown, where it was forwarded from, and the
/// links in it (absolute http(s) URLs, in order, each once).
/// </summary>
public sealed record PostMetadata(
    string Channel,
    long MessageId,
    long? Views,
    string? ForwardedFrom,
    Uri? ForwardedFromUrl,
    IReadOnlyList<Uri> Links);
