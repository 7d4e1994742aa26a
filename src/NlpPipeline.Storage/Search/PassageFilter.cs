using NlpPipeline.Core.Labels;

namespace NlpPipeline.Storage.Search;

/// <summary>
/// Which passages a query or export selects. Every filter is optional. <see cref="Text"/> is what a researcher
/// typed (see <see cref="SearchFolding"/>). Label filters apply to the predictions of the model version the query is
/// run with. <see cref="PublishedFrom"/> (inclusive) and <see cref="PublishedBefore"/> (exclusive) are instants;
/// when either is set, documents without a trusted publication time are left out.
/// </summary>
public sealed record PassageFilter(
    string? Text = null,
    Language? Language = null,
    Intent? Intent = null,
    Topic? Topic = null,
    Sentiment? Sentiment = null,
    DateTimeOffset? PublishedFrom = null,
    DateTimeOffset? PublishedBefore = null,
    string? SourceId = null)
{
    public bool FiltersLabels => Intent is not null || Topic is not null || Sentiment is not null;
}
