using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace NlpPipeline.Cli.Benchmarks;

/// <summary>
/// A minimal HTTP/1.1 server on 127.0.0.1 (random port) for load tests: GET only, keep-alive, every response
/// made on the fly by <c>respond</c> (host, path) so a site of 100,000 pages costs no disk and little memory.
/// Host names are virtual: <see cref="CreateHandler"/> connects every host to this server, so one process can
/// pose as many outlets and the per-host lanes of ingestion run as they would against the web.
/// </summary>
internal sealed class LoopbackSite : IAsyncDisposable
{
    public sealed record Response(int Status, string ContentType, byte[] Body);

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<string, string, Response> _respond;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _requests;

    public LoopbackSite(Func<string, string, Response> respond)
    {
        _respond = respond;
        _listener.Start(512);
        _loop = Task.Run(AcceptLoopAsync);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>An HTTP handler as in production (no auto-redirect, decompression) whose every connection goes to this server.</summary>
    public SocketsHttpHandler CreateHandler() => new()
    {
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.All,
        ConnectCallback = async (_, ct) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, Port), ct);
            return new NetworkStream(socket, ownsSocket: true);
        },
    };

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException) { return; }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var buffer = new byte[16384];
                var filled = 0;
                while (!_stop.IsCancellationRequested)
                {
                    int end;
                    while ((end = HeadEnd(buffer, filled)) < 0)
                    {
                        if (filled == buffer.Length) return;   // a head over 16 KB: not from our client
                        var read = await stream.ReadAsync(buffer.AsMemory(filled), _stop.Token);
                        if (read == 0) return;
                        filled += read;
                    }
                    var head = Encoding.ASCII.GetString(buffer, 0, end);
                    filled -= end + 4;
                    Buffer.BlockCopy(buffer, end + 4, buffer, 0, filled);
                    await RespondAsync(stream, head);
                }
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // the client closed the connection, or the server is stopping
            }
        }
    }

    private async Task RespondAsync(NetworkStream stream, string head)
    {
        Interlocked.Increment(ref _requests);
        var lines = head.Split("\r\n");
        var path = lines[0].Split(' ') is { Length: >= 2 } parts ? parts[1] : "/";
        var host = lines.Skip(1).Select(l => l.Split(':', 2)).Where(p => p.Length == 2 && p[0].Trim().Equals("host", StringComparison.OrdinalIgnoreCase))
            .Select(p => p[1].Trim().Split(':')[0]).FirstOrDefault() ?? "localhost";
        var response = _respond(host, path);
        var header = string.Create(CultureInfo.InvariantCulture,
            $"HTTP/1.1 {response.Status} {(response.Status == 200 ? "OK" : "Status")}\r\nContent-Type: {response.ContentType}\r\nContent-Length: {response.Body.Length}\r\nConnection: keep-alive\r\n\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(header), _stop.Token);
        await stream.WriteAsync(response.Body, _stop.Token);
    }

    private static int HeadEnd(byte[] buffer, int filled)
    {
        for (var i = 0; i + 3 < filled; i++)
            if (buffer[i] == '\r' && buffer[i + 1] == '\n' && buffer[i + 2] == '\r' && buffer[i + 3] == '\n') return i;
        return -1;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try { await _loop; } catch (OperationCanceledException) { }
        _stop.Dispose();
    }
}
