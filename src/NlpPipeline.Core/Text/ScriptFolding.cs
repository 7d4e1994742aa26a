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
    /// <summary>What <see cref="FoldInto"/> writes at a clause break when asked to mark them.</summary>
    public const char ClauseMark = '|';

    // Folded spelling of each lower-case character below U+0500; null: not a letter we fold (a space).
    private static readonly string?[] Table = Build();

    private static string?[] Build()
    {
        var table = new string?[0x500];
        void Add(string from, string to) { foreach (var c in from) table[c] = to; }
        for (var c = 'a'; c <= 'z'; c++) table[c] = c.ToString();
        Add("аә", "a"); Add("б", "b"); Add("в", "v"); Add("гғ", "g"); Add("д", "d"); Add("еэ", "e"); Add("ё", "yo");
        Add("ж", "zh"); Add("з", "z"); Add("иій", "i"); Add("кқ", "k"); Add("л", "l"); Add("м", "m"); Add("нң", "n");
        Add("оө", "o"); Add("п", "p"); Add("р", "r"); Add("с", "s"); Add("т", "t"); Add("уұү", "u"); Add("ф", "f");
        Add("хһ", "h"); Add("ц", "ts"); Add("ч", "ch"); Add("шщ", "sh"); Add("ъь", ""); Add("ы", "y"); Add("ю", "yu");
        Add("я", "ya");
        Add("äáàâã", "a"); Add("ğ", "g"); Add("ıíìî", "i"); Add("ñ", "n"); Add("öóòô", "o"); Add("ūüúùû", "u");
        Add("ş", "sh"); Add("ç", "ch"); Add("q", "k"); Add("w", "u"); Add("x", "h"); Add("j", "zh"); Add("éèêë", "e");
        Add("ý", "y");
        return table;
    }

    public static string Fold(string text)
    {
        Span<char> buffer = text.Length <= 256 ? stackalloc char[MaxFoldedLength(text.Length)] : new char[MaxFoldedLength(text.Length)];
        return new string(buffer[..FoldInto(text, buffer, markClauses: false)]);
    }

    /// <summary>Room <see cref="FoldInto"/> may need for a text of <paramref name="length"/> characters.</summary>
    public static int MaxFoldedLength(int length) => 2 * length + 1;

    /// <summary>
    /// Folds <paramref name="text"/> into <paramref name="output"/> (at least <see cref="MaxFoldedLength"/>
    /// long) and returns the length written. With <paramref name="markClauses"/>, each clause break
    /// (<see cref="LanguageIdentifier.IsClauseBreak"/>) is written as <see cref="ClauseMark"/> in place of a space.
    /// </summary>
    public static int FoldInto(ReadOnlySpan<char> text, Span<char> output, bool markClauses)
    {
        var n = 0;
        var gap = true;   // the last thing written was a space or a mark, or nothing
        foreach (var raw in text)
        {
            var c = char.ToLowerInvariant(raw);
            if (c < Table.Length && Table[c] is { } folded)
            {
                if (folded.Length == 0) continue;
                foreach (var f in folded) output[n++] = f;
                gap = false;
            }
            else if (markClauses && LanguageIdentifier.IsClauseBreak(c))
            {
                if (!gap) output[n++] = ClauseMark;
                else if (n > 0 && output[n - 1] == ' ') output[n - 1] = ClauseMark;
                gap = true;
            }
            else if (!gap)
            {
                output[n++] = ' ';
                gap = true;
            }
        }
        if (n > 0 && output[n - 1] == ' ') n--;
        return n;
    }

    /// <summary>Number of letters in a folded text (everything but the spaces).</summary>
    public static int Letters(string folded) => folded.Count(c => c != ' ');
}
