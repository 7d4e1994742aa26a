using NlpPipeline.Core.Domain;
using NlpPipeline.Core.Labels;
using NlpPipeline.Core.Text;
using NlpPipeline.IntegrationTests.Infrastructure;
using NlpPipeline.Storage;

namespace NlpPipeline.IntegrationTests.Analysis;

/// <summary>
/// A small store with known answers, written through the real stores. Sources: kz-news and kz-news2 (outlet
/// "Kaz News", news), kz-tg (outlet "Kaz TG", social). Model v1 scores everything:
/// 2022-W01: document A (kz-news, 4 Jan) ru considering/negative −0.6 [jobs], kk none/neutral 0;
///           document B (kz-tg, 5 Jan) ru planning/negative −0.4 [security, jobs], ru none/positive 0.5.
/// 2022-W02: document C (kz-news2, 11 Jan) en none/negative −0.2.
/// Undated:  document D (kz-tg, fetched 12 Jan, 2022-W02) ru departed/positive 0.3.
/// Duplicate: document E, A's text under another URL (no passages of its own).
/// </summary>
internal sealed class HandMadeStore(string path)
{
    public const string V1 = "v1";
    public const string V2 = "v2";

    public readonly Dictionary<string, List<long>> Passages = [];

    public static HandMadeStore Create(NlpDatabase db)
    {
        var runs = new RunStore(db);
        runs.UpsertSource(new Source("kz-news", "Kaz News", SourceType.Feed, new Uri("https://news.example/rss"), null, SourceKind.News));
        runs.UpsertSource(new Source("kz-news2", "Kaz News", SourceType.Feed, new Uri("https://news.example/en/rss"), null, SourceKind.News));
        runs.UpsertSource(new Source("kz-tg", "Kaz TG", SourceType.Telegram, new Uri("https://t.me/s/kaztg"), null, SourceKind.Social));
        var store = new HandMadeStore(db.Path);
        var docs = new DocumentStore(db);
        store.Save(docs, "A", "kz-news", "2022-01-04T10:00:00+06:00", [("Жұмыс жоқ, кетуді ойлап жүрміз деп жазды оқырман.", Language.Russian), ("Ауылда жаңа мектеп ашылды.", Language.Kazakh)]);
        store.Save(docs, "B", "kz-tg", "2022-01-05T12:00:00+06:00", [("Собираю документы на переезд в Польшу, весной уезжаем.", Language.Russian), ("Сегодня в городе открыли новый парк.", Language.Russian)]);
        store.Save(docs, "C", "kz-news2", "2022-01-11T09:00:00+06:00", [("Fuel prices rose again this week in Almaty.", Language.English)]);
        store.Save(docs, "D", "kz-tg", null, [("Мы уже полгода живём в Казани, всё хорошо.", Language.Russian)], fetched: "2022-01-12T08:00:00+06:00");
        var dup = store.Save(docs, "E", "kz-news", "2022-01-04T11:00:00+06:00", [("Жұмыс жоқ, кетуді ойлап жүрміз деп жазды оқырман.", Language.Russian), ("Ауылда жаңа мектеп ашылды.", Language.Kazakh)]);
        if (dup.Status != SaveStatus.Duplicate) throw new InvalidOperationException("document E should be a duplicate of A");
        RegisterModel(db, V1);
        return store;
    }

    public static void RegisterModel(NlpDatabase db, string version) =>
        new PredictionStore(db).RegisterModel(new ModelRecord(version, DateTimeOffset.Parse("2026-01-01T00:00:00Z"), "sha", 0.5, "{}"));

    /// <summary>v1's labels for every passage, in the order A0, A1, B0, B1, C0, D0.</summary>
    public IReadOnlyList<(long, PassageScores)> V1Scores() =>
    [
        (Passages["A"][0], Scores(V1, Intent.Considering, Sentiment.Negative, -0.6, Topic.Jobs)),
        (Passages["A"][1], Scores(V1, Intent.None, Sentiment.Neutral, 0)),
        (Passages["B"][0], Scores(V1, Intent.Planning, Sentiment.Negative, -0.4, Topic.Security, Topic.Jobs)),
        (Passages["B"][1], Scores(V1, Intent.None, Sentiment.Positive, 0.5)),
        (Passages["C"][0], Scores(V1, Intent.None, Sentiment.Negative, -0.2)),
        (Passages["D"][0], Scores(V1, Intent.Departed, Sentiment.Positive, 0.3)),
    ];

    private SaveOutcome Save(DocumentStore docs, string name, string source, string? published, (string Text, Language Language)[] passages, string? fetched = null)
    {
        var url = new Uri($"https://{source}.example/{name.ToLowerInvariant()}");
        var publishedAt = published is null ? (DateTimeOffset?)null : DateTimeOffset.Parse(published);
        var fetchedAt = fetched is not null ? DateTimeOffset.Parse(fetched) : publishedAt!.Value.AddHours(1);
        var document = new Document(url, url, source, fetchedAt, publishedAt, name, passages.Select(p => p.Text).ToList());
        var outcome = docs.Save(document, passages.Select((p, i) => new Passage(i, p.Text, p.Language, 1)).ToList(), new LanguageGuess(passages[0].Language, 1), null);
        Passages[name] = SqliteRows.Query(path, $"SELECT id FROM passages WHERE document_id = {outcome.DocumentId} ORDER BY ordinal")
            .Select(r => (long)r["id"]!).ToList();
        return outcome;
    }

    /// <summary>Scores whose sentiment score (P(positive) − P(negative)) is exactly <paramref name="score"/>.</summary>
    public static PassageScores Scores(string version, Intent intent, Sentiment sentiment, double score, params Topic[] topics)
    {
        var rest = (1 - Math.Abs(score)) / 4;
        var pos = (float)(Math.Max(score, 0) + rest);
        var neg = (float)(Math.Max(-score, 0) + rest);
        return new PassageScores(version, intent,
            LabelNames.Intents.All.ToDictionary(i => i, i => i == intent ? 0.9f : 0.02f),
            topics, LabelNames.Topics.All.ToDictionary(t => t, t => topics.Contains(t) ? 0.8f : 0.05f),
            sentiment, new Dictionary<Sentiment, float> { [Sentiment.Negative] = neg, [Sentiment.Positive] = pos, [Sentiment.Neutral] = 1 - pos - neg });
    }
}
