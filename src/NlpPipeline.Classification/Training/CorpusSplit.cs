using System.Security.Cryptography;
using System.Text;

namespace NlpPipeline.Classification.Training;

public enum Split { Train, Dev, Test }

/// <summary>
/// A fixed split by passage id: a passage stays in the same part however the corpus grows or is
/// reordered, so test scores of successive models are comparable. About 70 % train, 15 % dev, 15 % test.
/// </summary>
public static class CorpusSplit
{
    public static Split Of(string id)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(id));
        var bucket = BitConverter.ToUInt32(hash, 0) % 100;
        return bucket < 15 ? Split.Test : bucket < 30 ? Split.Dev : Split.Train;
    }
}
