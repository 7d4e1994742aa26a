using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace NlpPipeline.IntegrationTests.Infrastructure;

/// <summary>
/// A small HTTP/1.1 server on 127.0.0.1 (random port) that replays a fixture folder: each route of its
/// <c>manifest.json</c> maps an absolute URL (host + path + query) to a file with a status and content
/// type, served as raw bytes. Hosts are virtual: <see cref="CreateHandler"/> connects every host name to
/// this server, so feeds can link to several "sites" and nothing ever leaves the machine.
/// <para>
/// Optional route keys: <c>headers</c> (extra response headers, e.g. Location), <c>etag</c> and
/// <c>last_modified</c> (served, and a matching If-None-Match / If-Modified-Since gets 304), and
/// <c>encoding</c> (gzip, deflate or br: the body is compressed and Content-Encoding sent). A route's
/// <c>fault</c> object overrides any of those while <see cref="Faulty"/> is true (the default) and can
/// also misbehave: <c>delay_ms</c> before answering, <c>statuses</c> (one per request, the last
/// repeating: [500, 200] fails once), <c>retry_after_date_seconds</c> (a Retry-After HTTP-date that far
/// ahead), <c>reset_after_bytes</c> (the connection is reset mid-body) and <c>pad_to_bytes</c> (an
/// oversized body). Set <see cref="Faulty"/> to false and every site is healthy.
/// </para>
/// </summary>
public sealed class FixtureServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Dictionary<string, Route> _routes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _hits = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>Every request with its arrival time (UTC) and headers (names lower-case).</summary>
    public ConcurrentQueue<ReceivedRequest> Received { get; } = new();

    /// <summary>While true, routes with a <c>fault</c> misbehave as it says.</summary>
    public bool Faulty { get; set; } = true;

    public FixtureServer(string sitesFolder)
    {
        using var manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(sitesFolder, "manifest.json")));
        foreach (var r in manifest.RootElement.GetProperty("routes").EnumerateArray())
        {
            var healthy = Behaviour.Read(r, sitesFolder, null);
            var fault = r.TryGetProperty("fault", out var f) ? Behaviour.Read(f, sitesFolder, healthy) : null;
            _routes[r.GetProperty("url").GetString()!] = new Route(healthy, fault);
        }
        _listener.Start();
        _loop = Task.Run(AcceptLoopAsync);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>An HTTP handler that sends every request, whatever its host, to this loopback server.</summary>
    public SocketsHttpHandler CreateHandler() => new()
    {
        AllowAutoRedirect = false,                              // as in production: the fetcher follows redirects itself
        AutomaticDecompression = DecompressionMethods.All,
        ConnectCallback = async (context, ct) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, Port), ct);
            return new NetworkStream(socket, ownsSocket: true);
        },
    };

    public sealed record ReceivedRequest(string Url, DateTimeOffset At, IReadOnlyDictionary<string, string> Headers);

    private sealed record Route(Behaviour Healthy, Behaviour? Fault);

    private sealed record Behaviour(string? File, int Status, string ContentType, IReadOnlyDictionary<string, string> Headers,
        string? ETag, string? LastModified, string? Encoding, int DelayMs, IReadOnlyList<int> Statuses,
        int? RetryAfterDateSeconds, int? ResetAfterBytes, int? PadToBytes)
    {
        public static Behaviour Read(JsonElement e, string folder, Behaviour? over)
        {
            string? Str(string key) => e.TryGetProperty(key, out var v) ? v.GetString() : null;
            int? Int(string key) => e.TryGetProperty(key, out var v) ? v.GetInt32() : null;
            var headers = new Dictionary<string, string>(over?.Headers ?? new Dictionary<string, string>(), StringComparer.OrdinalIgnoreCase);
            if (e.TryGetProperty("headers", out var h))
                foreach (var p in h.EnumerateObject()) headers[p.Name] = p.Value.GetString()!;
            return new Behaviour(
                Str("file") is { } file ? Path.Combine(folder, file) : over?.File,
                Int("status") ?? over?.Status ?? 200,
                Str("content_type") ?? over?.ContentType ?? "text/plain",
                headers,
                Str("etag") ?? over?.ETag,
                Str("last_modified") ?? over?.LastModified,
                Str("encoding") ?? over?.Encoding,
                Int("delay_ms") ?? 0,
                e.TryGetProperty("statuses", out var s) ? s.EnumerateArray().Select(x => x.GetInt32()).ToList() : [],
                Int("retry_after_date_seconds"),
                Int("reset_after_bytes"),
                Int("pad_to_bytes"));
        }
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (OperationCanceledException) { return; }
            catch (ObjectDisposedException) { return; }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                await ServeOneAsync(client);
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // the client gave up (a timeout test) or the server is stopping
            }
        }
    }

    private async Task ServeOneAsync(TcpClient client)
    {
        var stream = client.GetStream();
        var head = await ReadHeadAsync(stream);
        if (head is null) return;
        var lines = head.Split("\r\n");
        var target = lines[0].Split(' ')[1];
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).Where(p => p.Length == 2)
            .GroupBy(p => p[0].Trim().ToLowerInvariant()).ToDictionary(g => g.Key, g => g.First()[1].Trim());
        var host = headers.GetValueOrDefault("host", "localhost");
        var url = $"http://{host.Split(':')[0]}{target}";
        Requests.Enqueue(url);
        Received.Enqueue(new ReceivedRequest(url, DateTimeOffset.UtcNow, headers));
        if (!_routes.TryGetValue(url, out var route))
        {
            await WriteAsync(stream, 404, "text/plain", new Dictionary<string, string>(), Encoding.UTF8.GetBytes("not found"));
            return;
        }
        var b = Faulty && route.Fault is { } fault ? fault : route.Healthy;
        var hit = _hits.AddOrUpdate(url, 0, (_, n) => n + 1);
        if (b.DelayMs > 0) await Task.Delay(b.DelayMs, _stop.Token);
        var status = b.Statuses.Count > 0 ? b.Statuses[Math.Min(hit, b.Statuses.Count - 1)] : b.Status;
        var extra = new Dictionary<string, string>(b.Headers, StringComparer.OrdinalIgnoreCase);
        if (b.RetryAfterDateSeconds is { } ahead)
            extra["Retry-After"] = DateTimeOffset.UtcNow.AddSeconds(ahead).ToString("R", CultureInfo.InvariantCulture);
        if (status is >= 300 and < 400 || status >= 400)
        {
            await WriteAsync(stream, status, "text/plain", extra, Encoding.UTF8.GetBytes($"status {status}"));
            return;
        }
        if (b.ETag is { } etag) extra["ETag"] = etag;
        if (b.LastModified is { } lm) extra["Last-Modified"] = lm;
        if (NotModified(b, headers))
        {
            await WriteAsync(stream, 304, null, extra, []);
            return;
        }
        var body = b.File is null ? Encoding.UTF8.GetBytes("ok") : await File.ReadAllBytesAsync(b.File);
        if (b.PadToBytes is { } size && body.Length < size)
            body = [.. body, .. Encoding.ASCII.GetBytes("<!--" + new string('x', size - body.Length - 7) + "-->")];
        if (b.Encoding is { } encoding)
        {
            body = Compress(body, encoding);
            extra["Content-Encoding"] = encoding;
        }
        await WriteAsync(stream, status, b.ContentType, extra, body, b.ResetAfterBytes, client);
    }

    private static bool NotModified(Behaviour b, Dictionary<string, string> request)
    {
        if (b.ETag is { } etag && request.TryGetValue("if-none-match", out var inm))
            return inm.Split(',').Any(t => t.Trim() == etag || t.Trim() == "*");
        if (b.LastModified is { } lm && request.TryGetValue("if-modified-since", out var ims)
            && DateTimeOffset.TryParse(ims, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since)
            && DateTimeOffset.TryParse(lm, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var modified))
            return modified <= since;
        return false;
    }

    private static byte[] Compress(byte[] body, string encoding)
    {
        using var output = new MemoryStream();
        using (Stream z = encoding switch
        {
            "gzip" => new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true),
            "deflate" => new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true),   // HTTP "deflate" is the zlib format
            "br" => new BrotliStream(output, CompressionLevel.Optimal, leaveOpen: true),
            _ => throw new InvalidOperationException($"unknown encoding {encoding}"),
        })
        {
            z.Write(body);
        }
        return output.ToArray();
    }

    private static async Task WriteAsync(NetworkStream stream, int status, string? type, Dictionary<string, string> extra, byte[] body,
        int? resetAfter = null, TcpClient? client = null)
    {
        var header = new StringBuilder($"HTTP/1.1 {status} {Reason(status)}\r\n");
        if (type is not null) header.Append($"Content-Type: {type}\r\n");
        foreach (var (name, value) in extra) header.Append($"{name}: {value}\r\n");
        header.Append($"Content-Length: {body.Length}\r\nConnection: close\r\n\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(header.ToString()));
        if (resetAfter is { } n && client is not null)
        {
            await stream.WriteAsync(body.AsMemory(0, Math.Min(n, body.Length)));
            await stream.FlushAsync();
            client.Client.LingerState = new LingerOption(true, 0);   // close with RST, not FIN: "connection reset by peer"
            client.Client.Close();
            return;
        }
        await stream.WriteAsync(body);
    }

    private static async Task<string?> ReadHeadAsync(NetworkStream stream)
    {
        var buffer = new List<byte>();
        var one = new byte[1];
        while (buffer.Count < 65536)
        {
            if (await stream.ReadAsync(one) == 0) return null;
            buffer.Add(one[0]);
            var n = buffer.Count;
            if (n >= 4 && buffer[n - 4] == '\r' && buffer[n - 3] == '\n' && buffer[n - 2] == '\r' && buffer[n - 1] == '\n')
                return Encoding.ASCII.GetString(buffer.ToArray(), 0, n - 4);
        }
        return null;
    }

    private static string Reason(int status) => status switch
    {
        200 => "OK", 301 => "Moved Permanently", 302 => "Found", 304 => "Not Modified", 404 => "Not Found",
        429 => "Too Many Requests", 500 => "Internal Server Error", 503 => "Service Unavailable", _ => "Status",
    };

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        try { await _loop; } catch (OperationCanceledException) { }
        _stop.Dispose();
    }
}
