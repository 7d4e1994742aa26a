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

    private static string Nfc(string text) => text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);

    /// <summary>Writes <paramref name="nfc"/> into <paramref name="dst"/> (as long) without controls and format characters, white space collapsed and trimmed; returns the length.</summary>
    private static int Collapse(string nfc, Span<char> dst)
    {
        var n = 0;
        var pendingSpace = false;
        foreach (var ch in nfc)
        {
            if (char.IsWhiteSpace(ch) || ch == '\u00A0')
            {
                pendingSpace = n > 0;
                continue;
            }
            // Controls and invisible format characters (zero-width spaces and joiners, soft hyphens,
            // direction marks and isolates pasted from social media) carry no text.
            if (ch >= '\u0080' || ch < ' ' || ch == '\u007F')
            {
                var cat = CharUnicodeInfo.GetUnicodeCategory(ch);
                if (cat is UnicodeCategory.Control or UnicodeCategory.Format)
                    continue;
            }
            if (pendingSpace) { dst[n++] = ' '; pendingSpace = false; }
            dst[n++] = ch;
        }
        return n;
    }

    /// <summary>
    /// Lower-cases as <see cref="MemoryExtensions.ToLowerInvariant"/> does: from a table when every character is below
    /// U+0500 (ASCII, Latin, Cyrillic with the Kazakh letters: nearly every passage without emoji), which skips a call into
    /// the Unicode library per character; otherwise by that method. The table holds <see cref="char.ToLowerInvariant"/>
    /// of each of those characters, which no surrogate pair can involve, so the two ways agree (tested on every one).
    /// </summary>
    internal static void LowerInvariant(ReadOnlySpan<char> source, Span<char> destination)
    {
        if (source.ContainsAnyInRange((char)LowerTableSize, char.MaxValue))
        {
            source.ToLowerInvariant(destination);
            return;
        }
        var table = LowerTable;
        for (var i = 0; i < source.Length; i++) destination[i] = table[source[i]];
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
