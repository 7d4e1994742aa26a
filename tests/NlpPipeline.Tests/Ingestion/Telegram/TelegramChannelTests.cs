using NlpPipeline.Ingestion.Telegram;

namespace NlpPipeline.Tests.Ingestion.Telegram;

public sealed class TelegramChannelTests
{
    [Theory]
    [InlineData("https://t.me/s/vlastkz", "vlastkz", "https://t.me/s/vlastkz", "https://t.me/vlastkz/42")]
    [InlineData("https://t.me/s/vlastkz/", "vlastkz", "https://t.me/s/vlastkz", "https://t.me/vlastkz/42")]
    [InlineData("http://127.0.0.1:5123/s/dala_zhanalyq", "dala_zhanalyq", "http://127.0.0.1:5123/s/dala_zhanalyq", "http://127.0.0.1:5123/dala_zhanalyq/42")]
    [InlineData("https://mirror.example/tg/s/Orda_KZ?embed=1", "Orda_KZ", "https://mirror.example/tg/s/Orda_KZ", "https://mirror.example/tg/Orda_KZ/42")]
    public void TryParse_PreviewUrl_GivesNamePagesAndPostUrls(string url, string name, string preview, string post)
    {
        Assert.True(TelegramChannel.TryParse(new Uri(url), out var channel));

        Assert.Equal(name, channel.Name);
        Assert.Equal(new Uri(preview), channel.PreviewUrl);
        Assert.Equal(new Uri(post), channel.PostUrl(42));
        Assert.Equal(new Uri(preview + "?before=42"), channel.PageUrl(42));
        Assert.Equal(new Uri(preview), channel.PageUrl(null));
    }

    [Theory]
    [InlineData("https://t.me/vlastkz")]
    [InlineData("https://t.me/s/")]
    [InlineData("https://t.me/s/bad-name")]
    [InlineData("file:///tmp/s/vlastkz")]
    public void TryParse_NotAPreviewUrl_False(string url) => Assert.False(TelegramChannel.TryParse(new Uri(url), out _));
}
