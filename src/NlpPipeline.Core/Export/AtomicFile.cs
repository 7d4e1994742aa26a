using System.Text;

namespace NlpPipeline.Core.Export;

/// <summary>
/// Writes a file through a temporary sibling and a rename, so a reader (or a crash) never sees half
/// a file: either the old content or the complete new one.
/// </summary>
public static class AtomicFile
{
    public static Task WriteAsync(string path, Func<TextWriter, Task> write, CancellationToken ct = default) =>
        WriteStreamAsync(path, async stream =>
        {
            await using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
            await write(writer);
            ct.ThrowIfCancellationRequested();
            await writer.FlushAsync(ct);
        }, ct);

    public static Task WriteBytesAsync(string path, byte[] bytes, CancellationToken ct = default) =>
        WriteStreamAsync(path, stream => stream.WriteAsync(bytes, ct).AsTask(), ct);

    /// <summary>As <see cref="WriteAsync"/>, for binary formats (Parquet, PNG, gzip): <paramref name="write"/> fills the temporary file's stream, flushed to disk before the rename.</summary>
    public static async Task WriteStreamAsync(string path, Func<Stream, Task> write, CancellationToken ct = default)
    {
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(dir);
        var temp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                await write(stream);
                ct.ThrowIfCancellationRequested();
                await stream.FlushAsync(ct);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
