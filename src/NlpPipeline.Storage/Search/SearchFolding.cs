using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace NlpPipeline.Storage.Search;

/// <summary>
/// Turns what a researcher types into a safe FTS5 query over the folded passage text (migration 0008's
/// <c>passage_search_text</c>): every word must occur; <c>"two words"</c> is a phrase; a word ending in
/// <c>*</c> matches any word it starts (<c>көш*</c>: көшу, көшіп, көшкен). Nothing else is syntax: quotes, stars,
/// parentheses, <c>-</c>, <c>:</c>, <c>^</c>, AND/OR/NOT/NEAR are searched as words (or dropped when they hold no
/// letter or digit), so user text can neither break nor change the query. Kazakh-specific letters and ё are
/// folded here exactly as the index folds them.
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

    private static readonly FrozenDictionary<char, char> Map = Letters.ToFrozenDictionary(p => p.From, p => p.To);

    public static string Fold(string text)
    {
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
            if (Map.TryGetValue(chars[i], out var to)) chars[i] = to;
        return new string(chars);
    }

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
