using NlpPipeline.Storage;

namespace NlpPipeline.IntegrationTests.Storage;

/// <summary>The pending band rows' own hash table answers as a plain dictionary of key → documents would: rows, counts of
/// shared keys and sorted rows, through several doublings of the table, with keys shared between documents, a key twice
/// in one document, and the key 0.</summary>
public sealed class PendingBandsTests
{
    [Fact]
    public void AddCountSharedSorted_SameAsPlainDictionary_ThroughGrowthAndClear()
    {
        var random = new Random(3);
        var pending = new PendingBands();
        for (var round = 0; round < 2; round++)
        {
            var reference = new Dictionary<long, List<long>>();
            var rows = new HashSet<(long, long)>();
            var used = new List<long> { 0 };
            for (var document = 1L; document <= 3_000; document++)
            {
                var keys = Enumerable.Range(0, 24).Select(_ => random.Next(4) == 0 ? used[random.Next(used.Count)] : random.NextInt64(long.MinValue, long.MaxValue)).ToList();
                pending.Add(document, keys);
                foreach (var key in keys)
                {
                    used.Add(key);
                    if (!rows.Add((key, document))) continue;
                    if (!reference.TryGetValue(key, out var list)) reference[key] = list = [];
                    list.Add(document);
                }
                if (document % 500 != 0) continue;
                var probe = Enumerable.Range(0, 24).Select(_ => random.Next(2) == 0 ? used[random.Next(used.Count)] : random.NextInt64()).ToList();
                var shared = new Dictionary<long, int>();
                pending.CountShared(probe, shared);
                var expected = new Dictionary<long, int>();
                foreach (var key in probe.Distinct())
                    if (reference.TryGetValue(key, out var documents))
                        foreach (var d in documents) expected[d] = expected.GetValueOrDefault(d) + 1;
                Assert.Equal(expected.OrderBy(x => x.Key), shared.OrderBy(x => x.Key));
            }
            Assert.Equal(rows.Count, pending.Count);
            Assert.Equal(rows.Order().ToArray(), pending.Sorted().Select(r => (r.Key, r.DocumentId)).ToArray());
            pending.Clear();
            Assert.Equal(0, pending.Count);
        }
    }

    /// <summary>Enough rows for <see cref="PendingBands.Sorted"/> to sort two halves on two threads and merge them: the same
    /// rows in the same order as sorting all of them by key, then document id, with many keys shared between documents (so
    /// rows of one key fall in both halves) and extreme keys.</summary>
    [Fact]
    public void Sorted_PastTheParallelThreshold_TwoHalvesMerged_SameOrderAsOneSort()
    {
        var random = new Random(11);
        var pending = new PendingBands();
        var rows = new HashSet<(long, long)>();
        var shared = new[] { long.MinValue, long.MaxValue, 0L, -1L, 1L }.Concat(Enumerable.Range(0, 200).Select(_ => random.NextInt64(long.MinValue, long.MaxValue))).ToArray();
        for (var document = 1L; rows.Count < 2 * PendingBands.ParallelSortRows; document++)
        {
            var keys = Enumerable.Range(0, 24).Select(_ => random.Next(3) == 0 ? shared[random.Next(shared.Length)] : random.NextInt64(long.MinValue, long.MaxValue)).ToList();
            pending.Add(document, keys);
            foreach (var key in keys) rows.Add((key, document));
        }
        var sorted = pending.Sorted();
        Assert.Equal(rows.Count, sorted.Count);
        Assert.Equal(rows.Order().ToArray(), sorted.Select(r => (r.Key, r.DocumentId)).ToArray());
        Assert.Equal(rows.Count, pending.Count);   // sorting a copy: the pending rows stay for look-ups until they are cleared
        var probe = new Dictionary<long, int>();
        pending.CountShared([shared[0]], probe);
        Assert.Equal(rows.Count(r => r.Item1 == shared[0]), probe.Count);
    }
}
