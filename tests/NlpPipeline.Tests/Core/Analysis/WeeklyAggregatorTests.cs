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
        Assert.Equal(-0.1, w1.Tally.MeanSentiment!.Value, 12);
        Assert.Equal(new Share(2, 4), w1.Tally.Share(Sentiment.Negative));
        Assert.Equal(new Share(1, 4), w1.Tally.Share(Sentiment.Positive));
        Assert.Equal(1, w1.Tally.DatedByFetch);
    }

    [Fact]
    public async Task AggregateAsync_SampleWeek_MeanIntervalIsStudentT()
    {
        var rows = await _aggregator.AggregateAsync(Stream(Sample), null, null, []);
        var m = rows[0].Tally.MeanSentiment!;

        // scores -0.6, 0.1, -0.5, 0.6: mean -0.1, sample sd 0.5597619, t(0.975, 3) = 3.1824463.
        Assert.Equal(4, m.N);
        Assert.Equal(-0.1 - 3.1824463 * 0.5597619 / 2, m.Low!.Value, 6);
        Assert.Equal(-0.1 + 3.1824463 * 0.5597619 / 2, m.High!.Value, 6);
        Assert.Null(rows[2].Tally.MeanSentiment!.Low);   // one passage: no interval
    }

    [Fact]
    public async Task AggregateAsync_SampleWeek_IntentSharesAreOfEmigrationRelatedPassages()
    {
        var rows = await _aggregator.AggregateAsync(Stream(Sample), null, null, []);
        var t = rows[0].Tally;

        Assert.Equal(new Share(2, 4), t.ShareEmigrationRelated);
        Assert.Equal(new Share(1, 2), t.ShareAmongRelated(Intent.Discussion));
        Assert.Equal(new Share(1, 2), t.ShareAmongRelated(Intent.Considering));
        Assert.Equal(new Share(0, 2), t.ShareAmongRelated(Intent.Planning));
        Assert.Equal(0.0, t.ShareAmongRelated(Intent.Staying).Ratio);
        Assert.Equal(1.0, rows[2].Tally.ShareAmongRelated(Intent.Departed).Ratio);
        Assert.Throws<ArgumentException>(() => t.ShareAmongRelated(Intent.None));
    }

    [Fact]
    public async Task AggregateAsync_TopicShares_OfTheWeeksPassages()
    {
        var rows = await _aggregator.AggregateAsync(Stream(Sample), null, null, []);
        var t = rows[0].Tally;

        Assert.Equal(new Share(3, 4), t.Share(Topic.Security));
        Assert.Equal(new Share(2, 4), t.Share(Topic.Jobs));
        Assert.Equal(new Share(2, 4), t.Share(Topic.WagesPrices));
        Assert.Equal(new Share(1, 4), t.Share(Topic.Corruption));
        Assert.Equal(new Share(0, 4), t.Share(Topic.Education));
    }

    [Fact]
    public async Task AggregateAsync_Grouped_OneRowPerWeekAndGroupDocumentsPerGroup()
    {
        var rows = await new WeeklyAggregator(ResearchCalendar.Almaty, grouped: true).AggregateAsync(Stream(
            Make(1, "2022-01-04T10:00:00Z") with { Group = "ru" },
            Make(1, "2022-01-04T10:00:00Z") with { Group = "kk" },
            Make(2, "2022-01-05T10:00:00Z") with { Group = "ru" },
            Make(3, "2022-01-19T10:00:00Z") with { Group = "ru" }), null, null, []);

        Assert.Equal([(new Week(2022, 1), "kk"), (new Week(2022, 1), "ru"), (new Week(2022, 2), "kk"), (new Week(2022, 2), "ru"), (new Week(2022, 3), "kk"), (new Week(2022, 3), "ru")],
            rows.Select(r => (r.Week, r.Group!)));
        Assert.Equal([1L, 2, 0, 0, 0, 1], rows.Select(r => r.Documents));
        Assert.Equal([1L, 2, 0, 0, 0, 1], rows.Select(r => r.Passages));
    }

    [Fact]
    public async Task AggregateAsync_GapBetweenData_EmptyWeekWithNulls()
    {
        var rows = await _aggregator.AggregateAsync(Stream(Sample), null, null, []);

        Assert.Equal([new Week(2022, 1), new Week(2022, 2), new Week(2022, 3)], rows.Select(r => r.Week));
        var gap = rows[1];
        Assert.Equal(0, gap.Documents);
        Assert.Equal(0, gap.Passages);
        Assert.Null(gap.Tally.MeanSentiment);
        Assert.Null(gap.Tally.Share(Sentiment.Negative).Ratio);
        Assert.Null(gap.Tally.Share(Topic.Jobs).Ratio);
        Assert.Equal(0, gap.Tally.DatedByFetch);
        Assert.Null(gap.Tally.ShareAmongRelated(Intent.Planning).Ratio);
    }

    [Fact]
    public async Task AggregateAsync_Bounds_ExcludeOutsideAndPadEmptyWeeks()
    {
        var rows = await _aggregator.AggregateAsync(Stream(Sample), new Week(2022, 2), new Week(2022, 4), []);

        Assert.Equal([new Week(2022, 2), new Week(2022, 3), new Week(2022, 4)], rows.Select(r => r.Week));
        Assert.Equal([0L, 1, 0], rows.Select(r => r.Passages));
        Assert.Equal(0.8, rows[1].Tally.MeanSentiment!.Value);
    }

    [Fact]
    public async Task AggregateAsync_BoundsButNoData_EmptyRowsForEveryWeek()
    {
        var rows = await _aggregator.AggregateAsync(Stream(), new Week(2021, 52), new Week(2022, 2), []);
        Assert.Equal([new Week(2021, 52), new Week(2022, 1), new Week(2022, 2)], rows.Select(r => r.Week));
        Assert.All(rows, r => Assert.Null(r.Tally.MeanSentiment));
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
        Assert.Equal([1L, 1, 1], rows.Select(r => r.Documents));
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
        Assert.Equal(2, row.Tally.DatedByFetch);
    }

    [Fact]
    public async Task AggregateAsync_Default_LeavesOutUndatedAndCountsThemByFetchWeek()
    {
        var rows = await new WeeklyAggregator(ResearchCalendar.Almaty).AggregateAsync(Stream(Sample), null, null, []);
        var w1 = rows[0];

        Assert.Equal(1, w1.Documents);
        Assert.Equal(2, w1.Passages);
        Assert.Equal(-0.25, w1.Tally.MeanSentiment!.Value, 12);
        Assert.Equal(0, w1.Tally.DatedByFetch);
        Assert.Equal(1, w1.UndatedExcluded);
        Assert.Equal(1L, rows.Sum(r => r.UndatedExcluded));
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
        Assert.Null(row.Tally.MeanSentiment);
        Assert.Equal(2, row.UndatedExcluded);
    }
}
