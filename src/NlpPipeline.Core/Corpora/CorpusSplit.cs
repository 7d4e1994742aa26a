using System.Security.Cryptography;
using System.Text;
using NlpPipeline.Core.Domain;
using NlpPipeline.Core.Labels;

namespace NlpPipeline.Core.Corpora;

public enum Split { Train, Dev, Test }

/// <summary>
/// The corpus's fixed split, stratified by language and intent and chosen by a stable hash of the id:
/// within each (language, intent) stratum the passages are ordered by the SHA-256 of their id, the first
/// 20 % are test, the next 15 % dev (threshold tuning) and the rest train. No randomness and no file
/// order: the same corpus always splits the same way, and a passage added later lands in test only
/// if its own hash ranks low, so the existing test part stays put apart from the stratum's boundary.
/// </summary>
public static class CorpusSplit
{
    public const double TestShare = 0.20;
    public const double DevShare = 0.15;

    public static IReadOnlyDictionary<string, Split> Assign(IEnumerable<AnnotatedPassage> corpus)
    {
        var result = new Dictionary<string, Split>(StringComparer.Ordinal);
        foreach (var stratum in corpus.GroupBy(p => (p.Language, p.Intent)))
        {
            var ordered = stratum.Select(p => p.Id).OrderBy(Rank).ThenBy(id => id, StringComparer.Ordinal).ToList();
            var test = (int)Math.Round(ordered.Count * TestShare, MidpointRounding.AwayFromZero);
            var dev = (int)Math.Round(ordered.Count * DevShare, MidpointRounding.AwayFromZero);
            for (var i = 0; i < ordered.Count; i++)
                result[ordered[i]] = i < test ? Split.Test : i < test + dev ? Split.Dev : Split.Train;
        }
        return result;
    }

    private static ulong Rank(string id) => BitConverter.ToUInt64(SHA256.HashData(Encoding.UTF8.GetBytes(id)), 0);

    /// <summary>The passages of the fixed test part, in corpus order.</summary>
    public static IReadOnlyList<AnnotatedPassage> TestPart(IReadOnlyList<AnnotatedPassage> corpus)
    {
        var split = Assign(corpus);
        return corpus.Where(p => split[p.Id] == Split.Test).ToList();
    }
}
