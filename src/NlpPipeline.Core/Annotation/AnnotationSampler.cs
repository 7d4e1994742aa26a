using NlpPipeline.Core.Domain;
using NlpPipeline.Core.Labels;
using NlpPipeline.Core.Text;

namespace NlpPipeline.Core.Annotation;

public enum SamplingStrategy { Uncertainty, Random, Stratified }

/// <summary>
/// A stored passage that may be sampled: where and when it appeared, the current model's predicted intent and its
/// uncertainty (<see cref="UncertaintyScore"/>'s combined score). Small on purpose, so millions fit in memory; the
/// sampler reads a passage's text only when it considers picking it.
/// </summary>
public sealed record SamplingCandidate(long PassageId, Language Language, string Source, string Period, Intent PredictedIntent, double Uncertainty);

/// <summary>
/// Picks a batch of passages for annotation. Every strategy skips a passage that is a near-copy of one
/// already picked (same content hash, or word 4-shingle Jaccard ≥ 0.5, or one nearly contained in the other:
/// the ingestion rule of <see cref="NearDuplicates"/>, here applied to passages of any length with four or
/// more words), so annotators never label the same text twice.
/// <list type="bullet">
/// <item><c>uncertainty</c>: highest <see cref="UncertaintyScore"/> first; no source may fill more than
/// <see cref="SourceShare"/> of the batch and no week (of publication, else of fetching) more than
/// <see cref="PeriodShare"/> (each at least 2); when the caps leave the batch short (a small or one-source
/// store), the rest is filled by uncertainty without caps.</item>
/// <item><c>random</c>: a seeded shuffle of the candidates (ordered by passage id first, so the same store and
/// seed give the same batch).</item>
/// <item><c>stratified</c>: strata of language × predicted intent, each shuffled with the seed, taken in turn
/// one passage at a time, so every language and predicted label is represented as evenly as the store allows.</item>
/// </list>
/// </summary>
public static class AnnotationSampler
{
    public const double SourceShare = 0.25;
    public const double PeriodShare = 0.15;

    /// <param name="textOf">The text of a candidate, asked only for those the sampler considers (about n, plus near-copies skipped).</param>
    public static IReadOnlyList<SamplingCandidate> Sample(IReadOnlyList<SamplingCandidate> candidates, SamplingStrategy strategy, int n, int seed,
        Func<long, string> textOf)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        var scored = candidates.OrderBy(c => c.PassageId).ToList();
        var picker = new Picker(n, textOf);
        switch (strategy)
        {
            case SamplingStrategy.Uncertainty:
                var ranked = scored.OrderByDescending(s => Math.Round(s.Uncertainty, 9)).ThenBy(s => s.PassageId).ToList();
                var sourceCap = Math.Max(2, (int)Math.Ceiling(n * SourceShare));
                var periodCap = Math.Max(2, (int)Math.Ceiling(n * PeriodShare));
                foreach (var s in ranked) picker.TryAdd(s, sourceCap, periodCap);
                foreach (var s in ranked) picker.TryAdd(s, int.MaxValue, int.MaxValue);
                break;
            case SamplingStrategy.Random:
                foreach (var s in Shuffle(scored, new Random(seed))) picker.TryAdd(s, int.MaxValue, int.MaxValue);
                break;
            case SamplingStrategy.Stratified:
                var random = new Random(seed);
                var strata = scored.GroupBy(s => (s.Language.ToWire(), s.PredictedIntent.ToWire()))
                    .OrderBy(g => g.Key.Item1, StringComparer.Ordinal).ThenBy(g => g.Key.Item2, StringComparer.Ordinal)
                    .Select(g => new Queue<SamplingCandidate>(Shuffle(g.ToList(), random))).ToList();
                while (!picker.Full && strata.Any(q => q.Count > 0))
                    foreach (var q in strata)
                    {
                        // Take the stratum's next passage that is not a near-copy of one already picked.
                        while (q.Count > 0 && !picker.TryAdd(q.Dequeue(), int.MaxValue, int.MaxValue)) { }
                        if (picker.Full) break;
                    }
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(strategy), strategy, null);
        }
        return picker.Picked;
    }

    private static List<T> Shuffle<T>(List<T> items, Random random)
    {
        var list = items.ToList();
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
        return list;
    }

    private sealed class Picker(int n, Func<long, string> textOf)
    {
        private readonly HashSet<long> _ids = [];
        private readonly HashSet<long> _nearCopies = [];   // a near-copy of a picked passage stays one: never read again
        private readonly HashSet<string> _hashes = new(StringComparer.Ordinal);
        private readonly List<ShingleSet> _shingles = [];
        private readonly Dictionary<string, int> _perSource = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _perPeriod = new(StringComparer.Ordinal);

        public List<SamplingCandidate> Picked { get; } = [];
        public bool Full => Picked.Count >= n;

        public bool TryAdd(SamplingCandidate c, int sourceCap, int periodCap)
        {
            if (Full || _ids.Contains(c.PassageId) || _nearCopies.Contains(c.PassageId)) return false;
            if (_perSource.GetValueOrDefault(c.Source) >= sourceCap || _perPeriod.GetValueOrDefault(c.Period) >= periodCap) return false;
            var text = textOf(c.PassageId);
            var hash = ContentHash.Of(text);
            var shingles = NearDuplicates.Shingle(text);
            if (_hashes.Contains(hash) || (shingles.Hashes.Count > 0 && _shingles.Any(o => NearDuplicates.AreNearCopies(shingles, o))))
            {
                _nearCopies.Add(c.PassageId);
                return false;
            }
            _ids.Add(c.PassageId);
            _hashes.Add(hash);
            _shingles.Add(shingles);
            _perSource[c.Source] = _perSource.GetValueOrDefault(c.Source) + 1;
            _perPeriod[c.Period] = _perPeriod.GetValueOrDefault(c.Period) + 1;
            Picked.Add(c);
            return true;
        }
    }
}
