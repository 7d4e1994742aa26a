namespace NlpPipeline.Ingestion.Pages;

/// <summary>
/// A run of text between block boundaries. <see cref="Owner"/> is the block element that holds the text;
/// <see cref="OwnsText"/> says whether that element is a generic container (a div holding text directly,
/// as old CMSs do) rather than a paragraph-like element. <see cref="Chars"/> and <see cref="LinkChars"/>
/// count non-space characters, all and inside links.
/// </summary>
internal sealed record TextBlock(ContentNode Owner, string Text, int Chars, int LinkChars, bool IsHeading, bool IsTitle, bool OwnsText)
{
    public double LinkDensity => Chars == 0 ? 0 : Math.Min(1, LinkChars / (double)Chars);
}
