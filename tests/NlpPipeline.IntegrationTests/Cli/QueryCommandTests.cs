using System.Text.Json;
using NlpPipeline.Cli;
using NlpPipeline.IntegrationTests.Infrastructure;

namespace NlpPipeline.IntegrationTests.Cli;

public sealed class QueryCommandTests : IDisposable
{
    private readonly LabelledStore _store = new();

    public void Dispose() => _store.Dispose();

    private Task<NlpCli.Result> Run(params string[] args) => NlpCli.RunAsync([.. args, "--db", _store.Path]);

    [Fact]
    public async Task Query_Table_NamesTheModel_ShowsAlmatyTime_AndMarksTheMatch()
    {
        var r = await Run("query", "--text", "қазақстаннан");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains($"labels from model {LabelledStore.Latest} (the latest that has scored passages)", r.Output);
        Assert.Contains("Times in Asia/Almaty", r.Output);
        Assert.Contains($"#{_store.P1}  doc {_store.D1}  2022-01-06 02:30  kaz-news (Qazaq Times)  kk  intent considering  sentiment negative -0.40  topics wages_prices", r.Output);
        Assert.Contains("**Қазақстаннан**", r.Output);
        Assert.Contains("1 passage(s).", r.Output);
    }

    [Fact]
    public async Task Query_Jsonl_HasFullTextAndLabels_OfTheChosenModel()
    {
        var r = await Run("query", "--intent", "departed", "--model-version", LabelledStore.Older, "--format", "jsonl");
        Assert.Equal(0, r.ExitCode);
        var line = Assert.Single(r.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        Assert.Equal(_store.P1, root.GetProperty("passage_id").GetInt64());
        Assert.Equal("departed", root.GetProperty("intent").GetString());
        Assert.Equal(LabelledStore.Older, root.GetProperty("model_version").GetString());
        Assert.Equal("2022-01-06 02:30", root.GetProperty("published_local").GetString());
        Assert.Equal("Жастар Қазақстаннан көшіп кетуді ойлап жүр, жалақы аз.", root.GetProperty("text").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("relevance").ValueKind);
    }

    [Fact]
    public async Task Query_Csv_OneRowPerHit_WithRelevance()
    {
        var r = await Run("query", "--text", "уехать", "--format", "csv", "--source", LabelledStore.Channel, "--from", "2022-01-01", "--to", "2022-01-31");
        Assert.Equal(0, r.ExitCode);
        var lines = r.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("passage_id,document_id,published_local,source,outlet,language,intent,topics,sentiment,sentiment_score,relevance,", lines[0]);
        Assert.StartsWith($"{_store.P3},{_store.D2},2022-01-20 10:00,ru-chan,Канал Степь,ru,planning,wages_prices;uncertainty,negative,-0.4,", lines[1]);
    }

    [Fact]
    public async Task Query_Dates_AreDaysInTheResearchTimeZone()
    {
        // D1 was published at 20:30 UTC on 5 January 2022: 6 January in Almaty (UTC+6), still 5 January in London.
        string[] sixth = ["query", "--source", LabelledStore.News, "--from", "2022-01-06", "--to", "2022-01-06", "--format", "csv"];
        var almaty = await Run(sixth);
        Assert.Equal(0, almaty.ExitCode);
        Assert.Equal(3, almaty.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);   // header and D1's two passages
        Assert.Contains(",2022-01-06 02:30,", almaty.Output);

        var london = await Run([.. sixth, "--time-zone", "Europe/London"]);
        Assert.Equal(0, london.ExitCode);
        Assert.Single(london.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));            // header only

        var fifth = await Run("query", "--source", LabelledStore.News, "--from", "2022-01-05", "--to", "2022-01-05", "--format", "csv", "--time-zone", "Europe/London");
        Assert.Equal(3, fifth.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains(",2022-01-05 20:30,", fifth.Output);
    }

    [Fact]
    public async Task ExportPassages_LocalDate_FollowsTheReportTimeZoneSetting()
    {
        var env = new AppEnvironment(TimeProvider.System, NlpCli.Offline.HttpHandler) { Variables = new Dictionary<string, string> { ["NLP_REPORT_TIME_ZONE"] = "Europe/London" } };
        var london = _store.File("london.csv");
        var r = await NlpCli.RunAsync(env, "export", "passages", "--source", LabelledStore.News, "--out", london, "--db", _store.Path);
        Assert.Equal(0, r.ExitCode);
        var almaty = _store.File("almaty.csv");
        Assert.Equal(0, (await Run("export", "passages", "--source", LabelledStore.News, "--out", almaty)).ExitCode);
        var p1 = $"{_store.P1},{_store.D1},";
        Assert.Contains(",2022-01-05,", File.ReadAllLines(london).Single(l => l.StartsWith(p1, StringComparison.Ordinal)));
        Assert.Contains(",2022-01-06,", File.ReadAllLines(almaty).Single(l => l.StartsWith(p1, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Query_UnknownTimeZone_IsAUsageError()
    {
        var r = await Run("query", "--time-zone", "Mars/Olympus");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("Mars/Olympus", r.Error);
        Assert.Empty(r.Output);
    }

    [Theory]
    [InlineData("--intent", "leaving")]
    [InlineData("--topic", "prices")]
    [InlineData("--language", "de")]
    [InlineData("--limit", "-1")]
    [InlineData("--format", "xml")]
    [InlineData("--from", "2022-13-01")]
    public async Task Query_BadOptionValue_IsAUsageError(string option, string value)
    {
        var r = await Run("query", option, value);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(option, r.Error);
    }

    [Theory]
    [InlineData("not registered", "--model-version", "1999-x")]
    [InlineData("no source", "--source", "nowhere")]
    [InlineData("no word to search for", "--text", "* ( -")]
    [InlineData("is after", "--from", "2022-02-01", "--to", "2022-01-01")]
    public async Task Query_ValueTheDatabaseCannotServe_ExplainsWhy(string message, params string[] args)
    {
        var r = await Run(["query", .. args]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message.Split(' ')[0], r.Error);
        Assert.Empty(r.Output);
    }

    [Fact]
    public async Task Query_LabelFilterWithoutAnyModel_SaysToClassify()
    {
        using var dir = new TempDir();
        var r = await NlpCli.RunAsync("query", "--intent", "planning", "--db", dir.File("empty.db"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("nlp classify", r.Error);
    }
}
