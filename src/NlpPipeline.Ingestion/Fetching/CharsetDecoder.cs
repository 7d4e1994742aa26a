using System.Text;
using System.Text.RegularExpressions;

namespace NlpPipeline.Ingestion.Fetching;

/// <summary>
/// Turns downloaded bytes into text. Order: byte-order mark, the HTTP charset, the document's own
/// declaration (XML prolog or HTML meta), then UTF-8 if the bytes are valid UTF-8, else windows-1251,
/// the legacy encoding of Cyrillic sites in the region. Never guesses silently into U+FFFD soup:
/// a declared UTF-8 that does not decode falls through to the next rule.
/// </summary>
public static partial class CharsetDecoder
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    static CharsetDecoder() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static string Decode(byte[] bytes, string? httpCharset)
    {
        var (encoding, bomLength) = FromBom(bytes);
        if (encoding is not null) return encoding.GetString(bytes, bomLength, bytes.Length - bomLength);
        foreach (var name in new[] { httpCharset, DeclaredCharset(bytes) })
        {
            if (Lookup(name) is not { } declared) continue;
            if (declared.CodePage != Encoding.UTF8.CodePage) return declared.GetString(bytes);
            if (TryUtf8(bytes, out var s)) return s;
        }
        if (TryUtf8(bytes, out var utf8)) return utf8;
        return Encoding.GetEncoding(1251).GetString(bytes);
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

    private static Encoding? Lookup(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return null;
        try { return Encoding.GetEncoding(name.Trim()); }
        catch (ArgumentException) { return null; }
    }

    private static bool TryUtf8(byte[] bytes, out string text)
    {
        try { text = StrictUtf8.GetString(bytes); return true; }
        catch (DecoderFallbackException) { text = ""; return false; }
    }

    private static (Encoding?, int) FromBom(byte[] b)
    {
        if (b.Length >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF) return (Encoding.UTF8, 3);
        if (b.Length >= 4 && b[0] == 0xFF && b[1] == 0xFE && b[2] == 0 && b[3] == 0) return (Encoding.UTF32, 4);
        if (b.Length >= 2 && b[0] == 0xFF && b[1] == 0xFE) return (Encoding.Unicode, 2);
        if (b.Length >= 2 && b[0] == 0xFE && b[1] == 0xFF) return (Encoding.BigEndianUnicode, 2);
        return (null, 0);
    }

    [GeneratedRegex("""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""", RegexOptions.IgnoreCase)]
    private static partial Regex XmlDeclaration();

    [GeneratedRegex("""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9._:-]+)""", RegexOptions.IgnoreCase)]
    private static partial Regex MetaCharset();
}
