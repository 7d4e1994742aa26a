using System.Collections.Concurrent;
using NlpPipeline.Classification.Training;
using Xunit;

namespace NlpPipeline.Tests.Classification;

/// <summary>The job pool of the cross-validation (and of <c>nlp train</c>'s final fit alongside it): every job once, started in list order (one thread: one after another).</summary>
public sealed class RunInOrderTests
{
    [Fact]
    public void OneThread_RunsTheJobsOneByOneInListOrder()
    {
        var order = new List<int>();
        CrossValidator.RunInOrder(Enumerable.Range(0, 6).Select(j => (Action)(() => order.Add(j))).ToList(), parallelism: 1);
        Assert.Equal(new[] { 0, 1, 2, 3, 4, 5 }, order);
    }

    [Fact]
    public void TwoThreads_RunEveryJobOnce_TwoAtATime()
    {
        var ran = new ConcurrentBag<int>();
        using var firstTwo = new CountdownEvent(2);
        var met = new bool[2];
        var jobs = Enumerable.Range(0, 6).Select(j => (Action)(() =>
        {
            ran.Add(j);
            if (j < 2)
            {
                // The first two jobs start together: each waits (at most 10 s) for the other to start.
                firstTwo.Signal();
                met[j] = firstTwo.Wait(TimeSpan.FromSeconds(10));
            }
        })).ToList();
        CrossValidator.RunInOrder(jobs, parallelism: 2);
        Assert.Equal(Enumerable.Range(0, 6), ran.Order());
        Assert.Equal(new[] { true, true }, met);
    }

    [Fact]
    public void AFailingJob_Surfaces()
    {
        var ex = Assert.Throws<AggregateException>(() =>
            CrossValidator.RunInOrder([() => { }, () => throw new InvalidOperationException("fold 2")], parallelism: 2));
        Assert.Contains(ex.InnerExceptions, e => e.Message == "fold 2");
    }
}
