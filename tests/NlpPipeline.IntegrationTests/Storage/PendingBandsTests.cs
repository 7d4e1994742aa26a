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
}
