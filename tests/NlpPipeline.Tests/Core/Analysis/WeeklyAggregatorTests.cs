using NlpPipeline.Core.Analysis;
using NlpPipeline.Core.Labels;
using Xunit;
using static NlpPipeline.Tests.Core.Analysis.ScoredPassages;

namespace NlpPipeline.Tests.Core.Analysis;

public class WeeklyAggregatorTests
{
    /// <summary>Places undated documents by fetch time, so every sample passage counts.</summary>
    private readonly WeeklyAggregator _aggregator = new(ResearchCalendar.Almaty, includeUndated: true);

    // 2022-W01 (3–9 January): two documents, four passages; document 2 was dated by fetch time.
    // 2022-W03 (17–23 January): one document. 2022-W02 has nothing.
    private static readonly ScoredPassage[] Sample =
    [
        Make(1, "2022-01-02T19:30:00Z", Intent.Considering, [Topic.Jobs, Topic.WagesPrices, Topic.Security], Sentiment.Negative, -0.6),
        Make(1, "2022-01-02T19:30:00Z", Intent.Discussion, [Topic.Jobs, Topic.Security], Sentiment.Neutral, 0.1),
        Make(2, "2022-01-09T17:00:00Z", Intent.None, [Topic.WagesPrices, Topic.Corruption], Sentiment.Negative, -0.5, datedByFetch: true),
        Make(2, "2022-01-09T17:00:00Z", Intent.None, [Topic.Security], Sentiment.Positive, 0.6, datedByFetch: true),
        Make(3, "2022-01-20T06:00:00+06:00", Intent.Departed, [], Sentiment.Positive, 0.8),
    ];

    [Fact]
    public async Task AggregateAsync_SampleWeek_ExactCountsAndMeans()
    {
        var rows = await _aggregator.AggregateAsync(Stream(Sample), null, null, []);
        var w1 = rows[0];

        Assert.Equal(new Week(2022, 1), w1.Week);
        Assert.Equal(2, w1.Documents);
        Assert.Equal(4, w1.Passages);
        Assert.Equal(-0.1, w1.MeanSentiment!.Value, 12);
        Assert.Equal(0.5, w1.ShareNegative!.Value, 12);
        Assert.Equal(1, w1.DatedByFetch);
    }

    [Fact]
    public async Task AggregateAsync_SampleWeek_IntentSharesCoverAllSixIntents()
    {
        var rows = await _aggregator.AggregateAsync(Stream(Sample), null, null, []);
        var shares = rows[0].IntentShares;

        Assert.Equal(6, shares.Count);
        Assert.Equal(0.5, shares[Intent.None]);
        Assert.Equal(0.25, shares[Intent.Discussion]);
        Assert.Equal(0.25, shares[Intent.Considering]);
        Assert.Equal(0.0, shares[Intent.Planning]);
        Assert.Equal(0.0, shares[Intent.Departed]);
        Assert.Equal(0.0, shares[Intent.Staying]);
        Assert.Equal(1.0, rows[2].IntentShares[Intent.Departed]);
    }

    [Fact]
    public async Task AggregateAsync_TopTopics_ByCountThenWireName()
    {
        var rows = await _aggregator.AggregateAsync(Stream(Sample), null, null, []);
        var top = rows[0].TopTopics;

        // security 3, jobs 2, wages_prices 2 (tie: "jobs" < "wages_prices"), corruption 1 (dropped).
        Assert.Equal([Topic.Security, Topic.Jobs, Topic.WagesPrices], top.Select(t => t.Topic));
        Assert.Equal([0.75, 0.5, 0.5], top.Select(t => t.Share));
    }

    [Fact]
    public async Task AggregateAsync_TopTopicsLimit_Respected()
    {
        var rows = await new WeeklyAggregator(ResearchCalendar.Almaty, topTopics: 1, includeUndated: true).AggregateAsync(Stream(Sample), null, null, []);
        Assert.Equal(Topic.Security, Assert.Single(rows[0].TopTopics).Topic);
    }

    [Fact]
    public async Task AggregateAsync_GapBetweenData_EmptyWeekWithNulls()
    {
        var rows = await _aggregator.AggregateAsync(Stream(Sample), null, null, []);

        Assert.Equal([new Week(2022, 1), new Week(2022, 2), new Week(2022, 3)], rows.Select(r => r.Week));
        var gap = rows[1];
        Assert.Equal(0, gap.Documents);
        Assert.Equal(0, gap.Passages);
        Assert.Null(gap.MeanSentiment);
        Assert.Null(gap.ShareNegative);
        Assert.Empty(gap.TopTopics);
        Assert.Equal(0, gap.DatedByFetch);
        Assert.All(gap.IntentShares.Values, s => Assert.Equal(0.0, s));
        Assert.Equal(6, gap.IntentShares.Count);
    }

