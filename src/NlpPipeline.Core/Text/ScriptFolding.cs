using System.Text;

namespace NlpPipeline.Core.Text;

/// <summary>
/// Folds Cyrillic and Latin text into one plain lower-case ASCII spelling, the way people type Kazakh
/// and Russian on a Latin phone keyboard: ж → zh, ш → sh, ч → ch, and the Kazakh-only letters onto
/// their plain neighbours (ә → a, қ → k, ң → n, ө → o, ұ ү → u, і → i, ғ → g, һ → h); the 2021 Kazakh
/// Latin letters fold the same way (ş → sh, ä → a, q → k). Anything that is not a letter becomes a
/// single space. "Маған да жібер", "Маган да жибер" and "magan da zhiber" all fold to
/// "magan da zhiber", so a model over folded text judges a language by its words and endings, not by
/// its script or by the few letters informal writing drops.
/// </summary>
public static class ScriptFolding
{
    private static readonly Dictionary<char, string> Map = Build();

    private static Dictionary<char, string> Build()
    {
        var map = new Dictionary<char, string>();
        void Add(string from, string to) { foreach (var c in from) map[c] = to; }
        Add("аә", "a"); Add("б", "b"); Add("в", "v"); Add("гғ", "g"); Add("д", "d"); Add("еэ", "e"); Add("ё", "yo");
        Add("ж", "zh"); Add("з", "z"); Add("иій", "i"); Add("кқ", "k"); Add("л", "l"); Add("м", "m"); Add("нң", "n");
        Add("оө", "o"); Add("п", "p"); Add("р", "r"); Add("с", "s"); Add("т", "t"); Add("уұү", "u"); Add("ф", "f");
        Add("хһ", "h"); Add("ц", "ts"); Add("ч", "ch"); Add("шщ", "sh"); Add("ъь", ""); Add("ы", "y"); Add("ю", "yu");
        Add("я", "ya");
        Add("äáàâã", "a"); Add("ğ", "g"); Add("ıíìî", "i"); Add("ñ", "n"); Add("öóòô", "o"); Add("ūüúùû", "u");
        Add("ş", "sh"); Add("ç", "ch"); Add("q", "k"); Add("w", "u"); Add("x", "h"); Add("j", "zh"); Add("éèêë", "e");
        Add("ý", "y");
        return map;
    }

    public static string Fold(string text)
    {
        var sb = new StringBuilder(text.Length);
        var space = true;
        foreach (var raw in text)
        {
            var c = char.ToLowerInvariant(raw);
            if (Map.TryGetValue(c, out var s))
            {
                sb.Append(s);
                space = false;
            }
            else if (c is >= 'a' and <= 'z')
            {
                sb.Append(c);
                space = false;
            }
            else if (!space)
            {
                sb.Append(' ');
                space = true;
            }
        }
        if (sb.Length > 0 && sb[^1] == ' ') sb.Length--;
        return sb.ToString();
    }

    /// <summary>Number of letters in a folded text (everything but the spaces).</summary>
    public static int Letters(string folded) => folded.Count(c => c != ' ');
}
