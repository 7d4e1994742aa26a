namespace NlpPipeline.Ingestion.Pages;

/// <summary>
/// A run of text between block boundaries. <see cref="Owner"/> is the block element that holds the text;
/// <see cref="Chars"/> and <see cref="LinkChars"/>
/// count non-space characters, all and inside links.
/// </summary>
internal sealed record TextBlock(ContentNode Owner, string Text, int Chars, int LinkChars, bool IsHeading, bool IsTitle)
{
    /// <summary>
    /// Whether the text sits in a generic container beside other blocks (a div holding text and child
    /// blocks, as old CMSs do) rather than in a paragraph: a p, li…, or any block with no block inside.
    /// </summary>
    public bool OwnsText => !Owner.IsParagraphLike;

    public double LinkDensity => Chars == 0 ? 0 : Math.Min(1, LinkChars / (double)Chars);
}
