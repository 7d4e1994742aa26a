using System.Text.Json;
using NlpPipeline.Cli;
using NlpPipeline.IntegrationTests.Infrastructure;

namespace NlpPipeline.IntegrationTests.Settings;

/// <summary>Issue 8: nlp schedule takes its cron, sources, model, database and report path from the settings.</summary>
[Collection(ModelCollection.Name)]
public sealed class ScheduleSettingsTests(TrainedModelFixture model) : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private AppEnvironment Env(HttpMessageHandler handler, params (string Name, string Value)[] vars) =>
        new(TimeProvider.System, handler) { Variables = vars.ToDictionary(v => v.Name, v => v.Value), DefaultSettingsFile = _dir.File("nlp.settings.json") };

    [Fact]
    public async Task Schedule_EverythingFromTheSettings_RunsOnceAndWritesTheReportWhereTheVariableSays()
    {
        File.WriteAllText(_dir.File("nlp.settings.json"), $$"""
            {
              "db": {{JsonSerializer.Serialize(_dir.File("nlp.db"))}},
              "models": {{JsonSerializer.Serialize(model.ModelsDir)}},
              "ingest": { "sources": {{JsonSerializer.Serialize(Path.Combine(TestPaths.Sites, "sources.json"))}} },
              "schedule": { "cron": "0 2 * * *", "report": {{JsonSerializer.Serialize(_dir.File("file-weekly.csv"))}} }
            }
            """);
        await using var server = new FixtureServer(TestPaths.Sites);
        var report = _dir.File("out/env-weekly.csv");

        var r = await NlpCli.RunAsync(Env(server.CreateHandler(), ("NLP_SCHEDULE_REPORT", report)), "schedule", "--once-now", "--max-runs", "1");

        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Contains("Schedule ended: 1 run(s), 0 failed.", r.Output);
        Assert.Contains("Documents: 7 new", r.Output);
        Assert.StartsWith("week,", File.ReadAllLines(report)[0]);
        Assert.False(File.Exists(_dir.File("file-weekly.csv")));
        var run = SqliteRows.Query(_dir.File("nlp.db"), "SELECT command, status, model_version FROM ingestion_runs").Single();
        Assert.Equal(("schedule", "completed"), ((string)run["command"]!, (string)run["status"]!));
        Assert.NotNull(run["model_version"]);
    }

    [Fact]
    public async Task Schedule_NoCronAnywhere_IsAUsageErrorNamingTheThreeWays()
    {
        var r = await NlpCli.RunAsync(Env(new HttpClientHandler()), "schedule", "--sources", Path.Combine(TestPaths.Sites, "sources.json"), "--db", _dir.File("nlp.db"));

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("error: --cron is required (or set schedule.cron in the settings file, or NLP_SCHEDULE_CRON)", r.Error);
        Assert.False(File.Exists(_dir.File("nlp.db")));
    }
}
