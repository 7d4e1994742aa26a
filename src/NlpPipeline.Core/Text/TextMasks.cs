using System.Text.RegularExpressions;

namespace NlpPipeline.Core.Text;

/// <summary>
/// Spans of text that name a person or a place on the web rather than say anything: URLs, e-mail
/// addresses, @mentions and phone numbers. The classifier and language identification both leave them out (a passage
/// keeps its labels with or without a link, and a Russian post with a link is not partly English).
/// </summary>
public static partial class TextMasks
{
    private static readonly System.Buffers.SearchValues<char> SpanMarks = System.Buffers.SearchValues.Create(".:@0123456789");

    /// <summary>Each span replaced by a space.</summary>
    public static string Apply(string s)
    {
        // Every span needs one of these characters (a URL a dot or "://", an e-mail or mention "@", a phone digits):
        // most short posts have none, and skip the four expressions.
        if (s.AsSpan().IndexOfAny(SpanMarks) < 0) return s;
        // Each expression runs only when the text has what any match of it must contain (checked on the text as the
        // expressions before have left it), so the result is the same as running all four, at a fraction of the cost:
        // a dot ends most sentences, and the e-mail and URL expressions try a match at every word character.
        if (s.Contains('@')) s = Email().Replace(s, " ");
        if (MayHoldUrl(s)) s = Url().Replace(s, " ");
        if (s.Contains('@')) s = Mention().Replace(s, " ");
        return MayHoldPhone(s) ? Phone().Replace(s, " ") : s;
    }

    /// <summary>
    /// False only when <see cref="Url"/> cannot match: every match holds "://", "www." (any case) or a dot followed by
    /// a top-level domain, whose first character (in any case the expression accepts) is a letter.
    /// </summary>
    internal static bool MayHoldUrl(string s)
    {
        if (s.Contains("://", StringComparison.Ordinal) || s.Contains("www.", StringComparison.OrdinalIgnoreCase)) return true;
        for (var i = s.IndexOf('.'); i >= 0 && i + 1 < s.Length; i = s.IndexOf('.', i + 1))
            if (char.IsLetter(s[i + 1])) return true;
        return false;
    }

    /// <summary>
    /// False only when <see cref="Phone"/> cannot match: a match of its second form holds a '+', one of its first form
    /// eleven digits (<c>7</c> or <c>8</c>, then 3 + 3 + 2 + 2 of <c>\d</c>, any decimal digit), so a text without a '+'
    /// and with fewer digits (a year, a count, a passage number) skips the expression.
    /// </summary>
    internal static bool MayHoldPhone(string s)
    {
        var digits = 0;
        foreach (var c in s)
            if (c == '+' || (char.IsDigit(c) && ++digits >= 11)) return true;
        return false;
    }

    /// <summary>The four expressions run unconditionally: what <see cref="Apply"/> must equal (tests compare the two).</summary>
    internal static string ApplyEveryExpression(string s)
    {
        s = Email().Replace(s, " ");
        s = Url().Replace(s, " ");
        s = Mention().Replace(s, " ");
        return Phone().Replace(s, " ");
    }

    [GeneratedRegex(@"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")]
    private static partial Regex Email();

    [GeneratedRegex(@"\b(?:https?://|www\.)\S+|\b[\w\-]+(?:\.[\w\-]+)*\.(?:kz|ru|com|org|net|me|io|info|uz|kg)(?:/\S*)?", RegexOptions.IgnoreCase)]
    private static partial Regex Url();

    [GeneratedRegex(@"(?<![\w@])@[\w.]{2,}")]
    private static partial Regex Mention();

    [GeneratedRegex(@"(?<![\d+])(?:\+?7|8)[\s\-(]*\d{3}[\s\-)]*\d{3}[\s\-]*\d{2}[\s\-]*\d{2}(?!\d)|\+\d{1,3}[\s\-(]*\d[\d\s\-()]{7,}\d")]
    private static partial Regex Phone();
}
