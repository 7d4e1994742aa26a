namespace NlpPipeline.Core.Labels;

/// <summary>
/// The one place where the label strings of LABELS.md are written. Everything that reads or writes
/// labels (corpora, models, the database, exports) goes through these tables.
/// </summary>
public static class LabelNames
{
    public static readonly WireNames<Language> Languages = new([
        (Language.Kazakh, "kk"), (Language.Russian, "ru"), (Language.English, "en"),
        (Language.Mixed, "mixed"), (Language.Other, "other"),
    ]);

    public static readonly WireNames<Intent> Intents = new([
        (Intent.None, "none"), (Intent.Discussion, "discussion"), (Intent.Considering, "considering"),
        (Intent.Planning, "planning"), (Intent.Departed, "departed"), (Intent.Staying, "staying"),
    ]);

    public static readonly WireNames<Topic> Topics = new([
        (Topic.Corruption, "corruption"), (Topic.Governance, "governance"), (Topic.Jobs, "jobs"),
        (Topic.WagesPrices, "wages_prices"), (Topic.Inequality, "inequality"), (Topic.Education, "education"),
        (Topic.HumanRights, "human_rights"), (Topic.Security, "security"), (Topic.EthnicTension, "ethnic_tension"),
        (Topic.LanguagePolicy, "language_policy"), (Topic.Uncertainty, "uncertainty"),
    ]);

    public static readonly WireNames<Sentiment> Sentiments = new([
        (Sentiment.Negative, "negative"), (Sentiment.Neutral, "neutral"), (Sentiment.Positive, "positive"),
    ]);

    public static readonly WireNames<SourceKind> SourceKinds = new([
        (SourceKind.News, "news"), (SourceKind.Social, "social"),
    ]);

    public static string ToWire(this Language v) => Languages.ToWire(v);
    public static string ToWire(this Intent v) => Intents.ToWire(v);
    public static string ToWire(this Topic v) => Topics.ToWire(v);
    public static string ToWire(this Sentiment v) => Sentiments.ToWire(v);
    public static string ToWire(this SourceKind v) => SourceKinds.ToWire(v);
}
