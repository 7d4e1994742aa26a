using System.Text;

namespace NlpPipeline.Core.Text;

/// <summary>
/// Turns Latin-script Kazakh into Cyrillic, so a Latin post meets the same classifier features as a
/// Cyrillic one. Two conventions: the 2021 official alphabet (ä ğ ı ñ ö ū ü ş; ı = і, y = ы, i = и/й,
/// j = ж, q = қ, ia = я, iu = ю, as in "bır danyşpan kısı") and informal phone spellings (zh, sh, ch, kh, gh, ya, yu,
/// yo digraphs, yo read as е, the letter <see cref="TextNormalizer.ForFeatures"/> folds ё to; y = ы, i = і, as in "biz kazir"). In both, an i (informally also a y) right after a vowel other than у
/// is й ("oilap" ойлап, "jağdai" жағдай, "qalay" қалай, "ūiym" ұйым): Kazakh has no и, і or ы in that place, so the
/// rule restores the letter both alphabets write the same as another. The convention is chosen for a whole text
/// (<see cref="UsesOfficialAlphabet"/>), since most words of an official-alphabet text carry no mark of it. Works on
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
        [("sh", "ш"), ("zh", "ж"), ("ch", "ч"), ("kh", "х"), ("gh", "ғ"), ("ya", "я"), ("yu", "ю"), ("yo", "е")];

    // "sh" stays с + х in the official alphabet, which writes ш as ş: асхана is "ashana".
    private static readonly (string Latin, string Cyrillic)[] OfficialDigraphs = [("ch", "ч"), ("ia", "я"), ("iu", "ю")];

    private const string OfficialMarks = "äğıñöūüş";

    // Cyrillic vowels after which Latin i (informally also y) is й: Kazakh has no и, і or ы right after them. Not и and
    // і ("siyr" сиыр), nor у, often a consonant before і and ы ("auyl" ауыл, "suı" суы).
    private const string ShortIFollows = "аәеёоөұүыэюя";

    public static bool UsesOfficialAlphabet(string text) => text.AsSpan().IndexOfAny(OfficialMarks) >= 0;

    /// <summary>One word (or a text) in the convention its own letters show.</summary>
    public static string ToCyrillic(string lowerText) => ToCyrillic(lowerText, UsesOfficialAlphabet(lowerText));

    /// <summary>One word (or a text) in the given convention (<see cref="UsesOfficialAlphabet"/> of the whole text).</summary>
    public static string ToCyrillic(string lowerText, bool official)
    {
        var map = official ? Official : Informal;
        var digraphs = official ? OfficialDigraphs : Digraphs;
        var sb = new StringBuilder(lowerText.Length);
        var afterVowel = false;
        for (var i = 0; i < lowerText.Length; i++)
        {
            var ch = lowerText[i];
            string cyr;
            if (i + 1 < lowerText.Length && TryDigraph(digraphs, lowerText, i, out var pair))
            {
                cyr = pair;
                i++;
            }
            else if (afterVowel && (ch == 'i' || (ch == 'y' && !official))) cyr = "й";
            else cyr = map.TryGetValue(ch, out var one) ? one : ch.ToString();
            sb.Append(cyr);
            afterVowel = cyr.Length == 1 && ShortIFollows.Contains(cyr[0]);
        }
        return sb.ToString();
    }

    private static bool TryDigraph((string Latin, string Cyrillic)[] digraphs, string text, int i, out string cyrillic)
    {
        foreach (var (latin, cyr) in digraphs)
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
