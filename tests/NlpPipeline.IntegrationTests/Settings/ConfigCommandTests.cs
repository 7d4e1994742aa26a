using System.Text.Json;
using NlpPipeline.Cli;
using NlpPipeline.Cli.Settings;
using NlpPipeline.IntegrationTests.Infrastructure;

namespace NlpPipeline.IntegrationTests.Settings;

/// <summary>Issue 8: configuration in one place, through the real command parser: config show / init, and commands obeying the layers.</summary>
public sealed class ConfigCommandTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private string WriteFile(string name, string json)
    {
        var path = _dir.File(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, json);
        return path;
    }

    private static string Quote(string s) => JsonSerializer.Serialize(s);

    private AppEnvironment Env(HttpMessageHandler? handler = null, params (string Name, string Value)[] vars) =>
        new(TimeProvider.System, handler ?? new HttpClientHandler())
        {
            Variables = vars.ToDictionary(v => v.Name, v => v.Value),
            DefaultSettingsFile = _dir.File("nlp.settings.json"),
        };

    private static Dictionary<string, JsonElement> Settings(NlpCli.Result r)
    {
        Assert.True(r.ExitCode == 0, r.Error);
        return JsonDocument.Parse(r.Output).RootElement.GetProperty("settings").EnumerateArray()
            .ToDictionary(e => e.GetProperty("key").GetString()!, e => e);
    }

    private static (string Value, string Source, string Origin) Row(Dictionary<string, JsonElement> settings, string key) =>
        (settings[key].GetProperty("value").ToString(), settings[key].GetProperty("source").GetString()!, settings[key].GetProperty("origin").GetString()!);

    [Fact]
    public async Task ConfigShow_FourLayers_NamesEachValueAndWhereItCameFrom()
    {
        var file = WriteFile("nlp.settings.json", """
            {
              "db": "file.db",
              "models": "file-models",
              "log": { "level": "warning" },
              "classify": { "batch_size": 100 },
              "schedule": { "cron": "0 3 * * *" }
            }
            """);
        var env = Env(null, ("NLP_MODELS", "env-models"), ("NLP_CLASSIFY_BATCH_SIZE", "300"), ("NLP_DB", "env.db"));

        var all = Settings(await NlpCli.RunAsync(env, "--db", "cli.db", "config", "show", "--format", "json"));

        Assert.Equal(("cli.db", "command line", "--db"), Row(all, "db"));                 // default, file, env, option: the option
        Assert.Equal(("env-models", "env", "NLP_MODELS"), Row(all, "models"));           // file and env: env
        Assert.Equal(("300", "env", "NLP_CLASSIFY_BATCH_SIZE"), Row(all, "classify.batch_size"));
        Assert.Equal(("warning", "file", $"{file}:4"), Row(all, "log.level"));           // file only
        Assert.Equal(("0 3 * * *", "file", $"{file}:6"), Row(all, "schedule.cron"));
        Assert.Equal(("2", "default", "default"), Row(all, "fetch.retries"));            // nobody
        Assert.Equal(JsonValueKind.Null, all["log.file"].GetProperty("value").ValueKind);
        Assert.Equal(SettingCatalog.All.Select(s => s.Key), all.Keys);
        Assert.Equal(0, JsonDocument.Parse((await NlpCli.RunAsync(env, "config", "show", "--format", "json")).Output).RootElement.GetProperty("unknown_variables").GetArrayLength());

        // --verbose after the command is the command line too, and wins over the file's level; --settings picks another file.
        var other = WriteFile("other.json", """{ "db": "other.db" }""");
        var verbose = Settings(await NlpCli.RunAsync(Env(), "config", "show", "--format", "json", "-v", "--settings", other));
        Assert.Equal(("debug", "command line", "--verbose"), Row(verbose, "log.level"));
        Assert.Equal(("other.db", "file", $"{other}:1"), Row(verbose, "db"));
    }

    [Fact]
    public async Task ConfigShow_Table_ShowsTheFileAndOrigins_HidesSecrets_WarnsOfUnknownVariables()
    {
        WriteFile("nlp.settings.json", "{\n  \"report\": { \"time_zone\": \"Etc/UTC\" }\n}\n");
        var env = Env(null, ("NLP_AUTHOR_SALT", "correct horse battery"), ("NLP_DBB", "typo.db"), ("NLP_TEST_PAUSE_AT", ""));

        var r = await NlpCli.RunAsync(env, "config", "show", "--quiet");

        Assert.Equal(0, r.ExitCode);
        var lines = r.Output.Split('\n').Select(l => l.TrimEnd()).ToList();
        Assert.Equal($"Settings file: {_dir.File("nlp.settings.json")} (default location)", lines[0]);
        Assert.Matches(@"^report\.time_zone\s+Etc/UTC\s+file \(.*nlp\.settings\.json:2\)$", lines.Single(l => l.StartsWith("report.time_zone", StringComparison.Ordinal)));
        Assert.Matches(@"^import\.author_salt\s+\(set\)\s+env \(NLP_AUTHOR_SALT\)$", lines.Single(l => l.StartsWith("import.author_salt", StringComparison.Ordinal)));
        Assert.Matches(@"^log\.level\s+warning\s+command line \(--quiet\)$", lines.Single(l => l.StartsWith("log.level", StringComparison.Ordinal)));
        Assert.Matches(@"^db\s+data/nlp\.db\s+default$", lines.Single(l => l.StartsWith("db ", StringComparison.Ordinal)));
        Assert.DoesNotContain("correct horse", r.Output + r.Error);
        Assert.Contains("Environment variable NLP_DBB is not a setting and is ignored", r.Error);
        Assert.DoesNotContain("NLP_TEST_PAUSE_AT", r.Error);
        // Every command warns of it (a typo in a unit file would otherwise be ignored), and goes on.
        var other = await NlpCli.RunAsync(env, "events", "list", "--db", _dir.File("nlp.db"));
        Assert.Equal(0, other.ExitCode);
        Assert.Contains("warn  NlpSettings: Environment variable NLP_DBB is not a setting and is ignored", other.Error);
    }

    [Fact]
    public async Task ConfigInit_WritesACompleteFileThatLoads_RefusesToOverwriteWithoutForce()
    {
        var path = _dir.File("conf/nlp.json");
        // NLP_SETTINGS may already name the file about to be written: init does not read it.
        var env = Env(null, ("NLP_SETTINGS", path));

        var first = await NlpCli.RunAsync(env, "config", "init", path);

        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Contains($"Wrote {path}", first.Output);
        var written = File.ReadAllText(path);
        var all = Settings(await NlpCli.RunAsync(env, "config", "show", "--format", "json"));
        foreach (var s in SettingCatalog.All)
            Assert.Equal(s.Default is null ? "default" : "file", all[s.Key].GetProperty("source").GetString());
        Assert.Equal(("data/nlp.db", "file", $"{path}:6"), Row(all, "db"));

        File.WriteAllText(path, "{ \"db\": \"mine.db\" }");
        var again = await NlpCli.RunAsync(env, "config", "init", path);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains($"error: {path} exists; add --force to overwrite it", again.Error);
        Assert.Equal("{ \"db\": \"mine.db\" }", File.ReadAllText(path));

        var forced = await NlpCli.RunAsync(env, "config", "init", path, "--force");
        Assert.Equal(0, forced.ExitCode);
        Assert.Equal(written, File.ReadAllText(path));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, "*.tmp"));
    }

    [Theory]
    [InlineData("{\n  \"db\": \"x.db\",\n  \"fetch\": { \"retrys\": 1 }\n}", ":3: unknown key \"fetch.retrys\"")]
    [InlineData("{\n  \"report\": { \"time_zone\": \"Mars/Olympus\" }\n}", ":2: report.time_zone: 'Mars/Olympus' is not a time zone this machine knows")]
    [InlineData("{\n  \"classify\": { \"batch_size\": \"many\" }\n}", ":2: classify.batch_size: must be a whole number, not a string")]
    [InlineData("{ \"db\": \"x.db\",, }", ":1: invalid JSON")]
    public async Task BadSettingsFile_IngestExitsOneNamingFileLineAndKey_NothingStarted(string json, string message)
    {
        var bad = WriteFile("bad.json", json);
        await using var server = new FixtureServer(TestPaths.Sites);
        var db = _dir.File("nlp.db");

        var r = await NlpCli.RunAsync(Env(server.CreateHandler()), "ingest", "--settings", bad, "--sources", Path.Combine(TestPaths.Sites, "sources.json"),
            "--db", db, "--no-classify");

        Assert.Equal(1, r.ExitCode);
        Assert.StartsWith($"error: {bad}{message}", r.Error);
        Assert.DoesNotContain("   at ", r.Error);
        Assert.False(File.Exists(db));
        Assert.Empty(server.Received);
    }

    [Fact]
    public async Task BadVariable_AnyCommand_ExitsOneNamingIt()
    {
        var r = await NlpCli.RunAsync(Env(null, ("NLP_LOG_LEVEL", "chatty")), "events", "list", "--db", _dir.File("nlp.db"));

        Assert.Equal(1, r.ExitCode);
        Assert.Equal("error: environment variable NLP_LOG_LEVEL (log.level): 'chatty' is not one of debug, information, warning, error", r.Error.Trim());
        Assert.False(File.Exists(_dir.File("nlp.db")));
    }

    [Fact]
    public async Task Ingest_SettingsFileVariablesAndOptions_ChooseSourcesDatabaseUserAgentAndLogging()
    {
        var log = _dir.File("logs/nlp.jsonl");
        WriteFile("nlp.settings.json", $$"""
            {
              "db": {{Quote(_dir.File("file.db"))}},
              "log": { "file": {{Quote(log)}}, "level": "warning" },
              "fetch": { "user_agent": "FileBot/1.0 (+https://file.example/bot)" },
              "ingest": { "sources": {{Quote(Path.Combine(TestPaths.Sites, "sources.json"))}} }
            }
            """);
        await using var server = new FixtureServer(TestPaths.Sites);
        var env = Env(server.CreateHandler(), ("NLP_DB", _dir.File("env.db")), ("NLP_USER_AGENT", "EnvBot/1.0 (+https://env.example/bot)"));

        // No --sources, no --db: the file names the sources, the variable the database and the User-Agent.
        var first = await NlpCli.RunAsync(env, "ingest", "--no-classify");

        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Contains("Documents: 7 new", first.Output);
        Assert.True(File.Exists(_dir.File("env.db")));
        Assert.False(File.Exists(_dir.File("file.db")));
        var requests = server.Received.ToList();
        Assert.NotEmpty(requests);
        Assert.All(requests, q => Assert.Equal("EnvBot/1.0 (+https://env.example/bot)", q.Headers["user-agent"]));
        // log.level warning from the file: the console has no Information lines, the log file (at least Information) has them.
        Assert.DoesNotContain("Source qazaqline: 2 new", first.Error);
        Assert.Contains("Source gone failed", first.Error);
        Assert.Contains(File.ReadAllLines(log), l => l.Contains("Source qazaqline: 2 new", StringComparison.Ordinal));

        // Options win over both.
        server.Received.Clear();
        var second = await NlpCli.RunAsync(env, "ingest", "--no-classify", "--db", _dir.File("cli.db"), "--user-agent", "CliBot/1.0 (+https://cli.example/bot)", "-v");

        Assert.True(second.ExitCode == 0, second.Error);
        Assert.Contains("Documents: 7 new", second.Output);
        Assert.True(File.Exists(_dir.File("cli.db")));
        Assert.All(server.Received, q => Assert.Equal("CliBot/1.0 (+https://cli.example/bot)", q.Headers["user-agent"]));
        Assert.Contains("Source qazaqline: 2 new", second.Error);
    }

    [Fact]
    public async Task ReportWeekly_TimeZone_FileThenVariableThenOption()
    {
        using var store = new LabelledStore();
        WriteFile("nlp.settings.json", """{ "report": { "time_zone": "Etc/UTC" } }""");

        async Task<string> Zone(AppEnvironment env, params string[] extra)
        {
            var r = await NlpCli.RunAsync(env, ["report", "weekly", "--db", store.Path, "--format", "json", .. extra]);
            Assert.True(r.ExitCode == 0, r.Error);
            return JsonDocument.Parse(r.Output).RootElement.GetProperty("time_zone").GetString()!;
        }

        Assert.Equal("Etc/UTC", await Zone(Env()));
        Assert.Equal("Europe/Moscow", await Zone(Env(null, ("NLP_REPORT_TIME_ZONE", "Europe/Moscow"))));
        Assert.Equal("Asia/Almaty", await Zone(Env(null, ("NLP_REPORT_TIME_ZONE", "Europe/Moscow")), "--time-zone", "Asia/Almaty"));
    }

    [Fact]
    public async Task Help_NamesTheVariableTheKeyAndTheDefault()
    {
        var classify = await NlpCli.RunAsync(Env(), "classify", "--help");
        var root = await NlpCli.RunAsync(Env(), "--help");

        Assert.Equal(0, classify.ExitCode);
        Assert.Contains("(default: $NLP_CLASSIFY_BATCH_SIZE, else classify.batch_size in the settings file, else 2048)", Flat(classify.Output));
        Assert.Contains("(default: $NLP_DB, else db in the settings file, else data/nlp.db)", Flat(root.Output));
        Assert.Contains("--settings", root.Output);
        Assert.Contains("config", root.Output);

        static string Flat(string help) => string.Join(' ', help.Split((char[])['\n', ' '], StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Readme_ConfigurationSection_NamesEverySettingAndVariable()
    {
        var readme = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "README.md"));
        var start = readme.IndexOf("## Configuration", StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has no '## Configuration' section");
        var end = readme.IndexOf("\n## ", start + 3, StringComparison.Ordinal);
        var section = end < 0 ? readme[start..] : readme[start..end];

        var missing = SettingCatalog.All.Where(s => !section.Contains($"`{s.Key}`", StringComparison.Ordinal) || !section.Contains($"`{s.Variable}`", StringComparison.Ordinal))
            .Select(s => s.Key).ToList();
        Assert.True(missing.Count == 0, $"README's Configuration section does not name (as `key` and `VARIABLE`): {string.Join(", ", missing)}");
        Assert.Contains("`NLP_SETTINGS`", section);
        Assert.Contains($"`{NlpPaths.DefaultSettings}`", section);
    }
}
