using NlpPipeline.Classification.Features;

namespace NlpPipeline.Tests.Classification;

public sealed class DistinctCounterTests
{
    private static (int[] Distinct, float[] Counts) Count(DistinctCounter counter, int[] keys)
    {
        var distinct = new int[keys.Length];
        var counts = new float[keys.Length];
        var n = counter.Count(keys, distinct, counts);
        return (distinct[..n], counts[..n]);
    }

    [Fact]
    public void Count_RepeatedKeys_EachOnceInTheOrderFirstMetWithItsCount()
    {
        var (distinct, counts) = Count(new DistinctCounter(), [5, 3, 5, 1_048_575, 3, 5, 0]);
        Assert.Equal([5, 3, 1_048_575, 0], distinct);
        Assert.Equal([3f, 2f, 1f, 1f], counts);
    }

    [Fact]
    public void Count_EmptyRun_NoKeys() => Assert.Empty(Count(new DistinctCounter(), []).Distinct);

    /// <summary>
    /// One counter over many runs, short and long (its table grows, and entries a longer run left behind must read as
    /// empty in the next), of scattered slots and of consecutive feature indices: always what grouping the run gives.
    /// </summary>
    [Fact]
    public void Count_ManyRunsOfEverySize_SameAsGroupingEachRun()
    {
        var random = new Random(5);
        var counter = new DistinctCounter();
        foreach (var length in new[] { 1, 2, 700, 3, 5000, 17, 0, 900, 64, 20_000, 1, 650 })
        {
            var range = random.Next(2) == 0 ? 1 << 20 : Math.Max(1, length / 3);   // scattered slots, or few values many times
            var offset = random.Next(1000);
            var keys = Enumerable.Range(0, length).Select(_ => offset + random.Next(range)).ToArray();
            var (distinct, counts) = Count(counter, keys);
            var expected = keys.GroupBy(k => k).ToList();   // GroupBy keeps the order keys were first met
            Assert.Equal(expected.Select(g => g.Key), distinct);
            Assert.Equal(expected.Select(g => (float)g.Count()), counts);
        }
    }
}
