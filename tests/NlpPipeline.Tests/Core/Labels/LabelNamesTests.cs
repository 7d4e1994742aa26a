using NlpPipeline.Core.Labels;
using Xunit;

namespace NlpPipeline.Tests.Core.Labels;

public class LabelNamesTests
{
    // LABELS.md, copied by hand: if a table in code drifts from the specification, these fail.
    private static readonly string[] SpecLanguages = ["kk", "ru", "en", "mixed", "other"];
    private static readonly string[] SpecIntents = ["none", "discussion", "considering", "planning", "departed", "staying"];
    private static readonly string[] SpecTopics =
    [
        "corruption", "governance", "jobs", "wages_prices", "inequality", "education",
        "human_rights", "security", "ethnic_tension", "language_policy", "uncertainty",
    ];
    private static readonly string[] SpecSentiments = ["negative", "neutral", "positive"];
    private static readonly string[] SpecSourceKinds = ["news", "social"];

    [Fact]
    public void Languages_EveryMember_HasOneWireNameMatchingSpec() => AssertTable(LabelNames.Languages, SpecLanguages);

    [Fact]
    public void Intents_EveryMember_HasOneWireNameMatchingSpec() => AssertTable(LabelNames.Intents, SpecIntents);

    [Fact]
    public void Topics_EveryMember_HasOneWireNameMatchingSpec() => AssertTable(LabelNames.Topics, SpecTopics);

    [Fact]
    public void Sentiments_EveryMember_HasOneWireNameMatchingSpec() => AssertTable(LabelNames.Sentiments, SpecSentiments);

    [Fact]
    public void SourceKinds_EveryMember_HasOneWireNameMatchingSpec() => AssertTable(LabelNames.SourceKinds, SpecSourceKinds);

    [Fact]
    public void ToWire_ExtensionMethods_GiveSpecNames()
    {
        Assert.Equal("kk", Language.Kazakh.ToWire());
        Assert.Equal("mixed", Language.Mixed.ToWire());
        Assert.Equal("staying", Intent.Staying.ToWire());
        Assert.Equal("wages_prices", Topic.WagesPrices.ToWire());
        Assert.Equal("human_rights", Topic.HumanRights.ToWire());
        Assert.Equal("language_policy", Topic.LanguagePolicy.ToWire());
        Assert.Equal("negative", Sentiment.Negative.ToWire());
        Assert.Equal("social", SourceKind.Social.ToWire());
    }

    [Theory]
    [InlineData("KK")]
    [InlineData("Kk")]
    [InlineData("kz")]
    [InlineData("kk ")]
    [InlineData("")]
    [InlineData("Kazakh")]
    public void TryParseLanguage_UnknownOrCaseVariant_ReturnsFalse(string name)
    {
        Assert.False(LabelNames.Languages.TryParse(name, out _));
    }

    [Theory]
    [InlineData("Departed")]
    [InlineData("DEPARTED")]
    [InlineData("leaving")]
    [InlineData("Staying")]
    public void TryParseIntent_UnknownOrCaseVariant_ReturnsFalse(string name)
    {
        Assert.False(LabelNames.Intents.TryParse(name, out _));
    }

    [Theory]
    [InlineData("WagesPrices")]
    [InlineData("wages-prices")]
    [InlineData("Jobs")]
    [InlineData("economy")]
    public void TryParseTopic_UnknownOrCaseVariant_ReturnsFalse(string name)
    {
        Assert.False(LabelNames.Topics.TryParse(name, out _));
    }

    [Fact]
    public void TryParse_Null_ReturnsFalse()
    {
        Assert.False(LabelNames.Sentiments.TryParse(null, out _));
    }

    [Fact]
    public void TryParse_ExactName_ReturnsMember()
    {
        Assert.True(LabelNames.Intents.TryParse("considering", out var intent));
        Assert.Equal(Intent.Considering, intent);
        Assert.True(LabelNames.Topics.TryParse("ethnic_tension", out var topic));
        Assert.Equal(Topic.EthnicTension, topic);
    }

    [Fact]
    public void Parse_UnknownName_ThrowsFormatExceptionListingLabels()
    {
        var ex = Assert.Throws<FormatException>(() => LabelNames.Sentiments.Parse("Negative"));
        Assert.Contains("'Negative'", ex.Message);
        Assert.Contains("negative, neutral, positive", ex.Message);
    }

    [Fact]
    public void Parse_UnknownTopic_MessageListsEveryTopic()
    {
        var ex = Assert.Throws<FormatException>(() => LabelNames.Topics.Parse("economy"));
        Assert.All(SpecTopics, t => Assert.Contains(t, ex.Message));
    }

    private static void AssertTable<T>(WireNames<T> table, string[] spec) where T : struct, Enum
    {
        var members = Enum.GetValues<T>();
        var wire = members.Select(table.ToWire).ToList();
        Assert.Equal(members.Length, wire.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(spec.Order(StringComparer.Ordinal), wire.Order(StringComparer.Ordinal));
        Assert.Equal(spec, table.Names);                                   // the table keeps LABELS.md's order
        foreach (var m in members) Assert.Equal(m, table.Parse(table.ToWire(m)));
    }
}
