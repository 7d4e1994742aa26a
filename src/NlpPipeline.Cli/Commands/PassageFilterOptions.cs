using System.CommandLine;
using NlpPipeline.Cli.Settings;
using NlpPipeline.Core.Analysis;
using NlpPipeline.Core.Labels;
using NlpPipeline.Storage;
using NlpPipeline.Storage.Search;

namespace NlpPipeline.Cli.Commands;

/// <summary>The filters `nlp query` and `nlp export passages|documents` share, and the model whose labels they use.</summary>
internal sealed class PassageFilterOptions
{
    public Option<string?> Text { get; } = new("--text")
    {
        Description = "Full-text search: every word must occur (case, Latin accents, Kazakh letters and ё folded: 'қазақ' finds 'казак'); " +
                      "\"quoted words\" form a phrase; a word ending in * matches words it starts ('көш*'). Nothing else is syntax.",
        HelpName = "TEXT",
    };

    public Option<Language?> Language { get; } = OptionParsers.Language();
    public Option<Intent?> Intent { get; } = OptionParsers.Label("--intent", LabelNames.Intents, "Only passages the model labelled with this intent");
    public Option<Topic?> Topic { get; } = OptionParsers.Label("--topic", LabelNames.Topics, "Only passages the model tagged with this topic");
    public Option<Sentiment?> Sentiment { get; } = OptionParsers.Label("--sentiment", LabelNames.Sentiments, "Only passages the model labelled with this sentiment");
    public Option<DateOnly?> From { get; } = OptionParsers.Date("--from", "First publication day (in the research time zone, --time-zone); documents without a trusted date are left out");
    public Option<DateOnly?> To { get; } = OptionParsers.Date("--to", "Last publication day (in the research time zone), inclusive; documents without a trusted date are left out");
    public Option<string?> Source { get; } = new("--source") { Description = "Only documents of this source id", HelpName = "ID" };
    public Option<string?> ModelVersion { get; } = new("--model-version")
    {
        Description = "Labels from this model version (default: the latest model that has scored passages)",
        HelpName = "VERSION",
    };

    public SettingOption TimeZone { get; } = new(SettingCatalog.ReportTimeZone, "--time-zone",
        "Time zone (IANA name) of --from/--to and of the local dates and times shown", "ZONE");

    public void AddTo(Command command)
    {
        foreach (Option o in new Option[] { Text, Language, Intent, Topic, Sentiment, From, To, Source, ModelVersion, TimeZone })
            command.Options.Add(o);
    }

    /// <summary>The filter (dates turned into instants in <paramref name="calendar"/>'s zone) and the model, checked against the database.</summary>
    public (PassageFilter Filter, ModelRecord? Model, bool DefaultModel) Read(ParseResult pr, NlpDatabase db, ResearchCalendar calendar)
    {
        var text = pr.GetValue(Text);
        if (text is not null && SearchFolding.ToFtsQuery(text) is null)
            throw new UsageException($"--text: '{text}' has no word to search for (letters or digits).");
        var from = pr.GetValue(From);
        var to = pr.GetValue(To);
        if (from is { } f && to is { } t && f > t) throw new UsageException($"--from {f:yyyy-MM-dd} is after --to {t:yyyy-MM-dd}.");
        var source = pr.GetValue(Source);
        if (source is not null && !new RunStore(db).SourceExists(source))
            throw new UsageException($"--source: no source '{source}' in {db.Path}.");
        var filter = new PassageFilter(text, pr.GetValue(Language), pr.GetValue(Intent), pr.GetValue(Topic), pr.GetValue(Sentiment),
            from is { } start ? calendar.StartOf(start) : null, to is { } end ? calendar.StartOf(end.AddDays(1)) : null, source);
        var predictions = new PredictionStore(db);
        var version = pr.GetValue(ModelVersion);
        var model = version is not null
            ? predictions.FindModel(version) ?? throw new UsageException($"--model-version: model '{version}' is not registered in {db.Path}.")
            : predictions.LatestScoringModel();
        if (model is null && filter.FiltersLabels)
            throw new UsageException($"--intent, --topic and --sentiment need labels, but no model has scored passages in {db.Path} (run nlp classify).");
        return (filter, model, version is null);
    }
}
