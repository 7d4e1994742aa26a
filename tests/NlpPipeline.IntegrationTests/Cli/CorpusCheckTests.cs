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
    public async Task CorpusCheck_FolderWithSeveralBadLines_ReportsEveryOneWithFileAndLine()
    {
        const string ok = "{\"id\":\"ID\",\"text\":\"Бағалар өсіп жатыр.\",\"language\":\"kk\",\"intent\":\"none\",\"topics\":[],\"sentiment\":\"negative\",\"source_kind\":\"social\",\"annotator\":\"a1\"}";
        var folder = _dir.File("corpus");
        Directory.CreateDirectory(folder);
        File.WriteAllLines(Path.Combine(folder, "a.jsonl"),
        [
            ok.Replace("ID", "k1"),
            ok.Replace("ID", "k2").Replace("\"topics\":[],", ""),
            "{not json",
            ok.Replace("ID", "k1"),
        ]);
        File.WriteAllLines(Path.Combine(folder, "b.jsonl"),
        [
            ok.Replace("ID", "k3").Replace("\"negative\"", "\"angry\""),
            ok.Replace("ID", "k1"),
            ok.Replace("ID", "k4"),
        ]);

        var r = await NlpCli.RunAsync("corpus", "check", folder);

        Assert.Equal(1, r.ExitCode);
        var errors = r.Error.Split('\n').Where(l => l.StartsWith("error: ", StringComparison.Ordinal)).ToList();
        Assert.Equal(5, errors.Count);
        Assert.Contains("a.jsonl:2: missing field 'topics'", errors[0]);
        Assert.Contains("a.jsonl:3: invalid JSON", errors[1]);
        Assert.Contains("a.jsonl:4: duplicate id 'k1' (first on line 1)", errors[2]);
        Assert.Contains("b.jsonl:1: unknown sentiment label 'angry'", errors[3]);
        Assert.Matches(@"b\.jsonl:2: id 'k1' already used in .*a\.jsonl:1", errors[4]);
        Assert.Contains("5 bad line(s) in 2 file(s)", r.Error);
        Assert.DoesNotContain("Exact duplicates", r.Output);
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
