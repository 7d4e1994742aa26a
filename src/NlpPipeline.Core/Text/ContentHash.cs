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
        var sb = new StringBuilder(features.Length);
        foreach (var ch in features)
            if (char.IsLetterOrDigit(ch)) sb.Append(ch);
        return Sha256Hex(sb.ToString());
    }

    public static string Sha256Hex(string s) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(s)));
}
