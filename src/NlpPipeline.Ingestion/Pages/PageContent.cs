namespace NlpPipeline.Ingestion.Pages;

/// <summary>What a page yields: metadata when the page states it, and the main text as paragraphs (possibly none).</summary>
public sealed record PageContent(
    string? Title,
    Uri? CanonicalUrl,
    DateTimeOffset? Published,
    string? DeclaredLanguage,
    IReadOnlyList<string> Paragraphs);
