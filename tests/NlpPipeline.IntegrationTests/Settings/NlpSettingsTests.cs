using System.Text;
using NlpPipeline.Cli;
using NlpPipeline.Cli.Settings;
using NlpPipeline.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace NlpPipeline.IntegrationTests.Settings;

/// <summary>Issue 8: configuration in one place. The loader alone: layers, origins, errors, variable names, the example file.</summary>
public sealed class NlpSettingsTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private string WriteFile(string name, string json)
    {
        var path = _dir.File(name);
        File.WriteAllText(path, json);
        return path;
    }

    private static Dictionary<string, string> Vars(params (string Name, string Value)[] vars) => vars.ToDictionary(v => v.Name, v => v.Value);

    private static NlpSettings.CommandLineValue Cli(Setting s, string text, string option) => new(s, text, option);

    [Fact]
    public void Load_FourLayers_EachSettingTakesTheHighestLayerThatSetsIt()
    {
        var file = WriteFile("s.json", """
            {
              "db": "file.db",
              "models": "file-models",
              "log": { "level": "warning" },
              "classify": { "batch_size": 100 },
              "fetch": { "retries": 5 }
            }
            """);
        var env = Vars(("NLP_DB", "env.db"), ("NLP_MODELS", "env-models"), ("NLP_CLASSIFY_BATCH_SIZE", "200"));
        var cli = new[] { Cli(SettingCatalog.Db, "cli.db", "--db") };

        var s = NlpSettings.Load(file, env, null, cli);

        Assert.Equal("cli.db", s.Db);                                   // all four layers: the command line wins
        Assert.Equal(new NlpSettings.Value("cli.db", SettingSource.CommandLine, "--db"), s[SettingCatalog.Db]);
        Assert.Equal("env-models", s.Models);                           // file and env: env wins
        Assert.Equal(new NlpSettings.Value("env-models", SettingSource.Environment, "NLP_MODELS"), s[SettingCatalog.Models]);
        Assert.Equal(200, s.BatchSize);
        Assert.Equal(LogLevel.Warning, s.LogLevel);                     // file only
        Assert.Equal(new NlpSettings.Value("warning", SettingSource.File, $"{file}:4"), s[SettingCatalog.LogLevel]);
        Assert.Equal(5, s.Fetch.Retries);
        Assert.Equal($"{file}:6", s[SettingCatalog.FetchRetries].Origin);
        Assert.Equal(TimeSpan.FromSeconds(1), s.Fetch.PerHostInterval);  // nobody set it: the default
        Assert.Equal(new NlpSettings.Value(TimeSpan.FromSeconds(1), SettingSource.Default, "default"), s[SettingCatalog.FetchPerHostInterval]);
        Assert.Null(s.LogFile);
        Assert.Equal("Asia/Almaty", s.ReportTimeZone);
    }

    [Fact]
    public void Load_NoFileNoVariables_GivesTheBuiltInDefaults()
    {
        var s = NlpSettings.Load(null, Vars(), null, []);

        Assert.Equal(NlpPaths.DefaultDb, s.Db);
        Assert.Equal(NlpPaths.DefaultModels, s.Models);
        Assert.True(s.ModelsDefaulted);
        Assert.Equal(LogLevel.Information, s.LogLevel);
        Assert.Equal(2048, s.BatchSize);
        Assert.Equal(5, s.Telegram.MaxPages);
        Assert.Equal((3, false), (s.Health.FailRuns, s.Health.AutoDisable));
        Assert.Equal(NlpPipeline.Ingestion.Fetching.FetchOptions.Default, s.Fetch);
        Assert.Equal("Asia/Almaty", s.ScheduleTimeZone.Id);
        Assert.Equal("data/weekly.csv", s.ScheduleReport);
        Assert.Null(s.ScheduleCron);
        Assert.Null(s.SourcesPath);
        Assert.Null(s.AuthorSalt);
        Assert.Null(s.File);
    }

    [Fact]
    public void Load_EmptyVariable_CountsAsUnset()
    {
        var file = WriteFile("s.json", """{ "db": "file.db" }""");

        var s = NlpSettings.Load(file, Vars(("NLP_DB", "  "), ("NLP_USER_AGENT", "")), null, []);

        Assert.Equal("file.db", s.Db);
        Assert.Equal(SettingSource.Default, s[SettingCatalog.UserAgent].Source);
    }

    [Fact]
    public void Load_NullInFile_LeavesTheDefault()
    {
        var file = WriteFile("s.json", """{ "log": { "file": null, "level": null } }""");

        var s = NlpSettings.Load(file, Vars(), null, []);

        Assert.Null(s.LogFile);
        Assert.Equal(SettingSource.Default, s[SettingCatalog.LogLevel].Source);
    }

    [Fact]
    public void Load_SettingsFileChoice_OptionThenVariableThenDefaultFileIfPresent()
    {
        var a = WriteFile("a.json", """{ "db": "a.db" }""");
        var b = WriteFile("b.json", """{ "db": "b.db" }""");
        var c = WriteFile("nlp.settings.json", """{ "db": "c.db" }""");

        Assert.Equal(("a.db", "--settings"), Pick(NlpSettings.Load(a, Vars(("NLP_SETTINGS", b)), c, [])));
        Assert.Equal(("b.db", "NLP_SETTINGS"), Pick(NlpSettings.Load(null, Vars(("NLP_SETTINGS", b)), c, [])));
        Assert.Equal(("c.db", "default location"), Pick(NlpSettings.Load(null, Vars(), c, [])));
        Assert.Equal((NlpPaths.DefaultDb, "none"), Pick(NlpSettings.Load(null, Vars(), _dir.File("absent.json"), [])));
        // A file someone named must exist; only the default one may be missing.
        var missing = Assert.Throws<SettingsException>(() => NlpSettings.Load(null, Vars(("NLP_SETTINGS", _dir.File("typo.json"))), c, []));
        Assert.Equal($"settings file not found: {_dir.File("typo.json")}", missing.Message);

        static (string, string) Pick(NlpSettings s) => (s.Db, s.FileOrigin);
    }

    [Theory]
    [InlineData("{\n  \"db\": \"x.db\",\n  \"fetch\": { \"retrys\": 3 }\n}", "s.json:3: unknown key \"fetch.retrys\"", "did you mean \"fetch.retries\"?")]
    [InlineData("{\n  \"database\": \"x.db\"\n}", "s.json:2: unknown key \"database\" (known: db, models, log, fetch, ingest, import, classify, report, schedule)", null)]
    [InlineData("{\n  \"db\": 5\n}", "s.json:2: db: must be a string, not a number", null)]
    [InlineData("{\n  \"classify\": {\n    \"batch_size\": \"big\"\n  }\n}", "s.json:3: classify.batch_size: must be a whole number, not a string", null)]
    [InlineData("{\n  \"classify\": { \"batch_size\": 2.5 }\n}", "s.json:2: classify.batch_size: must be a whole number, not 2.5", null)]
    [InlineData("{\n  \"fetch\": { \"retries\": 11 }\n}", "s.json:2: fetch.retries: retries must be between 0 and 10", null)]
    [InlineData("{\n  \"ingest\": { \"auto_disable\": \"yes\" }\n}", "s.json:2: ingest.auto_disable: must be true or false, not a string", null)]
    [InlineData("{\n\n  \"report\": { \"time_zone\": \"Mars/Olympus\" }\n}", "s.json:3: report.time_zone: 'Mars/Olympus' is not a time zone this machine knows", null)]
    [InlineData("{\n  \"schedule\": { \"cron\": \"0 25 * * *\" }\n}", "s.json:2: schedule.cron: '0 25 * * *' is not a 5-field cron expression", null)]
    [InlineData("{\n  \"log\": { \"level\": \"loud\" }\n}", "s.json:2: log.level: 'loud' is not one of debug, information, warning, error", null)]
    [InlineData("{\n  \"fetch\": { \"user_agent\": \"Bot/1.0\" }\n}", "s.json:2: fetch.user_agent: user_agent \"Bot/1.0\" must include a contact URL", null)]
    [InlineData("{\n  \"db\": \"a.db\",\n  \"db\": \"b.db\"\n}", "s.json:3: \"db\" appears twice", null)]
    [InlineData("{\n  \"fetch\": 3\n}", "s.json:2: \"fetch\" must be an object of settings", null)]
    [InlineData("{\n  \"db\": \"x.db\"\n  \"models\": \"m\"\n}", "s.json:3: invalid JSON", null)]
    [InlineData("[\"db\"]", "s.json:1: the file must be one JSON object of settings", null)]
    [InlineData("{ \"db\": \"x.db\" }\n{ \"db\": \"y.db\" }", "s.json:2: ", null)]
    public void Load_BadFile_NamesFileLineAndKey(string json, string expected, string? hint)
    {
        var path = WriteFile("s.json", json);

        var ex = Assert.Throws<SettingsException>(() => NlpSettings.Load(path, Vars(), null, []));

        Assert.StartsWith(expected.Replace("s.json", path), ex.Message);
        if (hint is not null) Assert.EndsWith(hint, ex.Message);
    }

    [Theory]
    [InlineData("NLP_CLASSIFY_BATCH_SIZE", "lots", "environment variable NLP_CLASSIFY_BATCH_SIZE (classify.batch_size): 'lots' is not a whole number")]
    [InlineData("NLP_CLASSIFY_BATCH_SIZE", "0", "environment variable NLP_CLASSIFY_BATCH_SIZE (classify.batch_size): must be between 1 and 1000000, not 0")]
    [InlineData("NLP_LOG_LEVEL", "verbose", "environment variable NLP_LOG_LEVEL (log.level): 'verbose' is not one of debug, information, warning, error")]
    [InlineData("NLP_SCHEDULE_TIME_ZONE", "Almaty", "environment variable NLP_SCHEDULE_TIME_ZONE (schedule.time_zone): 'Almaty' is not a time zone this machine knows")]
    [InlineData("NLP_INGEST_AUTO_DISABLE", "maybe", "environment variable NLP_INGEST_AUTO_DISABLE (ingest.auto_disable): 'maybe' is not true or false")]
    [InlineData("NLP_FETCH_PER_HOST_INTERVAL_SECONDS", "-1", "environment variable NLP_FETCH_PER_HOST_INTERVAL_SECONDS (fetch.per_host_interval_seconds): must be between 0 and 86400 seconds, not -1")]
    [InlineData("NLP_USER_AGENT", "Bot/1.0", "environment variable NLP_USER_AGENT (fetch.user_agent): user_agent \"Bot/1.0\" must include a contact URL")]
    public void Load_BadVariable_NamesTheVariableAndTheKey(string name, string value, string expected)
    {
        var ex = Assert.Throws<SettingsException>(() => NlpSettings.Load(null, Vars((name, value)), null, []));

        Assert.StartsWith(expected, ex.Message);
    }

    [Fact]
    public void Load_VariablesOfEveryKind_AreRead()
    {
        var s = NlpSettings.Load(null, Vars(("NLP_INGEST_AUTO_DISABLE", "yes"), ("NLP_FETCH_TIMEOUT_SECONDS", "2.5"),
            ("NLP_SCHEDULE_CRON", "30 1 * * 1"), ("NLP_AUTHOR_SALT", "team secret"), ("NLP_LOG_LEVEL", "debug")), null, []);

        Assert.True(s.Health.AutoDisable);
        Assert.Equal(TimeSpan.FromSeconds(2.5), s.Fetch.Timeout);
        Assert.Equal("30 1 * * 1", s.ScheduleCron);
        Assert.Equal("team secret", s.AuthorSalt);
        Assert.Equal(LogLevel.Debug, s.LogLevel);
    }

    [Fact]
    public void Load_BadCommandLineValue_IsAUsageErrorNamingTheOption()
    {
        var ex = Assert.Throws<UsageException>(() => NlpSettings.Load(null, Vars(), null, [Cli(SettingCatalog.TelegramPages, "0", "--telegram-pages")]));

        Assert.Equal("--telegram-pages: must be between 1 and 1000, not 0", ex.Message);
    }

    [Fact]
    public void VariableNames_AreNlpPlusTheKey_ExceptTheTwoOlderNamesKeptAsTheyWere()
    {
        var exceptions = new Dictionary<string, string> { ["fetch.user_agent"] = "NLP_USER_AGENT", ["import.author_salt"] = "NLP_AUTHOR_SALT" };

        foreach (var s in SettingCatalog.All)
            Assert.Equal(exceptions.GetValueOrDefault(s.Key, "NLP_" + s.Key.Replace('.', '_').ToUpperInvariant()), s.Variable);
        Assert.Equal(SettingCatalog.All.Count, SettingCatalog.All.Select(s => s.Variable).Distinct().Count());
        Assert.Equal(SettingCatalog.All.Count, SettingCatalog.All.Select(s => s.Key).Distinct().Count());
        // The variables that existed before the settings file keep their names.
        Assert.Equal("NLP_DB", SettingCatalog.Db.Variable);
        Assert.Equal("NLP_MODELS", SettingCatalog.Models.Variable);
        Assert.Equal("NLP_SETTINGS", SettingCatalog.SettingsVariable);
    }

    [Fact]
    public void Example_LoadsCleanly_WithEverySettingAtItsDefault()
    {
        var text = SettingsFile.Example();
        var path = WriteFile("example.json", text);

        var s = NlpSettings.Load(path, Vars(), null, []);

        foreach (var setting in SettingCatalog.All)
        {
            Assert.Equal(setting.Default, s[setting].Current);
            Assert.Equal(setting.Default is null ? SettingSource.Default : SettingSource.File, s[setting].Source);
            Assert.Contains($"\"{setting.Name}\": ", text);                    // set or commented out, every key is shown
            Assert.Contains($"Environment: {setting.Variable}.", text);
        }
    }

    [Fact]
    public void LoadSources_FetchLayers_SettingsFileThenSourcesFileThenVariablesThenOptions()
    {
        var sources = WriteFile("sources.json", """
            { "fetch": { "retries": 7, "per_host_interval_seconds": 0, "max_parallel_hosts": 6 },
              "sources": [ { "id": "a", "outlet": "A", "kind": "feed", "url": "http://a.example/rss" } ] }
            """);
        var file = WriteFile("s.json", $$"""
            { "ingest": { "sources": {{System.Text.Json.JsonSerializer.Serialize(sources)}} },
              "fetch": { "retries": 5, "timeout_seconds": 12, "max_parallel_hosts": 8, "user_agent": "FileBot/1.0 (+https://file.example)" } }
            """);
        var env = Vars(("NLP_FETCH_MAX_PARALLEL_HOSTS", "2"), ("NLP_USER_AGENT", "EnvBot/1.0 (+https://env.example)"));

        var s = NlpSettings.Load(file, env, null, [Cli(SettingCatalog.UserAgent, "CliBot/1.0 (+https://cli.example)", "--user-agent")]);
        var loaded = s.LoadSources();

        Assert.Equal("a", Assert.Single(loaded.Sources).Id);
        Assert.Equal(TimeSpan.FromSeconds(12), loaded.Fetch.Timeout);         // settings file only
        Assert.Equal(7, loaded.Fetch.Retries);                                 // the sources file over the settings file
        Assert.Equal(TimeSpan.Zero, loaded.Fetch.PerHostInterval);             // the sources file over the default
        Assert.Equal(2, loaded.Fetch.MaxParallelHosts);                        // the variable over both files
        Assert.Equal("CliBot/1.0 (+https://cli.example)", loaded.Fetch.UserAgent);   // the option over everything
    }

    [Fact]
    public void LoadSources_NoSourcesAnywhere_IsAUsageErrorNamingAllThreeWays()
    {
        var ex = Assert.Throws<UsageException>(() => NlpSettings.Load(null, Vars(), null, []).LoadSources());

        Assert.Equal("--sources is required (or set ingest.sources in the settings file, or NLP_INGEST_SOURCES)", ex.Message);
    }

    [Fact]
    public void Parse_CommentsTrailingCommasAndBom_AreAccepted()
    {
        var json = "\uFEFF// operator's notes\n{\n  /* the nightly box */\n  \"db\": \"/srv/nlp/nlp.db\",\n  \"fetch\": { \"retries\": 1, },\n}\n";

        var entries = SettingsFile.Parse(Encoding.UTF8.GetBytes(json), "s.json");

        Assert.Equal([("db", (object)"/srv/nlp/nlp.db", 4), ("fetch.retries", 1, 5)], entries.Select(e => (e.Setting.Key, e.Value, e.Line)));
    }
}