    [Fact]
    public async Task AggregateAsync_Bounds_ExcludeOutsideAndPadEmptyWeeks()
    {
        var rows = await _aggregator.AggregateAsync(Stream(Sample), new Week(2022, 2), new Week(2022, 4), []);

        Assert.Equal([new Week(2022, 2), new Week(2022, 3), new Week(2022, 4)], rows.Select(r => r.Week));
        Assert.Equal([0, 1, 0], rows.Select(r => r.Passages));
        Assert.Equal(0.8, rows[1].MeanSentiment);
    }

    [Fact]
    public async Task AggregateAsync_BoundsButNoData_EmptyRowsForEveryWeek()
    {
        var rows = await _aggregator.AggregateAsync(Stream(), new Week(2021, 52), new Week(2022, 2), []);
        Assert.Equal([new Week(2021, 52), new Week(2022, 1), new Week(2022, 2)], rows.Select(r => r.Week));
        Assert.All(rows, r => Assert.Null(r.MeanSentiment));
    }

    [Fact]
    public async Task AggregateAsync_NoBoundsNoData_ReturnsEmpty()
    {
        Assert.Empty(await _aggregator.AggregateAsync(Stream(), null, null, []));
    }

    [Fact]
    public async Task AggregateAsync_AlmatyMidnight_DecidesTheWeek()
    {
        var rows = await _aggregator.AggregateAsync(Stream(
            Make(1, "2022-01-02T17:59:00Z"),          // Sunday 23:59 local: 2021-W52
            Make(2, "2022-01-02T18:00:00Z"),          // Monday 00:00 local: 2022-W01
            Make(3, "2022-01-09T18:30:00Z")), null, null, []);   // Monday 00:30 local: 2022-W02

        Assert.Equal([new Week(2021, 52), new Week(2022, 1), new Week(2022, 2)], rows.Select(r => r.Week));
        Assert.Equal([1, 1, 1], rows.Select(r => r.Documents));
    }

    [Fact]
    public async Task AggregateAsync_Events_MarkedOnOverlappingWeeks()
    {
        ResearchEvent[] events =
        [
            new("January unrest", new DateOnly(2022, 1, 5), new DateOnly(2022, 1, 7), null),      // W01 only
            new("Ends on a Monday", new DateOnly(2021, 12, 1), new DateOnly(2022, 1, 10), null),  // W01, W02
            new("Open-ended wave", new DateOnly(2022, 1, 23), null, null),                        // Sunday of W03 onward
            new("Long ago", new DateOnly(2021, 11, 1), new DateOnly(2021, 12, 31), null),         // none
        ];
        var rows = await _aggregator.AggregateAsync(Stream(Sample), null, new Week(2022, 4), events);

        Assert.Equal(["January unrest", "Ends on a Monday"], rows[0].Events);
        Assert.Equal(["Ends on a Monday"], rows[1].Events);
        Assert.Equal(["Open-ended wave"], rows[2].Events);
        Assert.Equal(["Open-ended wave"], rows[3].Events);
    }

    [Fact]
    public async Task AggregateAsync_DatedByFetch_CountedOncePerDocument()
    {
        var rows = await _aggregator.AggregateAsync(Stream(
            Make(7, "2022-03-01T10:00:00Z", datedByFetch: true),
            Make(7, "2022-03-01T10:00:00Z", datedByFetch: true),
            Make(7, "2022-03-01T10:00:00Z", datedByFetch: true),
            Make(8, "2022-03-01T10:00:00Z", datedByFetch: true),
            Make(9, "2022-03-01T10:00:00Z")), null, null, []);

        var row = Assert.Single(rows);
        Assert.Equal(3, row.Documents);
        Assert.Equal(5, row.Passages);
        Assert.Equal(2, row.DatedByFetch);
    }

    [Fact]
    public async Task AggregateAsync_Default_LeavesOutUndatedAndCountsThemByFetchWeek()
    {
        var rows = await new WeeklyAggregator(ResearchCalendar.Almaty).AggregateAsync(Stream(Sample), null, null, []);
        var w1 = rows[0];

        Assert.Equal(1, w1.Documents);
        Assert.Equal(2, w1.Passages);
        Assert.Equal(-0.25, w1.MeanSentiment!.Value, 12);
        Assert.Equal(0, w1.DatedByFetch);
        Assert.Equal(1, w1.UndatedExcluded);
        Assert.Equal(1, rows.Sum(r => r.UndatedExcluded));
        Assert.Equal(3, rows.Count);
    }

    [Fact]
    public async Task AggregateAsync_OnlyUndatedInRange_EmptyWeekWithExcludedCount()
    {
        var rows = await new WeeklyAggregator(ResearchCalendar.Almaty).AggregateAsync(Stream(
            Make(7, "2022-03-01T10:00:00Z", datedByFetch: true),
            Make(7, "2022-03-01T10:00:00Z", datedByFetch: true),
            Make(8, "2022-03-02T10:00:00Z", datedByFetch: true)), null, null, []);

        var row = Assert.Single(rows);
        Assert.Equal(0, row.Documents);
        Assert.Equal(0, row.Passages);
        Assert.Null(row.MeanSentiment);
        Assert.Equal(2, row.UndatedExcluded);
    }
}
