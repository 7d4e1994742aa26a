using System.Globalization;
using System.Text.Json;
using NlpPipeline.Cli;
using NlpPipeline.IntegrationTests.Infrastructure;

namespace NlpPipeline.IntegrationTests.Operations;

/// <summary>Issue 8: --log writes JSON lines with structured properties; progress is plain lines in a redirected log.</summary>
[Collection(ModelCollection.Name)]
public sealed class LoggingTests(TrainedModelFixture model) : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Ingest_WithLogFile_WritesOneJsonObjectPerLineWithProperties_ConsoleStaysHumanReadable()
    {
        await using var server = new FixtureServer(TestPaths.Sites);
        var env = new AppEnvironment(TimeProvider.System, server.CreateHandler());
        var log = _dir.File("logs/nlp.jsonl");

        var run = await NlpCli.RunAsync(env, "ingest", "--sources", Path.Combine(TestPaths.Sites, "sources.json"), "--model", model.ModelsDir,
            "--db", _dir.File("nlp.db"), "--log", log, "--quiet");

        Assert.Equal(0, run.ExitCode);
        var lines = File.ReadAllLines(log);
        var entries = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.All(entries, e =>
        {
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", e.GetProperty("time").GetString()!);
            Assert.Contains(e.GetProperty("level").GetString(), new[] { "info", "warn", "error" });
            Assert.StartsWith("NlpPipeline.", e.GetProperty("category").GetString());
        });
        // --quiet keeps the console to warnings and errors, the file still has the run at Information.
        var source = entries.Single(e => e.GetProperty("message").GetString()!.StartsWith("Source qazaqline: 2 new", StringComparison.Ordinal));
        Assert.Equal("info", source.GetProperty("level").GetString());
        Assert.Equal("qazaqline", source.GetProperty("properties").GetProperty("SourceId").GetString());
        Assert.Equal(2, source.GetProperty("properties").GetProperty("New").GetInt32());
        var failed = entries.First(e => e.GetProperty("message").GetString()!.StartsWith("Source gone failed", StringComparison.Ordinal));
        Assert.Equal("error", failed.GetProperty("level").GetString());
        Assert.Contains("Source gone failed", run.Error);
        Assert.DoesNotContain("Source qazaqline: 2 new", run.Error);
        Assert.DoesNotContain("{", run.Error.Split('\n')[0]);
        // Progress: plain periodic lines, with a final one.
        var passages = (long)SqliteRows.Query(_dir.File("nlp.db"), "SELECT count(*) AS n FROM passages").Single()["n"]!;
        Assert.Contains(entries, e => e.GetProperty("message").GetString()!.StartsWith($"Classified {passages}/{passages} passages (100 %)", StringComparison.Ordinal));
        var stored = entries.Single(e => e.GetProperty("message").GetString()!.StartsWith("Stored 7 new documents, ", StringComparison.Ordinal));
        Assert.Equal(7, stored.GetProperty("properties").GetProperty("Done").GetInt64());
    }

    [Fact]
    public async Task Ingest_OnAnInteractiveTerminal_DrawsBarsOnStderr_StdoutStaysClean_LogFileKeepsPlainLines()
    {
        await using var server = new FixtureServer(TestPaths.Sites);
        var env = new AppEnvironment(TimeProvider.System, server.CreateHandler()) { ErrorIsTerminal = true };
        var log = _dir.File("logs/nlp.jsonl");

        var run = await NlpCli.RunAsync(env, "ingest", "--sources", Path.Combine(TestPaths.Sites, "sources.json"), "--model", model.ModelsDir,
            "--db", _dir.File("nlp.db"), "--log", log);

        Assert.Equal(0, run.ExitCode);
        var passages = (long)SqliteRows.Query(_dir.File("nlp.db"), "SELECT count(*) AS n FROM passages").Single()["n"]!;
        // Bars with done/total counts on stderr, log lines at Information still there (printed above the bars).
        Assert.Contains("\u001b[", run.Error, StringComparison.Ordinal);
        Assert.Contains("Classified passages", run.Error);
        var count = passages.ToString("N0", CultureInfo.InvariantCulture);
        Assert.Contains($"{count}/{count}", run.Error);
        Assert.Contains("Stored new documents", run.Error);
        Assert.Contains("Source qazaqline: 2 new", run.Error);
        Assert.DoesNotContain("Classified " + passages + "/" + passages + " passages (100 %)", run.Error);
        // Results stay clean.
        Assert.DoesNotContain("\u001b", run.Output, StringComparison.Ordinal);
        // The JSON log file still has the plain progress lines.
        var messages = File.ReadAllLines(log).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("message").GetString()!).ToList();
        Assert.Contains(messages, m => m.StartsWith($"Classified {passages}/{passages} passages (100 %)", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("Stored 7 new documents, ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ingest_OnATerminalWithQuiet_DrawsNoBars()
    {
        await using var server = new FixtureServer(TestPaths.Sites);
        var env = new AppEnvironment(TimeProvider.System, server.CreateHandler()) { ErrorIsTerminal = true };

        var run = await NlpCli.RunAsync(env, "ingest", "--sources", Path.Combine(TestPaths.Sites, "sources.json"), "--model", model.ModelsDir,
            "--db", _dir.File("nlp.db"), "--quiet");

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("\u001b", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Classified", run.Error);
        Assert.Contains("Source gone failed", run.Error);
    }
}
