using NlpPipeline.Core.Domain;
using NlpPipeline.Core.Labels;
using NlpPipeline.Ingestion.Sources;
using NlpPipeline.Ingestion.Telegram;
using NlpPipeline.IntegrationTests.Infrastructure;

namespace NlpPipeline.IntegrationTests.Ingestion;

/// <summary>corpora/sources/kazakhstan.json against the sources schema. Never fetched.</summary>
public sealed class RealSourcesFileTests
{
    private static readonly string File = Path.Combine(TestPaths.RepoRoot, "corpora", "sources", "kazakhstan.json");

    private static IReadOnlyList<Source> Load() => SourcesFile.Load(File);

    [Fact]
    public void Load_RealSources_ParsesWithUniqueIdsAndEveryLanguage()
    {
        var sources = Load();

        Assert.True(sources.Count >= 30, $"{sources.Count} sources");
        Assert.Equal(sources.Count, sources.Select(s => s.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.All(sources, s => Assert.NotNull(s.LanguageHint));
        var languages = sources.Select(s => s.LanguageHint!.Value).ToHashSet();
        Assert.Superset(new HashSet<Language> { Language.Kazakh, Language.Russian, Language.English }, languages);
        // Each language is followed through several outlets, not a token one.
        foreach (var language in new[] { Language.Kazakh, Language.Russian, Language.English })
            Assert.True(sources.Count(s => s.LanguageHint == language) >= 5, $"{language}: {sources.Count(s => s.LanguageHint == language)}");
    }

    [Fact]
    public void Load_RealSources_EveryUrlIsHttpsAndEveryChannelIsAPublicPreview()
    {
        var sources = Load();

        Assert.All(sources, s => Assert.Equal("https", s.Url.Scheme));
        var channels = sources.Where(s => s.Type == SourceType.Telegram).ToList();
        Assert.True(channels.Count >= 3, $"{channels.Count} telegram channels");
        Assert.All(channels, s =>
        {
            Assert.True(TelegramChannel.TryParse(s.Url, out var channel), s.Url.ToString());
            Assert.Equal("t.me", channel.PreviewUrl.Host);
            Assert.Equal(SourceKind.Social, s.Kind);
        });
        Assert.All(sources.Where(s => s.Type == SourceType.Feed), s => Assert.Equal(SourceKind.News, s.Kind));
    }

    [Theory]
    [InlineData("Kazinform")]
    [InlineData("Khabar 24")]
    [InlineData("Egemen Qazaqstan")]
    [InlineData("Vlast.kz")]
    [InlineData("Orda.kz")]
    [InlineData("Azattyq (RFE/RL Kazakh Service)")]
    [InlineData("Informburo")]
    [InlineData("Tengrinews")]
    [InlineData("KazTAG")]
    [InlineData("Kursiv")]
    [InlineData("Eurasianet")]
    [InlineData("The Diplomat (Central Asia)")]
    [InlineData("RFE/RL")]
    public void Load_RealSources_FollowsTheOutletsResearchersCite(string outlet) =>
        Assert.Contains(Load(), s => s.Outlet == outlet);

    [Fact]
    public void Load_RealSources_SaysTheUrlsMustBeCheckedByTheOperator()
    {
        var head = string.Join("\n", System.IO.File.ReadLines(File).TakeWhile(l => l.StartsWith("//", StringComparison.Ordinal)));

        Assert.Contains("the operator must check each one", head);
    }
}
