using System.Security.Cryptography;
using System.Text;

namespace NlpPipeline.Core.Corpora;

public enum Split { Train, Dev, Test }

/// <summary>
/// The corpus's fixed split, by a stable hash of the passage id: a passage stays in the same part however
/// the corpus grows or is reordered, so the test part is never trained on and test scores of successive
/// models are comparable. About 20 % test, 15 % dev (thresholds), 65 % train. Every (language, intent)
/// stratum is split by the same hash, so each is split in these shares up to sampling noise;
/// <c>nlp corpus check</c> prints the per-stratum counts.
/// </summary>
public static class CorpusSplit
{
    public const int TestPercent = 20;
    public const int DevPercent = 15;

    public static Split Of(string id)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(id));
        var bucket = BitConverter.ToUInt32(hash, 0) % 100;
        return bucket < TestPercent ? Split.Test : bucket < TestPercent + DevPercent ? Split.Dev : Split.Train;
    }
}
