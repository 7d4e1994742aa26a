using NlpPipeline.IntegrationTests.Infrastructure;

namespace NlpPipeline.IntegrationTests.Cli;

/// <summary>`nlp corpus check` over the committed corpus, and its error path on a broken file.</summary>
public sealed class CorpusCheckTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task CorpusCheck_CommittedCorpus_IsValidAndMeetsEveryTarget()
    {
        var r = await NlpCli.RunAsync("corpus", "check", Path.Combine(TestPaths.RepoRoot, "corpora", "annotated"), "--strict");
        Assert.True(r.ExitCode == 0, r.Output + r.Error);
        Assert.Contains("Exact duplicates: 0", r.Output);
        Assert.Contains("Targets: all met.", r.Output);
        Assert.Matches(@"Near-duplicates .*: \d+ of \d+, [01]\.\d\d %", r.Output);
    }

    [Fact]
    public async Task CorpusCheck_FileWithBadLine_Exits1NamingFileAndLine()
    {
        var path = _dir.File("bad.jsonl");
        File.WriteAllText(path,
            "{\"id\":\"x1\",\"text\":\"Цены растут.\",\"language\":\"ru\",\"intent\":\"none\",\"topics\":[\"wages_prices\"],\"sentiment\":\"negative\",\"source_kind\":\"social\",\"annotator\":\"a1\"}\n" +
            "{\"id\":\"x2\",\"text\":\"Уезжаем.\",\"language\":\"ru\",\"intent\":\"planning\",\"topics\":[\"money\"],\"sentiment\":\"negative\",\"source_kind\":\"social\",\"annotator\":\"a1\"}\n");
        var r = await NlpCli.RunAsync("corpus", "check", path);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("bad.jsonl:2:", r.Error);
        Assert.Contains("unknown topic label", r.Error);
    }

    [Fact]
    public async Task CorpusCheck_SmallValidFile_ReportsUnmetTargetsButExitsZeroWithoutStrict()
    {
        var path = _dir.File("small.jsonl");
        File.WriteAllText(path,
            "{\"id\":\"x1\",\"text\":\"Цены растут, а зарплаты стоят на месте.\",\"language\":\"ru\",\"intent\":\"none\",\"topics\":[\"wages_prices\"],\"sentiment\":\"negative\",\"source_kind\":\"social\",\"annotator\":\"a1\"}\n");
        var r = await NlpCli.RunAsync("corpus", "check", path);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("ru: 1 passages (target 1200)", r.Output);
        var strict = await NlpCli.RunAsync("corpus", "check", path, "--strict");
        Assert.Equal(1, strict.ExitCode);
    }
}
