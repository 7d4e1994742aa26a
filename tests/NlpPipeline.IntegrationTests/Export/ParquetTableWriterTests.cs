using NlpPipeline.Core.Export;
using NlpPipeline.IntegrationTests.Infrastructure;
using Parquet;

namespace NlpPipeline.IntegrationTests.Export;

public sealed class ParquetTableWriterTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private sealed record Row(long Id, string? Name, double? Score, DateTimeOffset? At);

    private static readonly IReadOnlyList<TableColumn<Row>> Columns =
    [
        TableColumn<Row>.Int64("id", r => r.Id),
        TableColumn<Row>.String("name", r => r.Name),
        TableColumn<Row>.Double("score", r => r.Score),
        TableColumn<Row>.Timestamp("at", r => r.At),
    ];

    private static async IAsyncEnumerable<Row> Rows(int n, int failAt = -1)
    {
        for (var i = 0; i < n; i++)
        {
            if (i == failAt) throw new IOException("source failed mid-export");
            await Task.Yield();
            yield return new Row(i, i % 3 == 0 ? null : $"n{i}", i % 4 == 0 ? null : i / 10.0,
                i % 5 == 0 ? null : new DateTimeOffset(2022, 1, 1, 0, 0, 0, TimeSpan.FromHours(6)).AddHours(i));
        }
    }

    [Fact]
    public async Task Write_RowGroupsOfBoundedSize_ReadBackInOrder()
    {
        var path = _dir.File("t.parquet");
        long written = 0;
        await AtomicFile.WriteStreamAsync(path, async s => written = await ParquetTableWriter.WriteAsync(s, Columns, Rows(10), rowGroupRows: 3));
        Assert.Equal(10, written);
        await using var reader = await ParquetReader.CreateAsync(path);
        Assert.Equal(4, reader.RowGroupCount);                       // 3 + 3 + 3 + 1
        var ids = new List<long?>();
        var names = new List<string?>();
        var at = new List<DateTime?>();
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var n = (int)group.RowCount;
            Assert.True(n <= 3, $"group {g} has {n} rows; metadata {string.Join(",", reader.RowGroups.Select(x => x.RowCount))}");
            var f = reader.Schema.DataFields;
            var a = new long?[n];
            await group.ReadAsync<long>(f[0], a.AsMemory(), null);
            ids.AddRange(a);
            var s = new string?[n];
            await group.ReadAsync(f[1], s.AsMemory(), null);
            names.AddRange(s);
            var t = new DateTime?[n];
            await group.ReadAsync<DateTime>(f[3], t.AsMemory(), null);
            at.AddRange(t);
        }
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long?)i), ids);
        Assert.Null(names[0]);
        Assert.Equal("n4", names[4]);
        Assert.Null(at[5]);
        Assert.Equal(new DateTime(2021, 12, 31, 19, 0, 0), at[1]);  // 01:00 at +06:00 is 19:00 UTC the day before
    }

    [Fact]
    public async Task Write_NoRows_StillAFileWithTheSchema()
    {
        var path = _dir.File("empty.parquet");
        await AtomicFile.WriteStreamAsync(path, async s => await ParquetTableWriter.WriteAsync(s, Columns, Rows(0)));
        await using var reader = await ParquetReader.CreateAsync(path);
        Assert.Equal(["id", "name", "score", "at"], reader.Schema.DataFields.Select(f => f.Name));
        Assert.Equal(0, reader.RowGroupCount);
    }

    [Fact]
    public async Task Write_FailureMidway_LeavesNoFile_AndKeepsTheOldOne()
    {
        var path = _dir.File("t.parquet");
        await File.WriteAllTextAsync(path, "old content");
        await Assert.ThrowsAsync<IOException>(() =>
            AtomicFile.WriteStreamAsync(path, async s => await ParquetTableWriter.WriteAsync(s, Columns, Rows(10, failAt: 7), rowGroupRows: 3)));
        Assert.Equal("old content", await File.ReadAllTextAsync(path));
        Assert.Single(Directory.GetFiles(_dir.Path));                 // no temporary file left behind

        var fresh = _dir.File("new.csv");
        await Assert.ThrowsAsync<IOException>(() => AtomicFile.WriteAsync(fresh, async w => await CsvTableWriter.WriteAsync(w, Columns, Rows(10, failAt: 7))));
        Assert.False(File.Exists(fresh));
        Assert.Single(Directory.GetFiles(_dir.Path));
    }
}
