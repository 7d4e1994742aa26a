namespace NlpPipeline.Core.Domain;

/// <summary>
/// An article or post as fetched and extracted, before splitting. <see cref="CanonicalUrl"/> identifies
/// the story (the page's rel=canonical when it has one); <see cref="Url"/> is where it was fetched.
/// <see cref="PublishedAt"/> keeps the publisher's own offset; <see cref="FetchedAt"/> is ours.
/// Paragraphs are normalised text, none empty. <see cref="DateOrigin"/> says where <see cref="PublishedAt"/>
/// was read; null means it came with the item from its source (a feed item's or a post's own date), or,
/// without a <see cref="PublishedAt"/>, nowhere. <see cref="DateTrust"/> says whether it can place the
/// document in time (<see cref="PublicationDateRules"/>).
/// </summary>
public sealed record Document(
    Uri Url,
    Uri CanonicalUrl,
    string SourceId,
    DateTimeOffset FetchedAt,
    DateTimeOffset? PublishedAt,
    string? Title,
    IReadOnlyList<string> Paragraphs,
    DateOrigin? DateOrigin = null)
{
    /// <summary>For a social-media post: channel, message id, views, forward and links; null for articles.</summary>
    public PostMetadata? Post { get; init; }

    /// <summary>Where <see cref="PublishedAt"/> came from, with the default for items that carry their own date.</summary>
    public DateOrigin DatedBy => DateOrigin ?? (PublishedAt is null ? Domain.DateOrigin.None : Domain.DateOrigin.Feed);

    /// <summary>Whether <see cref="PublishedAt"/> is believed, judged against <see cref="FetchedAt"/>.</summary>
    public DateTrust DateTrust => PublicationDateRules.Check(PublishedAt, FetchedAt);

    /// <summary>The body text: paragraphs separated by blank lines.</summary>
    public string Text => string.Join("\n\n", Paragraphs);
}
