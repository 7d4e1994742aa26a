using System.Text;

namespace NlpPipeline.Core.Text;

/// <summary>
/// Turns Latin-script Kazakh into Cyrillic, so a Latin post meets the same classifier features as a
/// Cyrillic one. Two conventions: the 2021 official alphabet (ä ğ ı ñ ö ū ü ş; ı = і, y = ы, i = и/й,
/// j = ж, q = қ, as in "bır danyşpan kısı") and informal phone spellings (zh, sh, ch, kh, gh digraphs;
/// y = ы, i = і, as in "biz kazir"). Works on
/// lower-case text; the result is for features, not for display.
/// </summary>
public static class KazakhTransliterator
{
    private static readonly Dictionary<char, string> Official = new()
    {
        ['a'] = "а", ['ä'] = "ә", ['b'] = "б", ['c'] = "ц", ['ç'] = "ч", ['d'] = "д", ['e'] = "е", ['f'] = "ф", ['g'] = "г",
        ['ğ'] = "ғ", ['h'] = "х", ['ı'] = "і", ['i'] = "и", ['j'] = "ж", ['k'] = "к", ['l'] = "л", ['m'] = "м", ['n'] = "н",
        ['ñ'] = "ң", ['o'] = "о", ['ö'] = "ө", ['p'] = "п", ['q'] = "қ", ['r'] = "р", ['s'] = "с", ['ş'] = "ш", ['t'] = "т",
        ['u'] = "у", ['ū'] = "ұ", ['ü'] = "ү", ['v'] = "в", ['w'] = "у", ['x'] = "х", ['y'] = "ы", ['z'] = "з",
    };

    private static readonly Dictionary<char, string> Informal = new(Official)
    {
        ['c'] = "с", ['i'] = "і",
    };

    private static readonly (string Latin, string Cyrillic)[] Digraphs =
        [("sh", "ш"), ("zh", "ж"), ("ch", "ч"), ("kh", "х"), ("gh", "ғ"), ("ya", "я"), ("yu", "ю"), ("yo", "ё")];

    private const string OfficialMarks = "äğıñöūüş";

    public static bool UsesOfficialAlphabet(string text) => text.AsSpan().IndexOfAny(OfficialMarks) >= 0;

    public static string ToCyrillic(string lowerText)
    {
        var official = UsesOfficialAlphabet(lowerText);
        var map = official ? Official : Informal;
        var sb = new StringBuilder(lowerText.Length);
        for (var i = 0; i < lowerText.Length; i++)
        {
            var ch = lowerText[i];
            if (!official && i + 1 < lowerText.Length && TryDigraph(lowerText, i, out var cyr))
            {
                sb.Append(cyr);
                i++;
                continue;
            }
            sb.Append(map.TryGetValue(ch, out var s) ? s : ch.ToString());
        }
        return sb.ToString();
    }

    private static bool TryDigraph(string text, int i, out string cyrillic)
    {
        foreach (var (latin, cyr) in Digraphs)
        {
            if (text[i] == latin[0] && text[i + 1] == latin[1])
            {
                cyrillic = cyr;
                return true;
            }
        }
        cyrillic = "";
        return false;
    }
}
