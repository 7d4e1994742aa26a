namespace NlpPipeline.Core.Domain;

/// <summary>
/// An article or post as fetched and extracted, before splitting. <see cref="CanonicalUrl"/> identifies
/// the story (the page's rel=canonical when it has one); <see cref="Url"/> is where it was fetched.
/// <see cref="PublishedAt"/> keeps the publisher's own offset; <see cref="FetchedAt"/> is ours.
/// Paragraphs are normalised text, none empty.
/// </summary>
public sealed record Document(
    Uri Url,
    Uri CanonicalUrl,
    string SourceId,
    DateTimeOffset FetchedAt,
    DateTimeOffset? PublishedAt,
    string? Title,
    IReadOnlyList<string> Paragraphs)
{
    /// <summary>For a social-media post: channel, message id, views, forward and links; null for articles.</summary>
    public PostMetadata? Post { get; init; }

    /// <summary>The body text: paragraphs separated by blank lines.</summary>
    public string Text => string.Join("\n\n", Paragraphs);
}
