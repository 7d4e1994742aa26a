using NlpPipeline.Ingestion.Fetching;
using Xunit;

namespace NlpPipeline.Tests.Ingestion.Fetching;

public sealed class FetchingTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 8, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("120", 120)]
    [InlineData("0", 0)]
    [InlineData("Sat, 28 Nov 2026 08:00:30 GMT", 30)]
    [InlineData("Sat, 28 Nov 2026 07:59:00 GMT", 0)]     // a date in the past: retry now
    public void RetryAfter_SecondsOrHttpDate_GivesTheWait(string header, double seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), RetryAfter.Delay(header, Now));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("-5")]
    public void RetryAfter_Unusable_IsNull(string? header)
    {
        Assert.Null(RetryAfter.Delay(header, Now));
    }

    [Fact]
    public void FetchOutcomeNames_EveryMemberHasItsWireName()
    {
        string[] expected =
        [
            "ok", "not_modified", "redirect", "http_error", "rate_limited", "timeout", "connection", "too_large",
            "too_many_redirects", "redirect_loop", "scheme_refused", "robots_disallowed", "host_backed_off", "file_error",
        ];

        Assert.Equal(expected.Order(), Enum.GetValues<FetchOutcome>().Select(o => o.ToWire()).Order());
        Assert.Equal(expected.Order(), FetchOutcomeNames.Names.Order());
        foreach (var name in expected)
        {
            Assert.True(FetchOutcomeNames.TryParse(name, out var outcome));
            Assert.Equal(name, outcome.ToWire());
        }
    }

    [Theory]
    [InlineData("NlpPipeline/0.2 (research; +https://x.example)", "NlpPipeline")]
    [InlineData("KzResearchBot (+https://lab.example/contact)", "KzResearchBot")]
    public void FetchOptions_ProductToken_IsTheFirstToken(string agent, string token)
    {
        Assert.Equal(token, (FetchOptions.Default with { UserAgent = agent }).ProductToken);
    }

    [Fact]
    public void FetchOptions_Default_IsValidAndNamesAContactUrl()
    {
        Assert.Empty(FetchOptions.Default.Validate());
        Assert.Contains("+https://", FetchOptions.DefaultUserAgent);
        Assert.Equal("NlpPipeline", FetchOptions.Default.ProductToken);
        Assert.Equal(TimeSpan.FromSeconds(1), FetchOptions.Default.PerHostInterval);
        Assert.Equal(10 * 1024 * 1024, FetchOptions.Default.MaxBytes);
    }

    [Theory]
    [InlineData("NlpPipeline/0.2", "contact URL")]
    [InlineData("(+https://x.example) bot", "product token")]
    public void FetchOptions_BadUserAgent_IsRejected(string agent, string problem)
    {
        Assert.Contains((FetchOptions.Default with { UserAgent = agent }).Validate(), p => p.Contains(problem, StringComparison.Ordinal));
    }
}
