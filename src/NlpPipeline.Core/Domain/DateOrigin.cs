namespace NlpPipeline.Core.Domain;

/// <summary>
/// Where a publication time was read: the <see cref="DateSource"/> and, for page metadata and URLs, which
/// one exactly (<c>article:published_time</c>, <c>/2022/01/05/</c>), so a wrong date can be traced.
/// </summary>
public sealed record DateOrigin(DateSource Source, string? Detail = null)
{
    public static readonly DateOrigin None = new(DateSource.None);

    public static readonly DateOrigin Feed = new(DateSource.Feed);
}
