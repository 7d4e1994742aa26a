namespace NlpPipeline.Classification.Features;

/// <summary>
/// Splits a prepared text (<c>ClassifierText.Prepare</c>: lower-cased, white space collapsed, punctuation kept) into the
/// pieces that sentence-level topic scoring scores one by one. A sentence ends at a run of '.', '!', '?' or '…'
/// (with any closing quotes or brackets after it) followed by a space, except after a single '.' that ends a likely
/// abbreviation: a single letter (an initial), a token with another '.' inside ("т.е.", "u.s."), or one of a few
/// short abbreviations of the three languages ("г.", "млн.", "mr."). Digits around a '.' without a space ("14.2") never
/// split. A piece shorter than <see cref="MinChars"/> characters is joined to the next (the last to the one before),
/// so a dateline or an interjection does not stand alone; a piece longer than <see cref="MaxWords"/> words (a text
/// without punctuation) is cut into consecutive windows of at most that many words, the last window taking the rest
/// when it would be shorter than half a window. The pieces are substrings of the text, in order, and joined by single
/// spaces give it back. Pure and thread-safe. (<c>Core.Text.SentenceSplitter</c>, which splits documents into passages, needs an
/// upper-case letter after a boundary, which the lower-cased prepared text no longer has.)
/// </summary>
public static class PreparedSentenceSplitter
{
    /// <summary>Pieces shorter than this many characters are joined to a neighbour.</summary>
    public const int MinChars = 25;

    /// <summary>A piece of more words than this is cut into windows of this many words.</summary>
    public const int MaxWords = 40;

    private static readonly HashSet<string> Abbreviations = new(StringComparer.Ordinal)
    {
        // ru / kk
        "г", "гг", "ул", "им", "тыс", "млн", "млрд", "руб", "тг", "обл", "р-н", "пр", "стр", "см", "напр", "др", "ж", "жж", "б", "т", "проф", "акад", "т.к", "т.н", "и.о", "т.б",
        // en
        "mr", "mrs", "ms", "dr", "st", "vs", "no", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "gen", "gov", "sen", "rep", "prof", "inc", "ltd", "co", "approx", "jr", "sr",
    };

    /// <summary>The pieces of <paramref name="prepared"/>: one piece (the whole text) when it has no sentence boundary.</summary>
    public static IReadOnlyList<string> Split(string prepared)
    {
        var pieces = new List<string>();
        if (string.IsNullOrEmpty(prepared)) return pieces;
        var start = 0;
        for (var i = 0; i < prepared.Length; i++)
        {
            if (!IsTerminal(prepared[i])) continue;
            var end = i + 1;
            while (end < prepared.Length && (IsTerminal(prepared[end]) || IsClosing(prepared[end]))) end++;
            // A boundary needs a space after it; "14.2", "e.g.x" and the end of the text are not boundaries here.
            if (end >= prepared.Length || prepared[end] != ' ') { i = end - 1; continue; }
            if (end - i == 1 && prepared[i] == '.' && EndsAbbreviation(prepared, start, i)) { i = end - 1; continue; }
            pieces.Add(prepared[start..end]);
            start = end + 1;
            i = end;
        }
        if (start < prepared.Length) pieces.Add(prepared[start..]);
        return Windows(JoinShort(pieces));
    }

    private static bool IsTerminal(char c) => c is '.' or '!' or '?' or '…';

    private static bool IsClosing(char c) => c is '"' or '\'' or ')' or ']';

    /// <summary>Whether the '.' at <paramref name="dot"/> ends an abbreviation: the token before it (from the last space).</summary>
    private static bool EndsAbbreviation(string text, int start, int dot)
    {
        var from = text.LastIndexOf(' ', dot - 1 < start ? start : dot - 1, dot - start) + 1;
        if (from < start) from = start;
        var token = text.AsSpan(from, dot - from).TrimStart("\"'([");
        if (token.Length == 0) return false;
        if (token.Length == 1 && char.IsLetter(token[0])) return true;   // an initial
        if (token.Contains('.')) return true;                            // т.е. / u.s.
        return Abbreviations.Contains(token.ToString());
    }

    private static List<string> JoinShort(List<string> pieces)
    {
        if (pieces.Count < 2) return pieces;
        var joined = new List<string>(pieces.Count);
        string? pending = null;
        foreach (var piece in pieces)
        {
            var current = pending is null ? piece : pending + " " + piece;
            if (current.Length < MinChars) { pending = current; continue; }
            joined.Add(current);
            pending = null;
        }
        if (pending is not null)
        {
            if (joined.Count == 0) joined.Add(pending);
            else joined[^1] = joined[^1] + " " + pending;
        }
        return joined;
    }

    private static List<string> Windows(List<string> pieces)
    {
        List<string>? result = null;
        for (var p = 0; p < pieces.Count; p++)
        {
            var words = pieces[p].Split(' ');
            if (words.Length <= MaxWords)
            {
                result?.Add(pieces[p]);
                continue;
            }
            result ??= pieces.Take(p).ToList();
            var at = 0;
            while (at < words.Length)
            {
                var take = words.Length - at - MaxWords < MaxWords / 2 ? words.Length - at : MaxWords;
                result.Add(string.Join(' ', words, at, take));
                at += take;
            }
        }
        return result ?? pieces;
    }
}
