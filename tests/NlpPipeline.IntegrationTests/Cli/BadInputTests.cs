using NlpPipeline.IntegrationTests.Infrastructure;

namespace NlpPipeline.IntegrationTests.Cli;

/// <summary>Every kind of bad input gets one clear message and a non-zero exit code, never a stack trace.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static void NoStackTrace(NlpCli.Result r)
    {
        Assert.DoesNotContain("   at ", r.Error);
        Assert.DoesNotContain("   at ", r.Output);
    }

    [Fact]
    public async Task UnknownCommand_ExitsWithUsageCode2AndUsage()
    {
        var r = await NlpCli.RunAsync("ingets");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("ingets", r.Error);
        Assert.Contains("Usage:", r.Error);
        Assert.Contains("ingest", r.Error);
        Assert.Equal("", r.Output);
    }

    [Fact]
    public async Task UnknownOption_ExitsWithUsageCode2AndTheCommandsUsage()
    {
        var r = await NlpCli.RunAsync("report", "weekly", "--colour", "red");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--colour", r.Error);
        Assert.Contains("--weeks-before", r.Error);
    }

    [Fact]
    public async Task MissingRequiredOption_ExitsWithUsageCode2()
    {
        var r = await NlpCli.RunAsync("ingest");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--sources", r.Error);
    }

    [Fact]
    public async Task BadOptionValue_ExitsWithUsageCode2AndNamesTheValue()
    {
        var r = await NlpCli.RunAsync("report", "weekly", "--from", "05.01.2022");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("'05.01.2022' is not a date", r.Error);
        var lang = await NlpCli.RunAsync("report", "weekly", "--language", "de");
        Assert.Equal(2, lang.ExitCode);
        Assert.Contains("'de' is not one of kk, ru, en, mixed, other", lang.Error);
    }

    [Fact]
    public async Task Help_ExitsZeroAndDescribesCommands()
    {
        var r = await NlpCli.RunAsync("--help");
        Assert.Equal(0, r.ExitCode);
        foreach (var command in new[] { "ingest", "classify", "train", "predict", "report", "export", "events", "demo" })
            Assert.Contains(command, r.Output);
    }

    [Fact]
    public async Task MissingSourcesFile_Exits1NamingTheFile()
    {
        var r = await NlpCli.RunAsync("ingest", "--sources", _dir.File("nope.json"), "--db", _dir.File("nlp.db"));
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("Sources file not found", r.Error);
        Assert.Contains("nope.json", r.Error);
        NoStackTrace(r);
    }

    [Fact]
    public async Task InvalidSourcesFile_Exits1NamingLineAndFieldAndStoresNothing()
    {
        var path = _dir.File("sources.json");
        File.WriteAllText(path, """
            {
              "sources": [
                { "id": "a", "outlet": "A", "kind": "feed", "url": "https://a.example/rss" },
                { "id": "b", "outlet": "B", "kind": "feed", "url": "https://b.example/rss",
                  "langauge": "ru" }
              ]
            }
            """);
        var db = _dir.File("nlp.db");
        var r = await NlpCli.RunAsync("ingest", "--sources", path, "--db", db);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("sources.json:5:", r.Error);
        Assert.Contains("unknown key \"langauge\"", r.Error);
        Assert.False(File.Exists(db));
        NoStackTrace(r);
    }

    [Fact]
    public async Task UnreadableModel_Exits1WithClearMessage()
    {
        var models = Directory.CreateDirectory(_dir.File("models")).FullName;
        var version = Directory.CreateDirectory(Path.Combine(models, "v1")).FullName;
        File.WriteAllText(Path.Combine(models, "current"), "v1\n");
        File.WriteAllText(Path.Combine(version, "manifest.json"), "{ this is not json");
        var input = _dir.File("in.jsonl");
        File.WriteAllText(input, "{\"id\": 1, \"text\": \"hello\"}\n");
        var r = await NlpCli.RunAsync("predict", "--in", input, "--out", _dir.File("out.jsonl"), "--model", models);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("is not a valid manifest", r.Error);
        Assert.False(File.Exists(_dir.File("out.jsonl")));
        NoStackTrace(r);

        var empty = await NlpCli.RunAsync("classify", "--model", _dir.File("no-models-here"), "--db", _dir.File("nlp.db"));
        Assert.Equal(1, empty.ExitCode);
        Assert.Contains("Model folder not found", empty.Error);
    }

    [Fact]
    public async Task DatabaseThatIsNotOurs_Exits1AndIsLeftAlone()
    {
        var db = _dir.File("photos.db");
        var bytes = "Not SQLite at all, just some bytes that happen to sit in a .db file."u8.ToArray();
        File.WriteAllBytes(db, bytes);
        var r = await NlpCli.RunAsync("report", "weekly", "--db", db);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("is not an NlpPipeline database", r.Error);
        Assert.Equal(bytes, File.ReadAllBytes(db));
        NoStackTrace(r);
    }

    [Fact]
    public async Task ReportOnEmptyDatabase_Exits2ExplainingWhatToRunFirst()
    {
        var r = await NlpCli.RunAsync("report", "weekly", "--db", _dir.File("nlp.db"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("No predictions", r.Error);
        Assert.Contains("nlp classify", r.Error);
    }

    [Fact]
    public async Task BadAnnotatedCorpus_Exits1NamingFileAndLineAndWritesNoModel()
    {
        var corpus = Directory.CreateDirectory(_dir.File("corpus")).FullName;
        File.WriteAllText(Path.Combine(corpus, "kk.jsonl"),
            "{\"id\":\"k1\",\"text\":\"Мен шетелге кетемін.\",\"language\":\"kk\",\"intent\":\"considering\",\"topics\":[],\"sentiment\":\"negative\",\"source_kind\":\"social\",\"annotator\":\"a1\"}\n" +
            "{\"id\":\"k2\",\"text\":\"Бүгін ауа райы жақсы.\",\"language\":\"kk\",\"intent\":\"maybe\",\"topics\":[],\"sentiment\":\"positive\",\"source_kind\":\"social\",\"annotator\":\"a1\"}\n");
        var models = _dir.File("models");
        var r = await NlpCli.RunAsync("train", "--corpus", corpus, "--models", models);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("kk.jsonl:2:", r.Error);
        Assert.Contains("unknown intent label 'maybe'", r.Error);
        Assert.False(Directory.Exists(models));
    }

    [Fact]
    public async Task PredictWithBadInputLine_Exits1AndWritesNothing()
    {
        var input = _dir.File("in.jsonl");
        File.WriteAllText(input, "{\"id\": \"a\", \"text\": \"fine\"}\n{\"id\": \"b\"}\n");
        var output = _dir.File("out.jsonl");
        var r = await NlpCli.RunAsync("predict", "--in", input, "--out", output, "--model", Path.Combine(TestPaths.RepoRoot, "models"));
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("in.jsonl:2: missing \"text\"", r.Error);
        Assert.False(File.Exists(output));
    }
}
