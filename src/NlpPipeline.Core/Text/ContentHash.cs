using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace NlpPipeline.Core.Text;

/// <summary>
/// A fingerprint of a document's body that ignores case, punctuation and spacing, so the same story
/// re-published with other markup or under another URL hashes the same. Lower-case hex SHA-256.
/// </summary>
public static class ContentHash
{
    public static string Of(string text) => OfFeatureText(TextNormalizer.ForFeatures(text));

    /// <summary>The hash of a text already in <see cref="TextNormalizer.ForFeatures"/> form (when the caller needs that form anyway).</summary>
    public static string OfFeatureText(string features)
    {
        // The letters and digits, then their UTF-8, in buffers rented for the call: no string or array per text.
        var chars = ArrayPool<char>.Shared.Rent(features.Length);
        var n = 0;
        foreach (var ch in features)
            if (char.IsLetterOrDigit(ch)) chars[n++] = ch;
        var bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(n));
        var length = Encoding.UTF8.GetBytes(chars.AsSpan(0, n), bytes);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(bytes.AsSpan(0, length), hash);
        ArrayPool<byte>.Shared.Return(bytes);
        ArrayPool<char>.Shared.Return(chars);
        return Convert.ToHexStringLower(hash);
    }

    public static string Sha256Hex(string s) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(s)));
}
