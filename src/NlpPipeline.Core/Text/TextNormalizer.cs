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
        var nfc = text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
        var sb = new StringBuilder(nfc.Length);
        var pendingSpace = false;
        foreach (var ch in nfc)
        {
            if (char.IsWhiteSpace(ch) || ch == '\u00A0')
            {
                pendingSpace = sb.Length > 0;
                continue;
            }
            var cat = CharUnicodeInfo.GetUnicodeCategory(ch);
            // Controls and invisible format characters (zero-width spaces and joiners, soft hyphens,
            // direction marks and isolates pasted from social media) carry no text.
            if (cat is UnicodeCategory.Control or UnicodeCategory.Format)
                continue;
            if (pendingSpace) { sb.Append(' '); pendingSpace = false; }
            sb.Append(ch);
        }
        return sb.ToString();
    }

    /// <summary>
    /// The form the classifier sees: normalised, lower-cased (culture-invariant, so Kazakh letters keep
    /// their identity), ё→е (people write both), typographic quotes and dashes unified.
    /// </summary>
    public static string ForFeatures(string text)
    {
        var s = Normalize(text).ToLowerInvariant();
        var sb = new StringBuilder(s.Length);
        foreach (var ch in s)
        {
            sb.Append(ch switch
            {
                'ё' => 'е',
                '«' or '»' or '“' or '”' or '„' or '‟' => '"',
                '‘' or '’' or '`' or 'ʼ' => '\'',
                '–' or '—' or '−' => '-',
                _ => ch,
            });
        }
        return sb.ToString();
    }
}
