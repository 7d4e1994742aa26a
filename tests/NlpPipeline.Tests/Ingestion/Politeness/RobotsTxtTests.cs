using NlpPipeline.Ingestion.Politeness;
using Xunit;

namespace NlpPipeline.Tests.Ingestion.Politeness;

/// <summary>robots.txt as RFC 9309 reads it, for the product token "NlpPipeline".</summary>
public sealed class RobotsTxtTests
{
    private static RobotsRules Parse(string text, string token = "NlpPipeline") => RobotsTxt.Parse(text, token);

    [Fact]
    public void Parse_GroupForOurToken_IsUsedInsteadOfStar()
    {
        var rules = Parse("""
            User-agent: *
            Disallow: /

            User-agent: nlppipeline/0.2
            Disallow: /private/
            """);

        Assert.True(rules.IsAllowed("/news/story.html"));
        Assert.False(rules.IsAllowed("/private/memo.html"));
    }

    [Fact]
    public void Parse_NoGroupForUs_StarGroupApplies()
    {
        var rules = Parse("""
            User-agent: Googlebot
            Disallow: /

            User-agent: *
            Disallow: /search
            """);

        Assert.True(rules.IsAllowed("/news/"));
        Assert.False(rules.IsAllowed("/search?q=visa"));
    }

    [Fact]
    public void Parse_NoGroupForUsAndNoStar_AllowsEverything()
    {
        var rules = Parse("User-agent: Googlebot\nDisallow: /\n");

        Assert.True(rules.IsAllowed("/anything"));
        Assert.Equal(0, rules.Count);
    }

    [Fact]
    public void Parse_ConsecutiveUserAgentLines_ShareOneGroup()
    {
        var rules = Parse("""
            User-agent: OtherBot
            User-agent: NlpPipeline
            Disallow: /drafts/
            User-agent: ThirdBot
            Disallow: /news/
            """);

        Assert.False(rules.IsAllowed("/drafts/1"));
        Assert.True(rules.IsAllowed("/news/1"));   // the third group is not ours
    }

    [Fact]
    public void Parse_TwoGroupsForUs_AreMerged()
    {
        var rules = Parse("""
            User-agent: NlpPipeline
            Disallow: /a/

            User-agent: *
            Disallow: /c/

            User-agent: NLPPIPELINE
            Disallow: /b/
            """);

        Assert.False(rules.IsAllowed("/a/x"));
        Assert.False(rules.IsAllowed("/b/x"));
        Assert.True(rules.IsAllowed("/c/x"));
    }

    [Fact]
    public void IsAllowed_LongestMatchWins_AndAllowWinsATie()
    {
        var rules = Parse("""
            User-agent: *
            Disallow: /news/
            Allow: /news/public/
            Disallow: /news/public/drafts/
            Allow: /same
            Disallow: /same
            """);

        Assert.False(rules.IsAllowed("/news/secret.html"));
        Assert.True(rules.IsAllowed("/news/public/story.html"));
        Assert.False(rules.IsAllowed("/news/public/drafts/1.html"));
        Assert.True(rules.IsAllowed("/same/page"));
    }

    [Theory]
    [InlineData("/*.pdf$", "/files/report.pdf", false)]
    [InlineData("/*.pdf$", "/files/report.pdf?download=1", true)]
    [InlineData("/*.pdf$", "/files/report.pdf.html", true)]
    [InlineData("/*/print", "/news/2022/print/1", false)]
    [InlineData("/*?sessionid=", "/page?sessionid=5", false)]
    [InlineData("/*?sessionid=", "/page?lang=ru&sessionid=5", true)]   // '?' is literal, not "any character"
    [InlineData("/*sessionid=", "/page?lang=ru&sessionid=5", false)]
    [InlineData("/fish*", "/fish.html", false)]
    [InlineData("/fish", "/Fish.html", true)]        // paths are case-sensitive
    [InlineData("/exact$", "/exact", false)]
    [InlineData("/exact$", "/exact/more", true)]
    [InlineData("*private", "/a/b/private/c", false)]
    public void IsAllowed_Wildcards(string pattern, string path, bool allowed)
    {
        var rules = Parse($"User-agent: *\nDisallow: {pattern}\n");

        Assert.Equal(allowed, rules.IsAllowed(path));
    }

    [Fact]
    public void IsAllowed_PercentEncodingIsNormalised()
    {
        var rules = Parse("""
            User-agent: *
            Disallow: /~user/
            Disallow: /новости/
            Disallow: /a%2fb
            """);

        Assert.False(rules.IsAllowed("/%7Euser/page"));
        Assert.False(rules.IsAllowed("/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8/1"));
        Assert.False(rules.IsAllowed("/a%2Fb"));      // reserved characters stay encoded, hex case does not matter
        Assert.True(rules.IsAllowed("/a/b"));
    }

    [Fact]
    public void Parse_EmptyDisallowCommentsAndStrayRules_AreHandled()
    {
        var rules = Parse("\uFEFFDisallow: /before-any-group\r\n# comment line\r\nUser-agent: * # everyone\r\nDisallow:\r\nSitemap: https://x.example/sitemap.xml\r\n");

        Assert.True(rules.IsAllowed("/before-any-group"));
        Assert.True(rules.IsAllowed("/"));
        Assert.Equal(0, rules.Count);
    }

    [Fact]
    public void IsAllowed_RobotsTxtItself_IsAlwaysAllowed()
    {
        var rules = Parse("User-agent: *\nDisallow: /\n");

        Assert.True(rules.IsAllowed("/robots.txt"));
        Assert.False(rules.IsAllowed("/"));
        Assert.False(rules.IsAllowed(new Uri("https://x.example/news?id=1")));
    }

    [Fact]
    public void Parse_CrawlDelay_IsReadFromOurGroup()
    {
        var rules = Parse("""
            User-agent: *
            Crawl-delay: 10

            User-agent: NlpPipeline
            Crawl-delay: 2.5
            Disallow: /tmp/
            """);

        Assert.Equal(TimeSpan.FromSeconds(2.5), rules.CrawlDelay);
        Assert.Null(Parse("User-agent: *\nCrawl-delay: soon\n").CrawlDelay);
        Assert.Null(Parse("User-agent: *\nDisallow: /x\n").CrawlDelay);
    }

    [Fact]
    public void DisallowAll_DisallowsEverythingButRobotsTxt()
    {
        var rules = RobotsRules.DisallowAll("robots.txt unreachable (HTTP 503)");

        Assert.False(rules.IsAllowed("/"));
        Assert.False(rules.IsAllowed("/news/1"));
        Assert.True(rules.IsAllowed("/robots.txt"));
        Assert.Equal("robots.txt unreachable (HTTP 503)", rules.Note);
    }
}
