using System.Text;
using System.Text.RegularExpressions;

namespace NlpPipeline.Ingestion.Fetching;

/// <summary>
/// Turns downloaded bytes into text. Order of trust: a byte-order mark (it describes the bytes
/// themselves, so it beats a server's configured default, as in the WHATWG Encoding Standard and
/// RFC 7303), the HTTP charset, the document's own declaration (XML prolog, &lt;meta charset&gt; or
/// http-equiv), then detection: UTF-8 if the bytes are valid UTF-8, else the likelier of windows-1251
/// and KOI8-R (<see cref="CyrillicDetector"/>), the legacy encodings of Cyrillic sites in the region.
/// Never guesses silently into U+FFFD soup: a declared UTF-8 that does not decode falls through to
/// the next rule; and a declared single-byte code page loses to bytes that are valid, non-ASCII UTF-8.
/// </summary>
public static partial class CharsetDecoder
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    static CharsetDecoder() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static string Decode(byte[] bytes, string? httpCharset) => DecodeWithSource(bytes, httpCharset).Text;

    public static DecodedText DecodeWithSource(byte[] bytes, string? httpCharset)
    {
        var (marked, skip) = FromByteOrder(bytes);
        if (marked is not null) return new(marked.GetString(bytes, skip, bytes.Length - skip), marked, CharsetSource.Bom);
        foreach (var (name, source) in new[] { (httpCharset, CharsetSource.Http), (DeclaredCharset(bytes), CharsetSource.Declaration) })
        {
            if (CharsetNames.Resolve(name) is not { } declared) continue;
            // A server or CMS left at windows-1251 while the files became UTF-8 is common; text in a
            // single-byte code page practically never forms valid multi-byte UTF-8, so such bytes are UTF-8.
            if (declared.IsSingleByte && !IsAscii(bytes) && TryUtf8(bytes, out var mislabelled)) return new(mislabelled, Encoding.UTF8, CharsetSource.Detected);
            if (declared.CodePage != Encoding.UTF8.CodePage) return new(declared.GetString(bytes), declared, source);
            if (TryUtf8(bytes, out var s)) return new(s, Encoding.UTF8, source);
        }
        if (TryUtf8(bytes, out var utf8)) return new(utf8, Encoding.UTF8, CharsetSource.Detected);
        var cyrillic = CyrillicDetector.Detect(bytes);
        return new(cyrillic.GetString(bytes), cyrillic, CharsetSource.Detected);
    }

    /// <summary>The encoding the document declares in its first 2 KiB (XML prolog or HTML meta), if any.</summary>
    public static string? DeclaredCharset(byte[] bytes)
    {
        var head = Encoding.ASCII.GetString(bytes, 0, Math.Min(bytes.Length, 2048));
        var m = XmlDeclaration().Match(head);
        if (m.Success) return m.Groups[1].Value;
        m = MetaCharset().Match(head);
        return m.Success ? m.Groups[1].Value : null;
    }

    private static bool IsAscii(byte[] bytes) => System.Text.Ascii.IsValid(bytes);

    private static bool TryUtf8(byte[] bytes, out string text)
    {
        try { text = StrictUtf8.GetString(bytes); return true; }
        catch (DecoderFallbackException) { text = ""; return false; }
    }

    /// <summary>
    /// A byte-order mark, or the byte pattern of a leading "&lt;?" in an encoding that is not
    /// ASCII-compatible (UTF-16/32 without a mark, EBCDIC), as XML 1.0 Appendix F reads them.
    /// </summary>
    private static (Encoding?, int) FromByteOrder(byte[] b)
    {
        if (b.Length >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) return (Encoding.UTF8, 3);
        if (b.Length >= 4 && b[0] == 0xFF && b[1] == 0xFE && b[2] == 0 && b[3] == 0) return (Encoding.UTF32, 4);
        if (b.Length >= 4 && b[0] == 0 && b[1] == 0 && b[2] == 0xFE && b[3] == 0xFF) return (new UTF32Encoding(true, false), 4);
        if (b.Length >= 2 && b[0] == 0xFF && b[1] == 0xFE) return (Encoding.Unicode, 2);
        if (b.Length >= 2 && b[0] == 0xFE && b[1] == 0xFF) return (Encoding.BigEndianUnicode, 2);
        if (b.Length < 4) return (null, 0);
        if (b[0] == '<' && b[1] == 0 && b[2] == 0 && b[3] == 0) return (Encoding.UTF32, 0);
        if (b[0] == 0 && b[1] == 0 && b[2] == 0 && b[3] == '<') return (new UTF32Encoding(true, false), 0);
        if (b[0] == '<' && b[1] == 0 && b[2] != 0) return (Encoding.Unicode, 0);
        if (b[0] == 0 && b[1] == '<' && b[3] != 0) return (Encoding.BigEndianUnicode, 0);
        if (b[0] == 0x4C && b[1] == 0x6F && b[2] == 0xA7 && b[3] == 0x94) return (Ebcdic(b), 0);
        return (null, 0);
    }

    /// <summary>An EBCDIC document names its code page in its prolog, which any EBCDIC variant reads alike.</summary>
    private static Encoding Ebcdic(byte[] b)
    {
        var prolog = Encoding.GetEncoding(37).GetString(b, 0, Math.Min(b.Length, 200));
        var m = XmlDeclaration().Match(prolog);
        return (m.Success ? CharsetNames.Resolve(m.Groups[1].Value) : null) ?? Encoding.GetEncoding(37);
    }

    [GeneratedRegex("""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""", RegexOptions.IgnoreCase)]
    private static partial Regex XmlDeclaration();

    [GeneratedRegex("""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9._:-]+)""", RegexOptions.IgnoreCase)]
    private static partial Regex MetaCharset();
}
