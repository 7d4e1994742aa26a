namespace NlpPipeline.Core.Text;

/// <summary>
/// Rule-based sentence boundaries for kk, ru and en: a run of . ! ? … (with closing quotes or
/// brackets) followed by a space and an upper-case letter, digit, quote or dash. A dot after a
/// single letter or a common abbreviation ("т.е.", "г.", "Mr.") does not end a sentence.
/// </summary>
public static class SentenceSplitter
{
    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "г", "гг", "т", "е", "д", "др", "пр", "им", "ул", "обл", "млн", "млрд", "тыс", "руб", "см", "стр", "проф", "акад",
        "т.е", "т.к", "т.н", "и.о", "ж", "жж", "б", "т.б", "т.с.с", "mr", "mrs", "ms", "dr", "prof", "st", "vs", "etc", "inc", "ltd", "jr", "sr", "no", "e.g", "i.e", "u.s",
    };

    public static IReadOnlyList<string> Split(string text)
    {
        var result = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is not ('.' or '!' or '?' or '…')) continue;
            var end = i + 1;
            while (end < text.Length && text[end] is '.' or '!' or '?' or '…' or '"' or '»' or '”' or ')' or '\'') end++;
            if (end >= text.Length || text[end] != ' ') { i = end - 1; continue; }
            var next = end + 1;
            if (next >= text.Length || !StartsSentence(text[next])) { i = end - 1; continue; }
            if (text[i] == '.' && IsAbbreviation(text, i)) { i = end - 1; continue; }
            result.Add(text[start..end].Trim());
            start = next;
            i = end - 1;
        }
        if (start < text.Length)
        {
            var tail = text[start..].Trim();
            if (tail.Length > 0) result.Add(tail);
        }
        return result;
    }

    private static bool StartsSentence(char c) =>
        char.IsUpper(c) || char.IsDigit(c) || c is '"' or '«' or '“' or '—' or '–' or '-' or '(';

    private static bool IsAbbreviation(string text, int dot)
    {
        var wordStart = dot;
        while (wordStart > 0 && (char.IsLetter(text[wordStart - 1]) || text[wordStart - 1] == '.')) wordStart--;
        var word = text[wordStart..dot];
        if (word.Length == 0) return false;
        if (word.Length == 1 && char.IsUpper(word[0])) return true;   // initials: "А. Иванов", "J. Smith"
        return Abbreviations.Contains(word);
    }
}
