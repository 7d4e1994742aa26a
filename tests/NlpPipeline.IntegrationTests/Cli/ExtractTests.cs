using NlpPipeline.Cli.Benchmarks;
using NlpPipeline.IntegrationTests.Infrastructure;

namespace NlpPipeline.IntegrationTests.Cli;

/// <summary>`nlp extract` and the extraction benchmark's metric.</summary>
public sealed class ExtractTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Extract_FolderOfPages_WritesOneTextFilePerPage()
    {
        var input = Directory.CreateDirectory(_dir.File("in")).FullName;
        File.Copy(Path.Combine(TestPaths.Sites, "steppewire", "cafes.html"), Path.Combine(input, "cafes.html"));
        File.Copy(Path.Combine(TestPaths.Sites, "sibir", "zagranpasporta.html"), Path.Combine(input, "passports.html"));
        var output = _dir.File("out");

        var r = await NlpCli.RunAsync("extract", "--in-dir", input, "--out-dir", output);

        Assert.Equal(0, r.ExitCode);
        Assert.Contains("Extracted 2 page(s)", r.Output);
        var cafes = File.ReadAllText(Path.Combine(output, "cafes.txt")).Split("\n\n");
        Assert.Equal(2, cafes.Length);
        Assert.StartsWith("A month after looters smashed the windows", cafes[0]);
        var passports = File.ReadAllText(Path.Combine(output, "passports.txt"));
        Assert.StartsWith("С начала года в центры обслуживания населения Павлодара", passports);   // windows-1251 page decoded
        Assert.DoesNotContain("Популярное", passports);
    }

    [Fact]
    public void Score_PerfectPartialAndEmptyPredictions_GiveTheBenchmarksNumbers()
    {
        var truth = new Dictionary<string, string>
        {
            ["a"] = "one two three four five six",
            ["b"] = "alpha beta gamma delta epsilon",
        };
        var perfect = ExtractionScore.Score(truth, truth);
        Assert.Equal((1.0, 1.0, 1.0, 1.0), (perfect.Precision, perfect.Recall, perfect.F1, perfect.Accuracy));

        // "a": 3 true shingles, 1 predicted and correct -> P 1, R 1/3; "b": nothing predicted -> R 0, no precision.
        var partial = ExtractionScore.Score(truth, new Dictionary<string, string> { ["a"] = "one two three four" });
        Assert.Equal(1.0, partial.Precision, 6);
        Assert.Equal((1 / 3.0 + 0) / 2, partial.Recall, 6);
        Assert.Equal(0.0, partial.Accuracy);
    }

    [Fact]
    public async Task BenchExtraction_PagesWithTheirOwnTextAsTruth_ScoresOneOverallAndPerHalfAndReportsSpeed()
    {
        var input = Directory.CreateDirectory(_dir.File("pages")).FullName;
        File.Copy(Path.Combine(TestPaths.Sites, "steppewire", "cafes.html"), Path.Combine(input, "cafes.html"));
        File.Copy(Path.Combine(TestPaths.Sites, "steppewire", "relocation.html"), Path.Combine(input, "relocation.html"));
        var texts = _dir.File("texts");
        Assert.Equal(0, (await NlpCli.RunAsync("extract", "--in-dir", input, "--out-dir", texts)).ExitCode);
        var truth = _dir.File("truth.json");
        File.WriteAllText(truth, System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["cafes"] = new { articleBody = File.ReadAllText(Path.Combine(texts, "cafes.txt")) },
            ["relocation"] = new { articleBody = File.ReadAllText(Path.Combine(texts, "relocation.txt")) },
        }));

        var r = await NlpCli.RunAsync("bench", "extraction", "--pages", input, "--truth", truth, "--passes", "1");

        Assert.Equal(0, r.ExitCode);
        var inA = new[] { "cafes", "relocation" }.Count(n => ExtractionBenchmark.Half(n) == "A");
        Assert.Contains("| nlp (MainTextExtractor) | 2 | 1.000 | 1.000 | 1.000 | 1.000 |", r.Output);
        Assert.Contains(inA == 0 ? "| nlp (MainTextExtractor), half A | 0 | 0.000 | 0.000 | 0.000 | 0.000 |"
            : $"| nlp (MainTextExtractor), half A | {inA} | 1.000 | 1.000 | 1.000 | 1.000 |", r.Output);
        Assert.Contains(inA == 2 ? "| nlp (MainTextExtractor), half B | 0 | 0.000 | 0.000 | 0.000 | 0.000 |"
            : $"| nlp (MainTextExtractor), half B | {2 - inA} | 1.000 | 1.000 | 1.000 | 1.000 |", r.Output);
        Assert.Matches(@"Speed on one thread, fastest of 1 pass\(es\): extraction \d+ pages/s; AngleSharp parsing alone \d+ pages/s", r.Output);
    }

    [Fact]
    public async Task BenchExtraction_ZeroPasses_IsAUsageError()
    {
        var truth = _dir.File("truth.json");
        File.WriteAllText(truth, "{}");

        var r = await NlpCli.RunAsync("bench", "extraction", "--pages", _dir.File("none"), "--truth", truth, "--passes", "0");

        Assert.Equal(2, r.ExitCode);   // like every invalid option value: the message, then the usage
        Assert.Contains("--passes must be at least 1", r.Error);
        Assert.Contains("Usage:", r.Error);
    }

    [Fact]
    public void Half_IsFixedByTheNameAlone()
    {
        Assert.Equal(ExtractionBenchmark.Half("042bb7b5fedab6ea"), ExtractionBenchmark.Half("042bb7b5fedab6ea"));
        var halves = Enumerable.Range(0, 200).Select(i => ExtractionBenchmark.Half($"page{i}")).ToList();
        Assert.InRange(halves.Count(h => h == "A"), 70, 130);   // a hash split, roughly even
        Assert.All(halves, h => Assert.Contains(h, new[] { "A", "B" }));
    }
}
