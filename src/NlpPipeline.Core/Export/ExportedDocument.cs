using NlpPipeline.Core.Analysis;
using NlpPipeline.Core.Domain;
using NlpPipeline.Core.Labels;

namespace NlpPipeline.Core.Export;

/// <summary>
/// A stored document with its aggregated labels (null when no model has scored it). <see cref="Published"/>
/// is the publication time as stored, trusted or not; <see cref="DateTrust"/> says which, and
/// <see cref="DatedBy"/> where it came from (null for rows stored before that was recorded).
/// </summary>
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
    string? ModelVersion,
    DateOrigin? DatedBy = null,
    DateTrust DateTrust = DateTrust.Trusted);
