using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace NlpPipeline.IntegrationTests.Infrastructure;

/// <summary>
/// A small HTTP/1.1 server on 127.0.0.1 (random port) that replays tests/Fixtures/Sites: each route
/// maps an absolute URL (host + path + query) to a file with a status and content type, served as raw
/// bytes. Hosts are virtual: <see cref="CreateHandler"/> connects every host name to this server, so
/// feeds can link to several "sites" and nothing ever leaves the machine.
/// </summary>
public sealed class FixtureServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Dictionary<string, Route> _routes = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public ConcurrentQueue<string> Requests { get; } = new();

    public FixtureServer(string sitesFolder)
    {
        using var manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(sitesFolder, "manifest.json")));
        foreach (var r in manifest.RootElement.GetProperty("routes").EnumerateArray())
        {
            var file = r.TryGetProperty("file", out var f) ? Path.Combine(sitesFolder, f.GetString()!) : null;
            var status = r.TryGetProperty("status", out var s) ? s.GetInt32() : 200;
            _routes[r.GetProperty("url").GetString()!] = new Route(file, status, r.GetProperty("content_type").GetString()!);
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

    private sealed record Route(string? File, int Status, string ContentType);

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
            var stream = client.GetStream();
            var head = await ReadHeadAsync(stream);
            if (head is null) return;
            var lines = head.Split("\r\n");
            var target = lines[0].Split(' ')[1];
            var host = lines.Skip(1).FirstOrDefault(l => l.StartsWith("Host:", StringComparison.OrdinalIgnoreCase))?[5..].Trim() ?? "localhost";
            var url = $"http://{host.Split(':')[0]}{target}";
            Requests.Enqueue(url);
            var (status, type, body) = _routes.TryGetValue(url, out var route)
                ? (route.Status, route.ContentType, route.File is null ? Encoding.UTF8.GetBytes("server error") : await File.ReadAllBytesAsync(route.File))
                : (404, "text/plain", Encoding.UTF8.GetBytes("not found"));
            var header = $"HTTP/1.1 {status} {Reason(status)}\r\nContent-Type: {type}\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(header));
            await stream.WriteAsync(body);
        }
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

    private static string Reason(int status) => status switch { 200 => "OK", 404 => "Not Found", 500 => "Internal Server Error", _ => "Status" };

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        try { await _loop; } catch (OperationCanceledException) { }
        _stop.Dispose();
    }
}
