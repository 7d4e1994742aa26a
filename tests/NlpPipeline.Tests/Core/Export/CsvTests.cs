using NlpPipeline.Core.Export;
using Xunit;

namespace NlpPipeline.Tests.Core.Export;

public class CsvTests
{
    [Theory]
    [InlineData(null, "")]
    [InlineData("", "")]
    [InlineData("plain", "plain")]
    [InlineData("Алматы", "Алматы")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("\"", "\"\"\"\"")]
    [InlineData("line\nbreak", "\"line\nbreak\"")]
    [InlineData("cr\rhere", "\"cr\rhere\"")]
    [InlineData("semi;colon", "semi;colon")]
    [InlineData(" padded ", " padded ")]
    public void Field_Value_QuotedPerRfc4180(string? value, string expected)
    {
        Assert.Equal(expected, Csv.Field(value));
    }

    [Theory]
    [InlineData(null, "")]
    [InlineData(0.0, "0")]
    [InlineData(-0.1, "-0.1")]
    [InlineData(0.25, "0.25")]
    [InlineData(0.123449, "0.1234")]
    [InlineData(0.66666666, "0.6667")]
    [InlineData(1234.5, "1234.5")]
    public void Number_Value_InvariantFourDecimals(double? value, string expected)
    {
        Assert.Equal(expected, Csv.Number(value));
    }

    [Fact]
    public void Line_Fields_JoinedWithCommasAndQuoted()
    {
        Assert.Equal("a,\"b,c\",,\"d \"\"e\"\"\"", Csv.Line(["a", "b,c", "", "d \"e\""]));
    }
}
