using NlpPipeline.Ingestion.Dates;

namespace NlpPipeline.Ingestion.Pages;

/// <summary>
/// What a page yields: metadata when the page states it, and the main text as paragraphs (possibly none).
/// <see cref="DateClaims"/> are every publication time the page states, most reliable first;
/// <see cref="Published"/> is the first of them.
/// </summary>
public sealed record PageContent(
    string? Title,
    Uri? CanonicalUrl,
    DateTimeOffset? Published,
    string? DeclaredLanguage,
    IReadOnlyList<string> Paragraphs,
    IReadOnlyList<DateClaim>? DateClaims = null);
