using System.Text;

namespace NlpPipeline.Ingestion.Fetching;

/// <summary>
/// A single-byte encoding given by its 256 code points, for legacy Cyrillic code pages that .NET's
/// code-pages provider does not ship (KOI8-T, CP1125). Bytes 0x00–0x7F are ASCII; an unassigned
/// byte decodes to U+FFFD; a character the table lacks encodes to '?'.
/// </summary>
internal sealed class TableEncoding : Encoding
{
    private readonly string _name;
    private readonly char[] _chars;
    private readonly Dictionary<char, byte> _bytes = [];

    public TableEncoding(string name, char[] chars)
    {
        if (chars.Length != 256) throw new ArgumentException("A single-byte table has 256 entries.", nameof(chars));
        _name = name;
        _chars = chars;
        for (var b = 255; b >= 0; b--)
            if (chars[b] != '\uFFFD') _bytes[chars[b]] = (byte)b;
    }

    public override string WebName => _name;
    public override string EncodingName => _name;
    public override bool IsSingleByte => true;

    public override int GetByteCount(char[] chars, int index, int count) => count;

    public override int GetBytes(char[] chars, int charIndex, int charCount, byte[] bytes, int byteIndex)
    {
        for (var i = 0; i < charCount; i++)
            bytes[byteIndex + i] = _bytes.TryGetValue(chars[charIndex + i], out var b) ? b : (byte)'?';
        return charCount;
    }

    public override int GetCharCount(byte[] bytes, int index, int count) => count;

    public override int GetChars(byte[] bytes, int byteIndex, int byteCount, char[] chars, int charIndex)
    {
        for (var i = 0; i < byteCount; i++) chars[charIndex + i] = _chars[bytes[byteIndex + i]];
        return byteCount;
    }

    public override int GetMaxByteCount(int charCount) => charCount;
    public override int GetMaxCharCount(int byteCount) => byteCount;

    /// <summary>A table that is <paramref name="baseCodePage"/> except for the bytes from <paramref name="first"/> on.</summary>
    public static TableEncoding Derive(string name, int baseCodePage, int first, string replacement)
    {
        var all = new byte[256];
        for (var i = 0; i < 256; i++) all[i] = (byte)i;
        var chars = GetEncoding(baseCodePage).GetChars(all);
        for (var i = 0; i < replacement.Length; i++) chars[first + i] = replacement[i];
        return new TableEncoding(name, chars);
    }
}
