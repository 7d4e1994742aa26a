namespace NlpPipeline.Storage;

/// <summary>
/// A Bloom filter over the band keys in <c>document_bands</c> and those a bulk load keeps pending, for bulk loads
/// (<see cref="DocumentStore.SaveAll"/>): a new document none of whose keys may be there skips the band query and the
/// pending look-up, which is most documents of a load, since a near-copy is the exception. "No" is always right (every key added is found); "maybe" runs the query as before, so
/// near-duplicate decisions are exactly those without the filter. Blocked: the bits of a key all lie in one 512-bit
/// block (64 bytes: one or two cache lines), so a look-up costs about one memory read. About 20 bits per key: at capacity a key not added
/// reads "maybe" about once in 2,300 (in theory for 512-bit blocks), a document with 24 new keys about once in 100.
/// </summary>
internal sealed class BandKeyFilter
{
    private const int BitsPerKey = 20;
    private const int BitsPerBlock = 512;
    private const int WordsPerBlock = BitsPerBlock / 64;
    private const int BitsPerLookup = 6;

    private readonly ulong[] _words;
    private readonly ulong _blocks;

    /// <summary>An empty filter sized for <paramref name="capacity"/> keys: about 2.5 bytes each.</summary>
    public BandKeyFilter(long capacity)
    {
        var blocks = (ulong)Math.Max(1, capacity * BitsPerKey / BitsPerBlock + 1);
        if (blocks > uint.MaxValue) throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "Too many keys for one filter.");
        _words = new ulong[checked((long)blocks * WordsPerBlock)];
        _blocks = blocks;
        Capacity = (long)blocks * BitsPerBlock / BitsPerKey;
    }

    /// <summary>Keys it holds at about the error rate above; past it the error grows, and the owner builds a larger one.</summary>
    public long Capacity { get; }

    /// <summary>Keys added (a key added twice counts twice).</summary>
    public long Count { get; private set; }

    public long Bytes => _words.LongLength * sizeof(ulong);

    public void Add(long key)
    {
        var (block, bits) = Locate(key);
        for (var i = 0; i < BitsPerLookup; i++, bits >>= 9) _words[block + ((int)(bits >> 6) & 7)] |= 1UL << (int)(bits & 63);
        Count++;
    }

    public bool MayContain(long key)
    {
        var (block, bits) = Locate(key);
        for (var i = 0; i < BitsPerLookup; i++, bits >>= 9)
            if ((_words[block + ((int)(bits >> 6) & 7)] & (1UL << (int)(bits & 63))) == 0) return false;
        return true;
    }

    /// <summary>True when any of the keys may have been added.</summary>
    public bool MayContainAny(IReadOnlyList<long> keys)
    {
        for (var i = 0; i < keys.Count; i++)
            if (MayContain(keys[i])) return true;
        return false;
    }

    /// <summary>The key's block (its first word) and the bit positions in it, 9 bits each: band keys are hashes already,
    /// and two different multiplications give the block and the positions from different bits. The block is the high
    /// 32 bits of one product scaled to the number of blocks (a multiply and a shift, any number of blocks).</summary>
    private (long Block, ulong Bits) Locate(long key)
    {
        var h = unchecked((ulong)key * 0x9E3779B97F4A7C15UL);
        var g = unchecked((ulong)key * 0xC2B2AE3D27D4EB4FUL);
        return ((long)(((h >> 32) * _blocks) >> 32) * WordsPerBlock, g >> 10);
    }
}
