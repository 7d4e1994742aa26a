using NlpPipeline.Core.Domain;
using NlpPipeline.Core.Labels;
using NlpPipeline.Core.Text;
using NlpPipeline.Storage;
using NlpPipeline.Storage.Search;

namespace NlpPipeline.IntegrationTests.Infrastructure;

/// <summary>
/// A small database with known contents for query, export and schema tests: two sources (news, social),
/// four documents in kk (Cyrillic and Latin), ru and en, one undated, one an exact duplicate, six passages, and two
/// models: <see cref="Latest"/> scored every passage but <see cref="Unscored"/>, <see cref="Older"/> only <see cref="P1"/>.
/// </summary>
public sealed class LabelledStore : IDisposable
{
    public const string Older = "2026-a", Latest = "2026-b";
    public const string News = "kaz-news", Channel = "ru-chan";

    /// <summary>Passage ids by name (P1…P6) and document ids (D1…D5) as stored.</summary>
    public long P1, P2, P3, P4, P5, P6, D1, D2, D3, D4, D5;
    public long Unscored => P6;

    private readonly TempDir _dir = new();

    public string Path => _dir.File("labelled.db");

    public string Folder => _dir.Path;

    public string File(string name) => _dir.File(name);

    public LabelledStore()
    {
        var fetched = new DateTimeOffset(2022, 3, 1, 0, 0, 0, TimeSpan.Zero);
        using var db = NlpDatabase.Open(Path, new ManualClock(fetched));
        var runs = new RunStore(db);
        runs.UpsertSource(new Source(News, "Qazaq Times", SourceType.Feed, new Uri("https://qazaq.example/rss"), Language.Kazakh, SourceKind.News));
        runs.UpsertSource(new Source(Channel, "Канал Степь", SourceType.Telegram, new Uri("https://t.me/s/step"), Language.Russian, SourceKind.Social));
        var docs = new DocumentStore(db);
        // 20:30 UTC on 5 January is 02:30 on 6 January in Almaty (UTC+6 in 2022).
        (D1, var d1) = Save(docs, News, "https://qazaq.example/1", new DateTimeOffset(2022, 1, 5, 20, 30, 0, TimeSpan.Zero), fetched,
            ("Жастар Қазақстаннан көшіп кетуді ойлап жүр, жалақы аз.", Language.Kazakh),
            ("Ауылда жаңа мектеп ашылды, балалар қуанышты.", Language.Kazakh));
        (D2, var d2) = Save(docs, Channel, "https://t.me/step/2", new DateTimeOffset(2022, 1, 20, 10, 0, 0, TimeSpan.FromHours(6)), fetched,
            ("Мы решили уехать из страны: цены растут, ёлки дорогие.", Language.Russian),
            ("В селе живут казак и мой брат, они никуда не едут.", Language.Russian));
        (D3, var d3) = Save(docs, News, "https://qazaq.example/3", null, fetched,
            ("Qazaqstandyq jastar şetelge köşip ketti, young people leave for jobs (AND) better pay.", Language.Kazakh));
        (D4, _) = Save(docs, Channel, "https://t.me/step/4", new DateTimeOffset(2022, 1, 21, 9, 0, 0, TimeSpan.FromHours(6)), fetched,
            ("Мы решили уехать из страны: цены растут, ёлки дорогие.", Language.Russian),
            ("В селе живут казак и мой брат, они никуда не едут.", Language.Russian));
        (D5, var d5) = Save(docs, Channel, "https://t.me/step/5", new DateTimeOffset(2022, 2, 10, 12, 0, 0, TimeSpan.FromHours(6)), fetched,
            ("Соседи тоже хотят уехать весной.", Language.Russian));
        (P1, P2) = (d1[0], d1[1]);
        (P3, P4) = (d2[0], d2[1]);
        P5 = d3[0];
        P6 = d5[0];

        var predictions = new PredictionStore(db);
        predictions.RegisterModel(new ModelRecord(Older, fetched, "sha-a", 0.5, "{}"));
        predictions.Save([(P1, Scores(Older, Intent.Departed, [Topic.Jobs], Sentiment.Neutral))]);
        predictions.RegisterModel(new ModelRecord(Latest, fetched, "sha-b", 0.5, "{}"));
        predictions.Save([
            (P1, Scores(Latest, Intent.Considering, [Topic.WagesPrices], Sentiment.Negative)),
            (P2, Scores(Latest, Intent.None, [Topic.Education], Sentiment.Positive)),
            (P3, Scores(Latest, Intent.Planning, [Topic.WagesPrices, Topic.Uncertainty], Sentiment.Negative)),
            (P4, Scores(Latest, Intent.Staying, [], Sentiment.Neutral)),
            (P5, Scores(Latest, Intent.Departed, [Topic.Jobs], Sentiment.Negative)),
        ]);
        new PassageSearchIndex(db).CatchUp();   // searchable, as ingest leaves a store when it finishes
    }

    /// <summary>
    /// Probabilities: the chosen intent 0.7, the other five 0.06 each; chosen topics 0.8, others 0.1; the chosen
    /// sentiment 0.6 and the other two 0.2 each, so a passage's sentiment score is +0.4, 0 or -0.4.
    /// </summary>
    public static PassageScores Scores(string model, Intent intent, Topic[] topics, Sentiment sentiment) => new(
        model, intent, LabelNames.Intents.All.ToDictionary(i => i, i => i == intent ? 0.7f : 0.06f),
        topics, LabelNames.Topics.All.ToDictionary(t => t, t => topics.Contains(t) ? 0.8f : 0.1f),
        sentiment, LabelNames.Sentiments.All.ToDictionary(s => s, s => s == sentiment ? 0.6f : 0.2f));

    private (long Document, long[] Passages) Save(DocumentStore docs, string source, string url, DateTimeOffset? published,
        DateTimeOffset fetched, params (string Text, Language Language)[] paragraphs)
    {
        var doc = new Document(new Uri(url), new Uri(url), source, fetched, published, "Title", paragraphs.Select(p => p.Text).ToList());
        var passages = paragraphs.Select((p, i) => new Passage(i, p.Text, p.Language, 0.9)).ToList();
        var outcome = docs.Save(doc, passages, new LanguageGuess(paragraphs[0].Language, 0.9), null);
        var ids = SqliteRows.Query(Path, $"SELECT id FROM passages WHERE document_id = {outcome.DocumentId} ORDER BY ordinal")
            .Select(r => (long)r["id"]!).ToArray();
        return (outcome.DocumentId, ids);
    }

    public void Dispose() => _dir.Dispose();
}
