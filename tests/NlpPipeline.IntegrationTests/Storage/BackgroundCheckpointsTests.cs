using Microsoft.Data.Sqlite;
using NlpPipeline.Core.Domain;
using NlpPipeline.Core.Labels;
using NlpPipeline.Core.Text;
using NlpPipeline.IntegrationTests.Infrastructure;
using NlpPipeline.Storage;

namespace NlpPipeline.IntegrationTests.Storage;

/// <summary>
/// Issue 8: a bulk load checkpoints the write-ahead log on a thread of its own (<see cref="BackgroundCheckpoints"/>). The log
/// must stay bounded although the writer never stops, what <see cref="BackgroundCheckpoints.Throttle"/> waited for must really
/// be in the database file, and after the load the file alone must hold everything.
/// </summary>
public sealed class BackgroundCheckpointsTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static readonly string[] Words =
        "шетел көшу жұмыс жалақы баға пәтер несие уехать переезд работа зарплата цены квартира кредит власти акимат школа больница дорога будущее надежда"
            .Split(' ');

    private static (Document, IReadOnlyList<Passage>, LanguageGuess) Story(Random random, int n)
    {
        var paragraphs = Enumerable.Range(0, 3).Select(p => $"№{n}.{p} " + string.Join(' ', Enumerable.Range(0, 150).Select(_ => Words[random.Next(Words.Length)] + random.Next(1000)))).ToList();
        var url = new Uri($"https://a.example/news/{n}");
        var document = new Document(url, url, "src", new DateTimeOffset(2022, 1, 10, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2022, 1, 9, 0, 0, 0, TimeSpan.Zero), $"T{n}", paragraphs);
        return (document, paragraphs.Select((t, i) => new Passage(i, t, Language.Russian, 0.9)).ToList(), new LanguageGuess(Language.Russian, 0.9));
    }

    /// <summary>Documents in a copy of the database file alone, without its write-ahead log: what checkpoints have put there.</summary>
    private long DocumentsInFileAlone(string path)
    {
        var copy = _dir.File($"copy-{Guid.NewGuid():N}.db");
        File.Copy(path, copy);
        using var c = new SqliteConnection($"Data Source={copy};Mode=ReadOnly;Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT count(*) FROM documents";
        return (long)cmd.ExecuteScalar()!;
    }

    [Fact]
    public void Issue8_BulkLoad_LogStaysBounded_WhatThrottleWaitedForIsInTheFile_AndAllOfItAfterDispose()
    {
        var path = _dir.File("bulk.db");
        const int limitPages = 200;
        var random = new Random(5);
        long stored = 0, largestLog = 0;
        var waits = 0;
        using (var db = NlpDatabase.Open(path))
        {
            new RunStore(db).UpsertSource(new Source("src", "Outlet", SourceType.Feed, new Uri("https://a.example/feed"), Language.Russian, SourceKind.News));
            var store = new DocumentStore(db);
            using (var checkpoints = BackgroundCheckpoints.Start(db, limitPages))
            {
                for (var batch = 0; batch < 40; batch++)
                {
                    if (checkpoints.Throttle())
                    {
                        waits++;
                        Assert.Equal(stored, DocumentsInFileAlone(path));
                    }
                    var documents = Enumerable.Range(0, 40).Select(i => Story(random, batch * 40 + i)).ToList();
                    stored += store.SaveAll(documents, null).Count(o => o.Status == SaveStatus.New);
                    checkpoints.Nudge();
                    largestLog = Math.Max(largestLog, new FileInfo(path + "-wal").Length);
                }
                Assert.True(checkpoints.Checkpoints > 0);
            }
            Assert.Equal(1600, stored);
            Assert.Equal(stored, DocumentsInFileAlone(path));
        }
        var databaseBytes = new FileInfo(path).Length;
        // Every page written went through the log; never started again, it would be at least as large as the database.
        Assert.True(waits > 0, "the log never went over the limit");
        Assert.True(largestLog < databaseBytes / 2, $"log reached {largestLog:N0} bytes for a {databaseBytes:N0}-byte database");
    }
}
