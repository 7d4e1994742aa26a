using System.Text;

namespace NlpPipeline.Ingestion.Fetching;

/// <summary>
/// Tells windows-1251 from KOI8-R for bytes that declare no charset and are not UTF-8. Both code pages
/// put Cyrillic letters in 0xC0–0xFF, in different orders and with the cases swapped, so the wrong
/// reading is still "Cyrillic" but improbable: rare letters where common ones should be, capitals in
/// the middle of words, box-drawing characters in prose. Each reading is scored by the log-frequency of
/// its letters in Russian text plus penalties for those signs; the likelier one wins, windows-1251 on a tie.
/// </summary>
public static class CyrillicDetector
{
    // Share of each letter а..я in Russian prose (per mille), ё folded into е.
    private static readonly double[] PerMille =
    [
        80.1, 15.9, 45.4, 17.0, 29.8, 84.5, 9.4, 16.5, 73.5, 12.1, 34.9, 44.0, 32.1, 67.0, 109.7, 28.1,
        47.3, 54.7, 62.6, 26.2, 2.6, 9.7, 4.8, 14.4, 7.3, 3.6, 0.4, 19.0, 17.4, 3.2, 6.4, 20.1,
    ];

    private const double OtherLetter = 0.3;       // Cyrillic letters outside а..я (і, ї, ґ, ђ…), per mille
    private const double NotALetter = 0.05;       // box drawing, symbols where prose has letters
    private const double MidWordCapital = 0.1;    // "пРИВЕТ" or "ЖиВёТ": capital right after a small letter

    private static readonly Encoding Cp1251;
    private static readonly Encoding Koi8R;

    static CyrillicDetector()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        Cp1251 = Encoding.GetEncoding(1251);
        Koi8R = Encoding.GetEncoding(20866);
    }

    /// <summary>windows-1251 or KOI8-R, whichever reads <paramref name="bytes"/> as likelier Cyrillic text.</summary>
    public static Encoding Detect(ReadOnlySpan<byte> bytes) =>
        Score(Koi8R.GetString(bytes)) > Score(Cp1251.GetString(bytes)) ? Koi8R : Cp1251;

    /// <summary>Log-likelihood of the non-ASCII characters of <paramref name="text"/> as Russian prose (higher is likelier).</summary>
    public static double Score(string text)
    {
        double score = 0;
        var previousLower = false;
        foreach (var c in text)
        {
            if (c < 0x80) { previousLower = char.IsLower(c); continue; }
            if (!char.IsLetter(c)) { score += Math.Log(NotALetter / 1000); previousLower = false; continue; }
            var lower = char.ToLowerInvariant(c);
            var p = lower is >= 'а' and <= 'я' ? PerMille[lower - 'а'] : lower == 'ё' ? PerMille[5] : OtherLetter;
            score += Math.Log(p / 1000);
            if (char.IsUpper(c) && previousLower) score += Math.Log(MidWordCapital);
            previousLower = char.IsLower(c);
        }
        return score;
    }
}
