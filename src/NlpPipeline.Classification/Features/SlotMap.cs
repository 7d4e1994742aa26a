using System.IO.Compression;
using System.Security.Cryptography;

namespace NlpPipeline.Classification.Features;

/// <summary>
/// The hashed slots a model keeps, per block, ascending: the part of <see cref="HashedNgramFeaturizer"/> fitted on the
/// training passages. Saved beside model.zip as <c>features.bin</c> (gzip: a header, then each list's length and the
/// gaps between its slots as 7-bit varints); its SHA-256 is recorded in the manifest. <see cref="KindWords"/>, the
/// kind × word block of featurizer v2, is written as a third list (file format 2) only when it has slots, so a map
/// without it is the same file as before.
/// </summary>
public sealed record SlotMap(IReadOnlyList<int> Words, IReadOnlyList<int> Chars, IReadOnlyList<int>? KindWordSlots = null)
{
    private const string Magic = "NLPSLOTS";
    private const int FileVersion = 1;
    private const int FileVersionWithKindWords = 2;

    /// <summary>The kept kind × word slots (empty without that block).</summary>
    public IReadOnlyList<int> KindWords => KindWordSlots ?? [];

    public byte[] ToBytes()
    {
        using var raw = new MemoryStream();
        using (var gzip = new GZipStream(raw, CompressionLevel.SmallestSize, leaveOpen: true))
        using (var w = new BinaryWriter(gzip))
        {
            var lists = KindWords.Count > 0 ? new[] { Words, Chars, KindWords } : new[] { Words, Chars };
            w.Write(Magic);
            w.Write(KindWords.Count > 0 ? FileVersionWithKindWords : FileVersion);
            foreach (var list in lists)
            {
                w.Write7BitEncodedInt(list.Count);
                var previous = -1;
                foreach (var slot in list)
                {
                    if (slot <= previous) throw new InvalidOperationException("Slots must be ascending and distinct.");
                    w.Write7BitEncodedInt(slot - previous);
                    previous = slot;
                }
            }
        }
        return raw.ToArray();
    }

    public static SlotMap FromBytes(byte[] bytes)
    {
        using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        using var r = new BinaryReader(gzip);
        if (r.ReadString() != Magic) throw new InvalidDataException("not a slot map");
        var version = r.ReadInt32();
        if (version is not (FileVersion or FileVersionWithKindWords))
            throw new InvalidDataException($"slot map format {version}, expected {FileVersion} or {FileVersionWithKindWords}");
        return new SlotMap(ReadList(r), ReadList(r), version == FileVersionWithKindWords ? ReadList(r) : null);
    }

    private static int[] ReadList(BinaryReader r)
    {
        var list = new int[r.Read7BitEncodedInt()];
        var previous = -1;
        for (var i = 0; i < list.Length; i++) list[i] = previous += r.Read7BitEncodedInt();
        return list;
    }

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
