namespace NlpPipeline.Ingestion.Fetching;

/// <summary>
/// A successful download: the final URL after redirects, the declared content type and the raw (decoded
/// from gzip/deflate/brotli) bytes. A 304 answer has <see cref="NotModified"/> set and an empty body.
/// </summary>
public sealed record FetchResponse(Uri Url, int Status, string? MediaType, string? Charset, byte[] Body)
{
    /// <summary>The ETag / Last-Modified the server sent, to be sent back next run.</summary>
    public HttpValidators? Validators { get; init; }

    public bool NotModified => Status == 304;
}
