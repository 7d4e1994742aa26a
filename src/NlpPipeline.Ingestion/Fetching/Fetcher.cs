using System.Diagnostics;
using System.Net.Http.Headers;

namespace NlpPipeline.Ingestion.Fetching;

/// <summary>
/// Downloads bytes from <c>http(s)://</c> and <c>file://</c> URLs through one code path, so the
/// offline demo exercises exactly what a nightly run does. Every attempt is reported to the
/// <c>onFetch</c> callback for the fetch log.
/// </summary>
public sealed class Fetcher(HttpClient http, FetchOptions options, TimeProvider time)
{
    public FetchOptions Options => options;

    public async Task<FetchResponse> GetAsync(Uri url, Action<FetchRecord>? onFetch, CancellationToken ct)
    {
        var started = time.GetUtcNow();
        var clock = Stopwatch.StartNew();
        try
        {
            var response = url.IsFile ? await ReadFileAsync(url, ct) : await DownloadAsync(url, ct);
            onFetch?.Invoke(new FetchRecord(url, started, response.Status, response.Body.Length, clock.Elapsed, "ok", null));
            return response;
        }
        catch (FetchException ex)
        {
            onFetch?.Invoke(new FetchRecord(url, started, ex.Status, 0, clock.Elapsed, "error", ex.Message));
            throw;
        }
    }

    private async Task<FetchResponse> ReadFileAsync(Uri url, CancellationToken ct)
    {
        var path = url.LocalPath;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists) throw new FetchException(url, 404, "file not found");
            if (info.Length > options.MaxBytes) throw new FetchException(url, null, $"file is larger than {options.MaxBytes} bytes");
            var bytes = await File.ReadAllBytesAsync(path, ct);
            return new FetchResponse(url, 200, MediaTypeOf(path), null, bytes);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new FetchException(url, null, ex.Message, ex);
        }
    }

    private async Task<FetchResponse> DownloadAsync(Uri url, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Timeout);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.UserAgent.ParseAdd(options.UserAgent);
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,application/rss+xml,application/atom+xml,application/feed+json,*/*;q=0.5");
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode)
                throw new FetchException(url, status, $"HTTP {status} {response.ReasonPhrase}");
            if (response.Content.Headers.ContentLength > options.MaxBytes)
                throw new FetchException(url, status, $"response is larger than {options.MaxBytes} bytes");
            var body = await ReadLimitedAsync(response.Content, url, timeout.Token);
            var type = response.Content.Headers.ContentType;
            return new FetchResponse(response.RequestMessage?.RequestUri ?? url, status, type?.MediaType, CleanCharset(type), body);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new FetchException(url, null, $"timed out after {options.Timeout.TotalSeconds:0} s");
        }
        catch (HttpRequestException ex)
        {
            throw new FetchException(url, (int?)ex.StatusCode, ex.Message, ex);
        }
    }

    private async Task<byte[]> ReadLimitedAsync(HttpContent content, Uri url, CancellationToken ct)
    {
        await using var stream = await content.ReadAsStreamAsync(ct);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > options.MaxBytes)
                throw new FetchException(url, 200, $"response is larger than {options.MaxBytes} bytes");
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static string? CleanCharset(MediaTypeHeaderValue? type) => type?.CharSet?.Trim('"', '\'', ' ');

    private static string? MediaTypeOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".html" or ".htm" => "text/html",
        ".xml" or ".rss" => "application/xml",
        ".atom" => "application/atom+xml",
        ".json" => "application/feed+json",
        _ => null,
    };
}
