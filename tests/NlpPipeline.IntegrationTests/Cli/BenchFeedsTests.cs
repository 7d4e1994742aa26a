using System.Text;
using NlpPipeline.IntegrationTests.Infrastructure;

namespace NlpPipeline.IntegrationTests.Cli;

/// <summary>`nlp bench feeds` on a small suite written here in the benchmark's format (the real one is not needed by tests).</summary>
public sealed class BenchFeedsTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private void Write(string relative, byte[] bytes)
    {
        var path = Path.Combine(_dir.Path, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
    }

    private void Write(string relative, string text) => Write(relative, Encoding.UTF8.GetBytes(text));

    [Fact]
    public async Task BenchFeeds_SmallSuite_ScoresEntriesEncodingsAndRefusals()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        Write("wellformed/rss/two_items.xml", """
            <!--
            Description: two items
            Expect:      not bozo and entries[1]['title'] == 'Екі'
            -->
            <rss version="2.0"><channel><item><title>Бір</title></item><item><title>Екі</title></item></channel></rss>
            """);
        Write("wellformed/rss/refused.xml", """
            <!--
            Description: an external entity, which we refuse although the file is well-formed
            Expect:      not bozo and entries[0]['title'] == 'x'
            -->
            <!DOCTYPE rss [<!ENTITY e SYSTEM "file:///etc/hostname">]>
            <rss version="2.0"><channel><item><title>&e;</title></item></channel></rss>
            """);
        Write("encoding-x80/x80_koi8-r.xml", [.. Encoding.ASCII.GetBytes("""
            <?xml version="1.0" encoding="koi8-r"?>
            <!--
            Description: \x80 in koi8-r
            Expect:      not bozo and feed['title'] == '\u2500'
            -->
            <feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>
            """.Replace("\r", "")), 0x80, .. Encoding.ASCII.GetBytes("</title></feed>")]);
        Write("illformed/truncated.xml", """
            <!--
            Description: truncated
            Expect:      bozo
            -->
            <rss version="2.0"><channel><item><title>Жол
            """);

        var r = await NlpCli.RunAsync("bench", "feeds", "--dir", _dir.Path, "--list");

        Assert.True(r.ExitCode == 0, r.Error);
        Assert.Contains("| well-formed (Expect: not bozo) | 3 | 2 | 66.67 % | 0 | 0 |", r.Output);
        Assert.Contains("| Cyrillic encoding cases | 1 | 1 | 100.00 % | 0 | 0 |", r.Output);
        Assert.Contains("| ill-formed (bozo; no crash or hang) | 1 | 1 | 100.00 % | 0 | 0 |", r.Output);
        Assert.Contains("Fail  wellformed/rss/refused.xml: refused as Malformed", r.Output);
        Assert.Contains("2 items from 4 files; one core, median of 5 passes", r.Output);
    }

    [Fact]
    public async Task BenchFeeds_MissingFolder_FailsWithAClearMessage()
    {
        var r = await NlpCli.RunAsync("bench", "feeds", "--dir", _dir.File("nowhere"));

        Assert.Equal(1, r.ExitCode);
        Assert.Contains("Feed benchmark folder not found", r.Error);
    }
}
