using System.Globalization;
using NlpPipeline.Ingestion.Dates;
using Xunit;

namespace NlpPipeline.Tests.Ingestion.Dates;

public sealed class PublishedDateParserTests
{
    private readonly PublishedDateParser _parser = new(UnitFixture.Almaty);

    /// <summary>Local time and offset as written, so a test fails when the offset is lost even if the instant is right.</summary>
    private static string Show(DateTimeOffset d) => d.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private string Parsed(string text)
    {
        Assert.True(_parser.TryParse(text, out var value), $"could not parse \"{text}\"");
        return Show(value);
    }

    [Theory]
    [InlineData("Wed, 05 Jan 2022 14:30:00 +0600", "2022-01-05T14:30:00+06:00")]
    [InlineData("Mon, 03 Mar 2025 10:00:00 +0500", "2025-03-03T10:00:00+05:00")]
    [InlineData("Mon, 03 Mar 2025 10:00:00 -0500", "2025-03-03T10:00:00-05:00")]
    [InlineData("05 Jan 22 14:30 +0600", "2022-01-05T14:30:00+06:00")]
    public void TryParse_Rfc822WithNumericOffset_KeepsWritersOffset(string text, string expected) =>
        Assert.Equal(expected, Parsed(text));

    [Theory]
    [InlineData("Wed, 05 Jan 2022 08:30:00 GMT", "2022-01-05T08:30:00+00:00")]
    [InlineData("Wed, 05 Jan 2022 08:30:00 UT", "2022-01-05T08:30:00+00:00")]
    [InlineData("2022-01-05T08:30:00Z", "2022-01-05T08:30:00+00:00")]
    [InlineData("Mon, 03 Mar 2025 10:00:00 MSK", "2025-03-03T10:00:00+03:00")]
    public void TryParse_NamedZone_UsesThatZonesOffset(string text, string expected) =>
        Assert.Equal(expected, Parsed(text));

    [Theory]
    [InlineData("2022-01-05T14:30:00.123+06:00", "2022-01-05T14:30:00+06:00")]
    [InlineData("2022-01-05T14:30:00.123456+06:00", "2022-01-05T14:30:00+06:00")]
    [InlineData("2025-03-03T10:00:00+05:00", "2025-03-03T10:00:00+05:00")]
    [InlineData("2025-03-03 10:00:00+0500", "2025-03-03T10:00:00+05:00")]
    public void TryParse_Rfc3339_KeepsOffsetAndDropsFraction(string text, string expected) =>
        Assert.Equal(expected, Parsed(text));

    [Theory]
    [InlineData("05.01.2022 14:30", "2022-01-05T14:30:00+06:00")]
    [InlineData("05.01.2025 14:30", "2025-01-05T14:30:00+05:00")]
    [InlineData("29.02.2024 12:00", "2024-02-29T12:00:00+06:00")]
    [InlineData("01.03.2024 00:30", "2024-03-01T00:30:00+05:00")]
    [InlineData("2022-01-05T14:30:00", "2022-01-05T14:30:00+06:00")]
    [InlineData("2022-01-05", "2022-01-05T00:00:00+06:00")]
    public void TryParse_NoOffset_UsesAlmatyRuleForThatDate(string text, string expected) =>
        Assert.Equal(expected, Parsed(text));

    [Fact]
    public void TryParse_NoOffsetWithUtcZone_UsesThatZone()
    {
        var utc = new PublishedDateParser(TimeZoneInfo.Utc);

        Assert.True(utc.TryParse("05.01.2022 14:30", out var value));

        Assert.Equal("2022-01-05T14:30:00+00:00", Show(value));
    }

    [Theory]
    [InlineData("5 января 2022 года, 14:30", "2022-01-05T14:30:00+06:00")]
    [InlineData("5 января 2022", "2022-01-05T00:00:00+06:00")]
    [InlineData("3 марта 2025 10:00", "2025-03-03T10:00:00+05:00")]
    [InlineData("12 мая 2023 г. 09:15", "2023-05-12T09:15:00+06:00")]
    [InlineData("Пн, 03 мар 2025 10:00:00 +0500", "2025-03-03T10:00:00+05:00")]
    [InlineData("Ср, 05 янв 2022 14:30:00 +0600", "2022-01-05T14:30:00+06:00")]
    [InlineData("1 сент. 2023 18:45", "2023-09-01T18:45:00+06:00")]
    [InlineData("31 ДЕКАБРЯ 2025", "2025-12-31T00:00:00+05:00")]
    public void TryParse_RussianMonthNames_ParsesFullAndAbbreviated(string text, string expected) =>
        Assert.Equal(expected, Parsed(text));

