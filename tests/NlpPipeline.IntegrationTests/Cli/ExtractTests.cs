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
}
