using NlpPipeline.Core.Domain;

namespace NlpPipeline.Ingestion.Dates;

/// <summary>A publication time as one place states it (a feed item, a meta tag, the URL), not yet believed.</summary>
public sealed record DateClaim(DateTimeOffset Value, DateOrigin Origin);
