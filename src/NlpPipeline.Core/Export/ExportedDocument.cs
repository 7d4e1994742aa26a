using NlpPipeline.Core.Analysis;
using NlpPipeline.Core.Labels;

namespace NlpPipeline.Core.Export;

/// <summary>A stored document with its aggregated labels (null when no model has scored it).</summary>
public sealed record ExportedDocument(
    long Id,
    string CanonicalUrl,
    string SourceId,
    string Outlet,
    DateTimeOffset? Published,
    DateTimeOffset FetchedAt,
    string? Title,
    string Text,
    Language Language,
    long? DuplicateOf,
    DocumentLabels? Labels,
    string? ModelVersion);
