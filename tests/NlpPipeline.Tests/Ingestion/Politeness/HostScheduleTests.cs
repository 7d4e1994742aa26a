using NlpPipeline.Ingestion.Politeness;
using Xunit;

namespace NlpPipeline.Tests.Ingestion.Politeness;

public sealed class HostScheduleTests
{
    /// <summary>A clock that moves only when told to.</summary>
    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 1, 5, 3, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public void Reserve_SameHost_SpacesStartsByTheInterval()
    {
        var clock = new ManualClock();
        var schedule = new HostSchedule(TimeSpan.FromSeconds(1), clock);

        Assert.Equal(TimeSpan.Zero, schedule.Reserve("a.example"));
        Assert.Equal(TimeSpan.FromSeconds(1), schedule.Reserve("a.example"));
        Assert.Equal(TimeSpan.FromSeconds(2), schedule.Reserve("a.example"));
        clock.Now += TimeSpan.FromSeconds(10);
        Assert.Equal(TimeSpan.Zero, schedule.Reserve("a.example"));
    }

    [Fact]
    public void MarkSent_RequestLeftLaterThanBooked_NextWaitsAFullIntervalFromWhenItLeft()
    {
        var clock = new ManualClock();
        var schedule = new HostSchedule(TimeSpan.FromSeconds(1), clock);
        Assert.Equal(TimeSpan.Zero, schedule.Reserve("a.example"));   // booked for now, next start booked for +1 s

        clock.Now += TimeSpan.FromMilliseconds(400);                  // the request only leaves 0.4 s later
        schedule.MarkSent("a.example");

        Assert.Equal(TimeSpan.FromSeconds(1), schedule.Reserve("a.example"));
        Assert.Equal(TimeSpan.Zero, schedule.Reserve("b.example"));
    }

    [Fact]
    public void MarkSent_OnTime_DoesNotDelayTheNextBookingFurther()
    {
        var clock = new ManualClock();
        var schedule = new HostSchedule(TimeSpan.FromSeconds(1), clock);
        schedule.Reserve("a.example");
        schedule.MarkSent("a.example");

        Assert.Equal(TimeSpan.FromSeconds(1), schedule.Reserve("a.example"));
        Assert.Equal(TimeSpan.FromSeconds(2), schedule.Reserve("a.example"));
    }

    [Fact]
    public void Reserve_OtherHost_DoesNotWait()
    {
        var schedule = new HostSchedule(TimeSpan.FromSeconds(1), new ManualClock());

        schedule.Reserve("a.example");
        schedule.Reserve("a.example");

        Assert.Equal(TimeSpan.Zero, schedule.Reserve("b.example"));
    }

    [Fact]
    public void SetCrawlDelay_LongerThanInterval_RaisesItIncludingTheSlotAlreadyBooked()
    {
        var schedule = new HostSchedule(TimeSpan.FromSeconds(1), new ManualClock());
        schedule.Reserve("a.example");                     // the robots.txt request, booked with the old interval

        schedule.SetCrawlDelay("a.example", TimeSpan.FromSeconds(5));

        Assert.Equal(TimeSpan.FromSeconds(5), schedule.Reserve("a.example"));
        Assert.Equal(TimeSpan.FromSeconds(10), schedule.Reserve("a.example"));
    }

    [Fact]
    public void SetCrawlDelay_ShorterThanInterval_KeepsTheInterval()
    {
        var schedule = new HostSchedule(TimeSpan.FromSeconds(1), new ManualClock());

        schedule.SetCrawlDelay("a.example", TimeSpan.FromSeconds(0.2));

        Assert.Equal(TimeSpan.FromSeconds(1), schedule.IntervalOf("a.example"));
    }

    [Fact]
    public void Defer_RetryAfter_HoldsTheHostUntilThen()
    {
        var clock = new ManualClock();
        var schedule = new HostSchedule(TimeSpan.FromSeconds(1), clock);

        schedule.Defer("a.example", clock.Now + TimeSpan.FromSeconds(30));

        Assert.Equal(TimeSpan.FromSeconds(30), schedule.Reserve("a.example"));
        Assert.Equal(TimeSpan.Zero, schedule.Reserve("b.example"));
    }

    [Fact]
    public void HostHealth_BacksOffAfterTheLimitOfFailuresInARow()
    {
        var health = new HostHealth(3);

        Assert.False(health.RecordFailure("a.example"));
        Assert.False(health.RecordFailure("a.example"));
        health.RecordSuccess("a.example");                 // a success resets the count
        Assert.False(health.RecordFailure("a.example"));
        Assert.False(health.RecordFailure("a.example"));
        Assert.False(health.IsBackedOff("a.example"));
        Assert.True(health.RecordFailure("a.example"));
        Assert.True(health.IsBackedOff("a.example"));
        Assert.False(health.IsBackedOff("b.example"));
        Assert.Equal(["a.example"], health.BackedOffHosts);
    }
}
