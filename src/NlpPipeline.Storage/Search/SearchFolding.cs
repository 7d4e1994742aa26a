using System.Globalization;
using System.Text;

namespace NlpPipeline.Storage.Search;

/// <summary>
/// Turns what a researcher types into a safe FTS5 query over the folded passage text (folded by <see cref="Fold"/> when
/// <see cref="PassageSearchIndex"/> indexes it; <c>passage_search_text</c> is the same folding in SQL): every word must occur; <c>"two words"</c> is a phrase; a word ending in
/// <c>*</c> matches any word it starts (<c>көш*</c>: көшу, көшіп, көшкен). Nothing else is syntax: quotes, stars,
/// parentheses, <c>-</c>, <c>:</c>, <c>^</c>, AND/OR/NOT/NEAR are searched as words (or dropped when they hold no
/// letter or digit), so user text can neither break nor change the query. Kazakh-specific letters and ё are
/// folded by the same <see cref="Fold"/> as the indexed text.
/// </summary>
public static class SearchFolding
{
    /// <summary>The letter substitutions of <c>passage_search_text</c>, in the same order (upper and lower case).</summary>
    public static readonly IReadOnlyList<(char From, char To)> Letters =
    [
        ('ә', 'а'), ('Ә', 'А'), ('ғ', 'г'), ('Ғ', 'Г'), ('қ', 'к'), ('Қ', 'К'), ('ң', 'н'), ('Ң', 'Н'),
        ('ө', 'о'), ('Ө', 'О'), ('ұ', 'у'), ('Ұ', 'У'), ('ү', 'у'), ('Ү', 'У'), ('һ', 'х'), ('Һ', 'Х'),
        ('і', 'и'), ('І', 'И'), ('ё', 'е'), ('Ё', 'Е'),
    ];

    // Every folded letter is in the Cyrillic block, so a table over it replaces a dictionary lookup per character.
    private const char First = '\u0400', Last = '\u04FF';
    private static readonly char[] Map = BuildMap();

    private static char[] BuildMap()
    {
        var map = new char[Last - First + 1];
        for (var i = 0; i < map.Length; i++) map[i] = (char)(First + i);
        foreach (var (from, to) in Letters)
            map[from - First] = from is >= First and <= Last ? to : throw new InvalidOperationException($"Folded letter {from} is outside U+0400–U+04FF.");
        return map;
    }

    /// <summary>
    /// The text with the letters of <see cref="Letters"/> replaced, one character for one, everything else kept. The one
    /// folding of search: queries (<see cref="ToFtsQuery"/>) and the indexed text (<see cref="PassageSearchIndex"/>) both
    /// go through it.
    /// </summary>
    public static string Fold(string text) => string.Create(text.Length, text, static (chars, text) =>
    {
        for (var i = 0; i < chars.Length; i++)
        {
            var c = text[i];
            chars[i] = c is >= First and <= Last ? Map[c - First] : c;
        }
    });

    /// <summary>The FTS5 query for <paramref name="userText"/>, or null when it holds no word to search for.</summary>
    public static string? ToFtsQuery(string userText)
    {
        var parts = new List<string>();
        var text = userText.Normalize(NormalizationForm.FormC);
        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i])) { i++; continue; }
            if (text[i] == '"')
            {
                var close = text.IndexOf('"', i + 1);
                var end = close < 0 ? text.Length : close;
                AddPhrase(parts, text[(i + 1)..end], prefix: false);
                i = end + 1;
                continue;
            }
            var start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] != '"') i++;
            var word = text[start..i];
            AddPhrase(parts, word, prefix: word.EndsWith('*') && word.Length > 1 && IsTokenChar(word[^2]));
        }
        return parts.Count == 0 ? null : string.Join(" ", parts);
    }

    /// <summary>One quoted FTS5 string of the tokens in <paramref name="words"/> (the tokenizer's view: runs of letters and digits).</summary>
    private static void AddPhrase(List<string> parts, string words, bool prefix)
    {
        var tokens = new List<string>();
        var sb = new StringBuilder();
        foreach (var c in words)
        {
            if (IsTokenChar(c)) { sb.Append(c); continue; }
            if (sb.Length > 0) { tokens.Add(sb.ToString()); sb.Clear(); }
        }
        if (sb.Length > 0) tokens.Add(sb.ToString());
        if (tokens.Count == 0) return;
        // Tokens hold only letters, digits and marks, so the quotes cannot be closed from inside; doubling is a second guard.
        var phrase = "\"" + Fold(string.Join(" ", tokens)).Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        parts.Add(prefix ? phrase + "*" : phrase);
    }

    /// <summary>Characters unicode61 keeps inside tokens: letters, digits, private-use, and the marks it folds away.</summary>
    private static bool IsTokenChar(char c) => char.GetUnicodeCategory(c) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
            or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber
            or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.PrivateUse => true,
        _ => false,   // surrogates too: emoji separate words for unicode61, and supplementary-plane letters are rare here
    };
}
