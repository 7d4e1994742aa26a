using NlpPipeline.Core.Text;

namespace NlpPipeline.Storage;

/// <summary>
/// Bloom filters over the canonical URLs and the content hashes of stored documents, for bulk loads
/// (<see cref="DocumentStore.SaveAll"/>): a new document whose URL is surely not stored skips the URL look-up, and one whose
/// content hash is surely not stored skips the exact-copy look-up, which in a load is nearly every document. "No" is always
/// right (everything added is found), "maybe" runs the look-up as before, so decisions are exactly those without the
/// filters. Both are <see cref="BandKeyFilter"/>s (about 2.5 bytes a document each) over 64-bit keys: a content hash (hex
/// SHA-256) gives its first 64 bits, a URL a 64-bit hash of its characters.
/// </summary>
internal sealed class DocumentKeyFilter(long capacity)
{
    private readonly BandKeyFilter _urls = new(capacity);
    private readonly BandKeyFilter _hashes = new(capacity);

    /// <summary>Documents it holds at the filters' error rate; past it the error grows, and the owner builds a larger one.</summary>
    public long Capacity => _urls.Capacity;

    /// <summary>Documents added.</summary>
    public long Count => _urls.Count;

    public void Add(string canonicalUrl, string contentHash)
    {
        AddUrl(canonicalUrl);
        AddHash(contentHash);
    }

    public void AddUrl(string canonicalUrl) => _urls.Add(UrlKey(canonicalUrl));

    public void AddHash(string contentHash) => _hashes.Add(HashKey(contentHash));

    public bool MayHaveUrl(string canonicalUrl) => _urls.MayContain(UrlKey(canonicalUrl));

    public bool MayHaveHash(string contentHash) => _hashes.MayContain(HashKey(contentHash));

    /// <summary>FNV-1a over the characters, then SplitMix64's finaliser, so every bit of the key depends on every character.</summary>
    internal static long UrlKey(string s)
    {
        var h = 14695981039346656037UL;
        foreach (var c in s) h = (h ^ c) * 1099511628211UL;
        return unchecked((long)Hash64.Mix(h));
    }

    /// <summary>The first 64 bits of a hex digest (a uniform hash already); any other text as a URL is.</summary>
    internal static long HashKey(string hash) =>
        hash.Length >= 16 && ulong.TryParse(hash.AsSpan(0, 16), System.Globalization.NumberStyles.AllowHexSpecifier, null, out var v)
            ? unchecked((long)v)
            : UrlKey(hash);
}
