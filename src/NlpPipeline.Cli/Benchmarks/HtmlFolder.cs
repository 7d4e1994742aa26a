using System.IO.Compression;

namespace NlpPipeline.Cli.Benchmarks;

/// <summary>The pages of a folder: NAME.html or NAME.html.gz (gzip), read as raw bytes.</summary>
internal static class HtmlFolder
{
    public static IEnumerable<(string Name, byte[] Bytes)> Read(string folder)
    {
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"Folder not found: {folder}");
        foreach (var path in Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal))
        {
            var file = Path.GetFileName(path);
            if (file.EndsWith(".html.gz", StringComparison.OrdinalIgnoreCase))
            {
                using var gz = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
                using var buffer = new MemoryStream();
                gz.CopyTo(buffer);
                yield return (file[..^".html.gz".Length], buffer.ToArray());
            }
            else if (file.EndsWith(".html", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".htm", StringComparison.OrdinalIgnoreCase))
            {
                yield return (Path.GetFileNameWithoutExtension(file), File.ReadAllBytes(path));
            }
        }
    }
}
