using System.Text.RegularExpressions;

namespace NlpPipeline.Core.Text;

/// <summary>
/// Spans of text that name a person or a place on the web rather than say anything: URLs, e-mail
/// addresses, @mentions and phone numbers. The classifier sees them as placeholder tokens; language
/// identification ignores them (a Russian post with a link is not partly English).
/// </summary>
public static partial class TextMasks
{
    public const string UrlToken = "urltoken";
    public const string EmailToken = "emailtoken";
    public const string MentionToken = "mentiontoken";
    public const string PhoneToken = "phonetoken";

    private static readonly System.Buffers.SearchValues<char> SpanMarks = System.Buffers.SearchValues.Create(".:@0123456789");

    public static bool IsToken(string word) => word is UrlToken or EmailToken or MentionToken or PhoneToken;

    /// <summary>Each span replaced by its token with spaces around it (or by a space when <paramref name="tokens"/> is false).</summary>
    public static string Apply(string s, bool tokens = true)
    {
        // Every span needs one of these characters (a URL a dot or "://", an e-mail or mention "@", a phone digits):
        // most short posts have none, and skip the four expressions.
        if (s.AsSpan().IndexOfAny(SpanMarks) < 0) return s;
        s = Email().Replace(s, tokens ? $" {EmailToken} " : " ");
        s = Url().Replace(s, tokens ? $" {UrlToken} " : " ");
        s = Mention().Replace(s, tokens ? $" {MentionToken} " : " ");
        return Phone().Replace(s, tokens ? $" {PhoneToken} " : " ");
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
