using NlpPipeline.Core.Export;
using Xunit;

namespace NlpPipeline.Tests.Core.Export;

public sealed class AtomicFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("nlp-atomic-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task WriteAsync_WriterThrows_OldContentKeptAndNoTempFile()
    {
        var path = Path.Combine(_dir, "weekly.csv");
        await File.WriteAllTextAsync(path, "old content\n");

        await Assert.ThrowsAsync<InvalidOperationException>(() => AtomicFile.WriteAsync(path, async w =>
        {
            await w.WriteAsync(new string('x', 100_000));
            throw new InvalidOperationException("disk on fire");
        }));

        Assert.Equal("old content\n", await File.ReadAllTextAsync(path));
        Assert.Equal([path], Directory.GetFiles(_dir));
    }

    [Fact]
    public async Task WriteAsync_Cancelled_OldContentKeptAndNoTempFile()
    {
        var path = Path.Combine(_dir, "weekly.json");
        await File.WriteAllTextAsync(path, "{}");
        using var cts = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => AtomicFile.WriteAsync(path, async w =>
        {
            await w.WriteAsync("partial");
            await cts.CancelAsync();
        }, cts.Token));

        Assert.Equal("{}", await File.ReadAllTextAsync(path));
        Assert.Equal([path], Directory.GetFiles(_dir));
    }

    [Fact]
    public async Task WriteAsync_Success_ReplacesContentUtf8WithoutBom()
    {
        var path = Path.Combine(_dir, "out.txt");
        await File.WriteAllTextAsync(path, "old, and longer than the new content");

        await AtomicFile.WriteAsync(path, w => w.WriteAsync("жаңа"));

        var bytes = await File.ReadAllBytesAsync(path);
        Assert.Equal("жаңа"u8.ToArray(), bytes);
        Assert.Equal([path], Directory.GetFiles(_dir));
    }

    [Fact]
    public async Task WriteAsync_MissingDirectory_Created()
    {
        var path = Path.Combine(_dir, "reports", "2022", "weekly.csv");
        await AtomicFile.WriteAsync(path, w => w.WriteAsync("week\n"));
        Assert.Equal("week\n", await File.ReadAllTextAsync(path));
        Assert.Equal([path], Directory.GetFiles(Path.GetDirectoryName(path)!));
    }
}