    [Theory]
    [InlineData("2022 жылғы 5 қаңтар 14:30", "2022-01-05T14:30:00+06:00")]
    [InlineData("2022 жылғы 5 қаңтар", "2022-01-05T00:00:00+06:00")]
    [InlineData("5 қаңтар 2022", "2022-01-05T00:00:00+06:00")]
    [InlineData("5 қаңтар 2022, 14:30", "2022-01-05T14:30:00+06:00")]
    [InlineData("2025 ж. 12 наурыз", "2025-03-12T00:00:00+05:00")]
    [InlineData("17 желтоқсан 2024 08:00", "2024-12-17T08:00:00+05:00")]
    public void TryParse_KazakhMonthNames_Parses(string text, string expected) =>
        Assert.Equal(expected, Parsed(text));

    [Theory]
    [InlineData("5 qańtar 2022", "2022-01-05T00:00:00+06:00")]
    [InlineData("2022 jylǵy 17 qańtar 12:30", "2022-01-17T12:30:00+06:00")]
    [InlineData("3 naýryz 2025 10:00", "2025-03-03T10:00:00+05:00")]
    [InlineData("12 sáýir 2023", "2023-04-12T00:00:00+06:00")]
    [InlineData("1 maýsym 2022", "2022-06-01T00:00:00+06:00")]
    [InlineData("9 qyrkúiek 2022", "2022-09-09T00:00:00+06:00")]
    [InlineData("25 qazan 2022", "2022-10-25T00:00:00+06:00")]
    [InlineData("16 jeltoqsan 2021", "2021-12-16T00:00:00+06:00")]
    public void TryParse_KazakhLatinMonthNames_Parses(string text, string expected) =>
        Assert.Equal(expected, Parsed(text));

    [Theory]
    [InlineData("1970-01-01T00:00:00Z", "1970-01-01T00:00:00+00:00")]
    [InlineData("2099-12-31", "2099-12-31T00:00:00+05:00")]
    [InlineData("1900-01-01 00:00 +0600", "1900-01-01T00:00:00+06:00")]
    public void TryParse_ImplausibleButRealDate_ParsedSoItCanBeFlagged(string text, string expected) =>
        Assert.Equal(expected, Parsed(text));

    [Theory]
    [InlineData("0000-00-00 00:00:00")]
    [InlineData("0001-01-01T00:00:00+06:00")]
    [InlineData("1 января 0001")]
    public void TryParse_ZeroOrYearOne_ReturnsFalse(string text) =>
        Assert.False(_parser.TryParse(text, out _));

    [Theory]
    [InlineData("January 5, 2022", "2022-01-05T00:00:00+06:00")]
    [InlineData("Jan 5, 2022 14:30", "2022-01-05T14:30:00+06:00")]
    [InlineData("5 January 2022", "2022-01-05T00:00:00+06:00")]
    [InlineData("March 3rd, 2025 10:00 UTC", "2025-03-03T10:00:00+00:00")]
    public void TryParse_EnglishMonthNames_Parses(string text, string expected) =>
        Assert.Equal(expected, Parsed(text));

    [Theory]
    [InlineData("31.02.2022")]
    [InlineData("29.02.2023")]
    [InlineData("2022-13-01")]
    [InlineData("05.01.2022 25:00")]
    [InlineData("05.01.2022 14:75")]
    [InlineData("5 smarch 2022")]
    [InlineData("soon")]
    [InlineData("вчера")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void TryParse_Invalid_ReturnsFalse(string? text)
    {
        Assert.False(_parser.TryParse(text, out var value));
        Assert.Equal(default, value);
    }

    [Theory]
    [InlineData("5 января, 14:30")]
    [InlineData("5 қаңтар, 14:30")]
    public void TryParse_DayAndMonthWithoutYearThenTime_ReturnsFalse(string text)
    {
        // The hour must not be read as a two-digit year ("14" → 2014).
        var parsed = _parser.TryParse(text, out var value);

        Assert.False(parsed, $"read as {Show(value)}");
    }

    [Fact]
    public void TryParse_SurroundingText_FindsDateAndTime()
    {
        Assert.Equal("2022-01-05T14:30:00+06:00", Parsed("  Опубликовано: 05.01.2022 в 14:30  "));
    }
}
