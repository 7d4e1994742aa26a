using NlpPipeline.Ingestion.Telegram;

namespace NlpPipeline.Tests.Ingestion.Telegram;

public sealed class ViewCountTests
{
    [Theory]
    [InlineData("987", 987L)]
    [InlineData("1.2K", 1_200L)]
    [InlineData("12.5K", 12_500L)]
    [InlineData("2K", 2_000L)]
    [InlineData("3,4M", 3_400_000L)]
    [InlineData("1.05M", 1_050_000L)]
    [InlineData(" 4.1K ", 4_100L)]
    [InlineData("1 234", 1_234L)]
    [InlineData("12,345", 12_345L)]
    [InlineData("2.5к", 2_500L)]
    public void Parse_ShownCounter_GivesViews(string shown, long views) => Assert.Equal(views, ViewCount.Parse(shown));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("views")]
    [InlineData("K")]
    [InlineData("-5")]
    public void Parse_NotACounter_GivesNull(string? shown) => Assert.Null(ViewCount.Parse(shown));
}
