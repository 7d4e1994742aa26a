using System.Text;
using NlpPipeline.Ingestion.Fetching;
using NlpPipeline.Ingestion.Sources;
using Xunit;

namespace NlpPipeline.Tests.Ingestion.Sources;

/// <summary>The optional "fetch" object of a sources file.</summary>
public sealed class SourcesFileFetchTests
{
    private static SourcesSettings Parse(string json) =>
        SourcesFile.ParseSettings(Encoding.UTF8.GetBytes(json), "sources.json", Path.GetTempPath());

    [Fact]
    public void ParseSettings_NoFetchObject_GivesDefaults()
    {
        var settings = Parse("""{"sources": [{"id": "a", "outlet": "A", "kind": "feed", "url": "https://a.example/rss"}]}""");

        Assert.Equal(FetchOptions.Default, settings.Fetch);
        Assert.Single(settings.Sources);
    }

    [Fact]
    public void ParseSettings_FetchObject_SetsEveryOption()
    {
        var settings = Parse("""
            {
              "fetch": {
                "user_agent": "MyLab-NlpPipeline/1.0 (+https://lab.example/crawler)",
                "timeout_seconds": 12.5, "max_bytes": 2000000, "per_host_interval_seconds": 3,
                "retries": 4, "retry_base_delay_seconds": 0.5, "max_retry_after_seconds": 60,
                "max_crawl_delay_seconds": 20, "host_failure_limit": 5, "max_parallel_hosts": 2
              },
              "sources": []
            }
            """);

        var f = settings.Fetch;
        Assert.Equal("MyLab-NlpPipeline/1.0 (+https://lab.example/crawler)", f.UserAgent);
        Assert.Equal("MyLab-NlpPipeline", f.ProductToken);
        Assert.Equal(TimeSpan.FromSeconds(12.5), f.Timeout);
        Assert.Equal(2_000_000, f.MaxBytes);
        Assert.Equal(TimeSpan.FromSeconds(3), f.PerHostInterval);
        Assert.Equal(4, f.Retries);
        Assert.Equal(TimeSpan.FromSeconds(0.5), f.RetryBaseDelay);
        Assert.Equal(TimeSpan.FromSeconds(60), f.MaxRetryAfter);
        Assert.Equal(TimeSpan.FromSeconds(20), f.MaxCrawlDelay);
        Assert.Equal(5, f.HostFailureLimit);
        Assert.Equal(2, f.MaxParallelHosts);
    }

    [Theory]
    [InlineData("""{"fetch": {"per_host_delay": 1}, "sources": []}""", "sources.json:1: fetch: unknown key \"per_host_delay\"")]
    [InlineData("""{"fetch": {"retries": 1.5}, "sources": []}""", "fetch.retries must be a whole number")]
    [InlineData("""{"fetch": {"timeout_seconds": "30"}, "sources": []}""", "fetch.timeout_seconds must be a number")]
    [InlineData("""{"fetch": {"timeout_seconds": 0}, "sources": []}""", "fetch.timeout_seconds must be positive")]
    [InlineData("""{"fetch": {"user_agent": "Bot/1.0"}, "sources": []}""", "must include a contact URL")]
    [InlineData("""{"fetch": {"max_bytes": 10}, "sources": []}""", "fetch.max_bytes must be at least 1024")]
    [InlineData("""{"fetch": [], "sources": []}""", "\"fetch\" must be an object")]
    public void ParseSettings_BadFetchValue_NamesIt(string json, string message)
    {
        var ex = Assert.Throws<SourcesFileException>(() => Parse(json));

        Assert.Contains(message, ex.Message);
    }
}
