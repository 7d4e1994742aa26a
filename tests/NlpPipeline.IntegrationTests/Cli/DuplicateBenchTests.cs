using NlpPipeline.IntegrationTests.Infrastructure;

namespace NlpPipeline.IntegrationTests.Cli;

/// <summary>`nlp bench duplicates` at a small size: its planted near-copies are all found and no fresh text is flagged.</summary>
public sealed class DuplicateBenchTests
{
    [Fact]
    public async Task BenchDuplicates_SmallRun_FindsEveryPlantedCopyAndNoFalseAlarm()
    {
        var r = await NlpCli.RunAsync("bench", "duplicates", "--corpus", Path.Combine(TestPaths.RepoRoot, "corpora", "annotated"),
            "--documents", "300", "--copies", "30");

        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Contains("| 270 | 30 |", r.Output);
        Assert.Contains("30 of 30 found as near duplicates (0 matched exactly), 0 of 30 fresh texts wrongly flagged", r.Output);
    }

    [Theory]
    [InlineData("--documents", "0")]
    [InlineData("--copies", "-1")]
    public async Task BenchDuplicates_BadCount_UsageError(string option, string value)
    {
        var r = await NlpCli.RunAsync("bench", "duplicates", option, value);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--documents must be 1 or more and --copies 0 or more", r.Error);
    }
}
