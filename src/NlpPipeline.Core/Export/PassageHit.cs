namespace NlpPipeline.Core.Export;

/// <summary>A search result: the passage, a snippet with the matched words marked, and how well it matched (higher is better; null without a text query).</summary>
public sealed record PassageHit(ExportedPassage Passage, string? Snippet, double? Relevance);
