using System.Globalization;
using System.Text;

namespace NlpPipeline.Core.Text;

/// <summary>
/// Normalisation shared by every stage: Unicode NFC, control and invisible format characters removed,
/// non-breaking and other spaces turned into plain spaces, runs of whitespace collapsed, trimmed.
/// Line breaks are collapsed too: a passage is one paragraph.
/// </summary>
public static class TextNormalizer
{
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text)) return string.Empty;
        var nfc = Nfc(text);
        var buffer = nfc.Length <= StackLimit ? stackalloc char[nfc.Length] : new char[nfc.Length];
        return new string(buffer[..Collapse(nfc, buffer)]);
    }

    private const int StackLimit = 2048;

    private static string Nfc(string text) =>
        IsNfcWithoutLibrary(text) || text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);

    /// <summary>
    /// True when every character of <paramref name="text"/> is one that NFC leaves alone in any context: it has no
    /// decomposition that NFC applies, it combines with nothing before it, and it is reordered after nothing (canonical
    /// combining class 0). A text of only such characters is its own NFC, so the Unicode library need not be asked. They
    /// are the characters below U+0300 (ASCII, Latin-1, Latin Extended, IPA, spacing modifiers), Cyrillic with its
    /// supplement but without its combining marks (U+0483–U+0489): the Kazakh letters included, and the common
    /// punctuation, currency and letter-like signs (dashes, typographic quotes, ellipsis, ₸, №) without the singletons
    /// U+2000, U+2001, U+2126, U+212A and U+212B. A test checks every one alone and after every other against the library.
    /// False sends the text to the library (combining marks, Greek, emoji and other scripts).
    /// </summary>
    internal static bool IsNfcWithoutLibrary(ReadOnlySpan<char> text)
    {
        var i = text.IndexOfAnyExceptInRange('\0', '\u02FF');   // vectorised: most Latin text ends here
        if (i < 0) return true;
        var table = NfcStable;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (c >= NfcStableSize || !table[c]) return false;
        }
        return true;
    }

    private const int NfcStableSize = 0x2126;

    /// <summary>The ranges of <see cref="IsNfcWithoutLibrary"/>'s characters (inclusive; declared before the table made from
    /// them), all below <see cref="NfcStableSize"/>.</summary>
    internal static readonly (int First, int Last)[] NfcStableRanges =
        [(0x0000, 0x02FF), (0x0400, 0x0482), (0x048A, 0x052F), (0x2002, 0x206F), (0x20A0, 0x20C0), (0x2100, 0x2125)];

    private static readonly bool[] NfcStable = MakeNfcStable();

    private static bool[] MakeNfcStable()
    {
        var table = new bool[NfcStableSize];
        foreach (var (first, last) in NfcStableRanges)
            for (var c = first; c <= last; c++) table[c] = true;
        return table;
    }

    /// <summary>Writes <paramref name="nfc"/> into <paramref name="dst"/> (as long) without controls and format characters, white space collapsed and trimmed; returns the length.</summary>
    private static int Collapse(string nfc, Span<char> dst)
    {
        var n = 0;
        var pendingSpace = false;
        var kinds = CharKinds;
        foreach (var ch in nfc)
        {
            switch (kinds[ch])
            {
                case Space:
                    pendingSpace = n > 0;
                    continue;
                case Dropped:
                    continue;
            }
            if (pendingSpace) { dst[n++] = ' '; pendingSpace = false; }
            dst[n++] = ch;
        }
        return n;
    }

    private const byte Kept = 0, Space = 1, Dropped = 2;

    /// <summary>What <see cref="Collapse"/> does with each UTF-16 code unit, worked out once from the library (a 64 KiB table
    /// instead of a category look-up per non-ASCII character): white space (and U+00A0) becomes one space; controls and
    /// invisible format characters (zero-width spaces and joiners, soft hyphens, direction marks and isolates pasted from
    /// social media) carry no text and are dropped; everything else is kept (a surrogate's category is Surrogate: kept).</summary>
    private static readonly byte[] CharKinds = MakeCharKinds();

    private static byte[] MakeCharKinds()
    {
        var kinds = new byte[char.MaxValue + 1];
        for (var c = 0; c <= char.MaxValue; c++)
        {
            var ch = (char)c;
            kinds[c] = char.IsWhiteSpace(ch) || ch == '\u00A0' ? Space
                : CharUnicodeInfo.GetUnicodeCategory(ch) is UnicodeCategory.Control or UnicodeCategory.Format ? Dropped
                : Kept;
        }
        return kinds;
    }

    /// <summary>How <see cref="Collapse"/> treats <paramref name="ch"/>, as the table says (for the test against the library).</summary>
    internal static (bool Space, bool Dropped) KindOf(char ch) => (CharKinds[ch] == Space, CharKinds[ch] == Dropped);

    /// <summary>
    /// Lower-cases as <see cref="MemoryExtensions.ToLowerInvariant"/> does: characters below U+0500 (ASCII, Latin, Cyrillic
    /// with the Kazakh letters) from a table, which skips a call into the Unicode library per character; runs of the others
    /// (a № or a typographic quote in a Cyrillic text no longer sends all of it to the library) by that method. The table
    /// holds <see cref="char.ToLowerInvariant"/> of each of those characters, which no surrogate pair can involve, so the two
    /// ways agree (tested on every one, and on mixed texts against the library).
    /// </summary>
    internal static void LowerInvariant(ReadOnlySpan<char> source, Span<char> destination)
    {
        var table = LowerTable;
        var i = 0;
        while (i < source.Length)
        {
            var c = source[i];
            if (c < LowerTableSize)
            {
                destination[i++] = table[c];
                continue;
            }
            // A run of characters from U+0500 up (№, typographic quotes, emoji) by the library: invariant lower-casing maps
            // each code point alone, and both halves of a surrogate pair are in the run, so the run maps as in the whole text.
            var end = source[i..].IndexOfAnyInRange('\0', (char)(LowerTableSize - 1));
            end = end < 0 ? source.Length : i + end;
            source[i..end].ToLowerInvariant(destination[i..end]);
            i = end;
        }
    }

    private const int LowerTableSize = 0x500;

    private static readonly char[] LowerTable = MakeLowerTable();

    private static char[] MakeLowerTable()
    {
        var table = new char[LowerTableSize];
        for (var c = 0; c < table.Length; c++) table[c] = char.ToLowerInvariant((char)c);
        return table;
    }

    /// <summary>
    /// The form the classifier sees: normalised, lower-cased (culture-invariant, so Kazakh letters keep
    /// their identity), ё→е (people write both), typographic quotes and dashes unified.
    /// </summary>
    public static string ForFeatures(string text)
    {
        if (string.IsNullOrEmpty(text)) return string.Empty;
        var nfc = Nfc(text);
        // Normalize, lower-case and unify in two buffers, making one string instead of three.
        var normal = nfc.Length <= StackLimit ? stackalloc char[nfc.Length] : new char[nfc.Length];
        normal = normal[..Collapse(nfc, normal)];
        var lower = normal.Length <= StackLimit ? stackalloc char[normal.Length] : new char[normal.Length];
        LowerInvariant(normal, lower);
        foreach (ref var ch in lower)
        {
            ch = ch switch
            {
                'ё' => 'е',
                '«' or '»' or '“' or '”' or '„' or '‟' => '"',
                '‘' or '’' or '`' or 'ʼ' => '\'',
                '–' or '—' or '−' => '-',
                _ => ch,
            };
        }
        return new string(lower);
    }
}
