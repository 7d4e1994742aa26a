using NlpPipeline.Core.Domain;
using NlpPipeline.Core.Labels;

namespace NlpPipeline.Core.Export;

/// <summary>
/// A stored passage with its document's metadata and one model's labels (null when that model has not scored it).
/// <see cref="Published"/> carries the publisher's offset and is null unless the date is trusted
/// (<see cref="DateTrust"/> says why not).
/// </summary>
public sealed record ExportedPassage(
    long PassageId,
    long DocumentId,
    int Ordinal,
    string Text,
    Language Language,
    string CanonicalUrl,
    string SourceId,
    string Outlet,
    SourceKind SourceKind,
    DateTimeOffset? Published,
    DateTrust DateTrust,
    PassageLabels? Labels,
    string? ModelVersion);
