using System.Globalization;
using System.Text;
using NlpPipeline.Core.Analysis;
using NlpPipeline.Core.Labels;
using NlpPipeline.IntegrationTests.Infrastructure;
using NlpPipeline.Storage;

namespace NlpPipeline.IntegrationTests.Analysis;

/// <summary>The incrementally kept weekly aggregates always equal a recomputation from the predictions.</summary>
public sealed class WeeklyAggregatesTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static readonly WeeklyQuery[] Queries =
    [
        .. from version in new[] { HandMadeStore.V1, HandMadeStore.V2 }
           from grouping in Enum.GetValues<SeriesGrouping>()
           from undated in new[] { false, true }
           select new WeeklyQuery(version, grouping, null, undated, null, null),
        new WeeklyQuery(HandMadeStore.V1, SeriesGrouping.Outlet, Language.Russian, false, null, null),
        new WeeklyQuery(HandMadeStore.V1, SeriesGrouping.None, null, true, new Week(2022, 2), new Week(2022, 2)),
    ];

    [Fact]
    public async Task Aggregates_AfterBatchesReclassificationAndSecondVersion_EqualFullRecomputation()
    {
        using var db = NlpDatabase.Open(_dir.File("nlp.db"));
        var store = HandMadeStore.Create(db);
        HandMadeStore.RegisterModel(db, HandMadeStore.V2);
        var predictions = new PredictionStore(db);
        var v1 = store.V1Scores();
        // Several classify batches, one passage of a document at a time.
        predictions.Save([v1[0]]);
        predictions.Save([v1[2], v1[4]]);
        predictions.Save([v1[1], v1[3], v1[5]]);
        // The same version scores two passages again with other labels (INSERT OR REPLACE): old labels must leave.
        predictions.Save([(v1[0].Item1, HandMadeStore.Scores(HandMadeStore.V1, Intent.None, Sentiment.Positive, 0.7, Topic.Education)),
                          (v1[5].Item1, HandMadeStore.Scores(HandMadeStore.V1, Intent.Staying, Sentiment.Neutral, -0.05))]);
        // A second version reclassifies part of the corpus.
        predictions.Save(v1.Skip(1).Take(3).Select(s => (s.Item1, HandMadeStore.Scores(HandMadeStore.V2, Intent.Discussion, Sentiment.Negative, -0.9, Topic.Governance))).ToList());

        var aggregates = new WeeklyAggregateStore(db);
        Assert.True(aggregates.IsBuilt);
        var incremental = Queries.Select(q => Describe(aggregates.Read(q))).ToList();
        var scanned = new List<string>();
        foreach (var q in Queries) scanned.Add(await Scan(db, q));
        aggregates.Rebuild();
        var rebuilt = Queries.Select(q => Describe(aggregates.Read(q))).ToList();

        for (var i = 0; i < Queries.Length; i++)
        {
            Assert.Equal(scanned[i], incremental[i]);
            Assert.Equal(scanned[i], rebuilt[i]);
        }
        // The replaced label is gone: v1's W01 has no 'considering' left, and v2 counts three passages.
        Assert.Contains("considering=0", incremental[0]);
        Assert.DoesNotContain("considering=1", incremental[0]);
        Assert.Contains("passages=3", Describe(aggregates.Read(new WeeklyQuery(HandMadeStore.V2, SeriesGrouping.None, null, true, null, null))));
    }

    [Fact]
    public void EnsureBuilt_DatabaseWithPredictionsFromBeforeSchema7_FillsTableOnce()
    {
        var path = _dir.File("old.db");
        using (var db = NlpDatabase.Open(path))
        {
            var store = HandMadeStore.Create(db);
            new PredictionStore(db).Save(store.V1Scores().ToList());
        }
        // What a database migrated from schema 6 looks like: predictions, an empty aggregates table, no key.
        SqliteRows.Query(path, "DELETE FROM weekly_aggregates");
        SqliteRows.Query(path, "DELETE FROM settings WHERE key = 'weekly_aggregates_zone'");

        using (var db = NlpDatabase.Open(path))
        {
            var aggregates = new WeeklyAggregateStore(db);
            Assert.False(aggregates.IsBuilt);
            Assert.True(aggregates.EnsureBuilt());
            Assert.False(aggregates.EnsureBuilt());
            var (tallies, excluded) = aggregates.Read(new WeeklyQuery(HandMadeStore.V1, SeriesGrouping.None, null, false, null, null));
            Assert.Equal(4, tallies[new WeekCell(new Week(2022, 1), null)].Passages);
            Assert.Equal(1, excluded[new WeekCell(new Week(2022, 2), null)]);
        }
    }

    private static async Task<string> Scan(NlpDatabase db, WeeklyQuery q)
    {
        var tallies = new Dictionary<WeekCell, PassageTally>();
        var documents = new Dictionary<WeekCell, HashSet<long>>();
        var excluded = new Dictionary<WeekCell, HashSet<long>>();
        await foreach (var p in new AnalysisQueries(db).ScoredPassagesAsync(q.ModelVersion, q.Language, q.By))
        {
            var week = ResearchCalendar.Almaty.WeekOf(p.When);
            if ((q.From is { } f && week < f) || (q.To is { } t && week > t)) continue;
            var cell = new WeekCell(week, q.By == SeriesGrouping.None ? null : p.Group);
            if (p.DatedByFetch && !q.IncludeUndated)
            {
                (excluded.TryGetValue(cell, out var e) ? e : excluded[cell] = []).Add(p.DocumentId);
                continue;
            }
            var tally = tallies.TryGetValue(cell, out var x) ? x : tallies[cell] = new PassageTally();
            tally.Add(p);
            if ((documents.TryGetValue(cell, out var d) ? d : documents[cell] = []).Add(p.DocumentId)) tally.AddDocuments(1, p.DatedByFetch ? 1 : 0);
        }
        return Describe((tallies, excluded.ToDictionary(kv => kv.Key, kv => (long)kv.Value.Count)));
    }

    /// <summary>Every figure of every cell, in a fixed order, sums to nine decimals.</summary>
    private static string Describe((Dictionary<WeekCell, PassageTally> Tallies, Dictionary<WeekCell, long> Excluded) read)
    {
        var sb = new StringBuilder();
        foreach (var (cell, t) in read.Tallies.OrderBy(kv => kv.Key.Week).ThenBy(kv => kv.Key.Group, StringComparer.Ordinal))
        {
            sb.Append(CultureInfo.InvariantCulture, $"{cell.Week} {cell.Group}: documents={t.Documents} passages={t.Passages} byfetch={t.DatedByFetch} ");
            sb.Append(CultureInfo.InvariantCulture, $"sum={t.ScoreSum:F9} squares={t.ScoreSquares:F9} ");
            foreach (var s in LabelNames.Sentiments.All) sb.Append(CultureInfo.InvariantCulture, $"{s.ToWire()}={t.Count(s)} ");
            foreach (var i in LabelNames.Intents.All) sb.Append(CultureInfo.InvariantCulture, $"{i.ToWire()}={t.Count(i)} ");
            foreach (var x in LabelNames.Topics.All) sb.Append(CultureInfo.InvariantCulture, $"{x.ToWire()}={t.Count(x)} ");
            sb.AppendLine();
        }
        foreach (var (cell, n) in read.Excluded.OrderBy(kv => kv.Key.Week).ThenBy(kv => kv.Key.Group, StringComparer.Ordinal))
            sb.AppendLine(CultureInfo.InvariantCulture, $"{cell.Week} {cell.Group}: excluded={n}");
        return sb.ToString();
    }
}
