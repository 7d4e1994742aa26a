namespace NlpPipeline.Ingestion.Fetching;

/// <summary>A response's cache validators, sent back as If-None-Match / If-Modified-Since. At least one is set.</summary>
public sealed record HttpValidators(string? ETag, string? LastModified)
{
    public static HttpValidators? From(string? etag, string? lastModified) =>
        string.IsNullOrWhiteSpace(etag) && string.IsNullOrWhiteSpace(lastModified) ? null
            : new HttpValidators(string.IsNullOrWhiteSpace(etag) ? null : etag, string.IsNullOrWhiteSpace(lastModified) ? null : lastModified);
}
