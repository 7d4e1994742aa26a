using NlpPipeline.Core.Urls;

namespace NlpPipeline.Tests.Core.Urls;

public sealed class RegistrableDomainTests
{
    [Theory]
    [InlineData("tengrinews.kz", "tengrinews.kz")]
    [InlineData("www.tengrinews.kz", "tengrinews.kz")]
    [InlineData("m.kaz.tengrinews.kz", "tengrinews.kz")]
    [InlineData("WWW.BBC.CO.UK", "bbc.co.uk")]
    [InlineData("news.aqparat.com.kz", "aqparat.com.kz")]
    [InlineData("alice.livejournal.com", "alice.livejournal.com")]
    [InlineData("m.alice.livejournal.com", "alice.livejournal.com")]
    [InlineData("livejournal.com", "livejournal.com")]
    [InlineData("127.0.0.1", "127.0.0.1")]
    [InlineData("localhost", "localhost")]
    [InlineData("www.google.com.", "google.com")]
    public void Of_Host_RegistrableDomain(string host, string expected) =>
        Assert.Equal(expected, RegistrableDomain.Of(host));

    [Theory]
    [InlineData("https://www.inform.kz/a", "https://m.inform.kz/b", true)]
    [InlineData("http://inform.kz/a", "https://www.inform.kz/b", true)]
    [InlineData("https://inform.kz/a", "https://informburo.kz/b", false)]
    [InlineData("https://a.com.kz/x", "https://b.com.kz/x", false)]
    [InlineData("https://пример.қаз/a", "https://www.xn--e1afmkfd.xn--80ao21a/b", true)]
    public void SameSite_Pairs(string a, string b, bool expected) =>
        Assert.Equal(expected, RegistrableDomain.SameSite(new Uri(a), new Uri(b)));
}
