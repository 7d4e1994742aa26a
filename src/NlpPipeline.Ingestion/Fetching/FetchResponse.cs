namespace NlpPipeline.Ingestion.Fetching;

/// <summary>A successful download: the final URL after redirects, the declared content type and the raw bytes.</summary>
public sealed record FetchResponse(Uri Url, int Status, string? MediaType, string? Charset, byte[] Body);
