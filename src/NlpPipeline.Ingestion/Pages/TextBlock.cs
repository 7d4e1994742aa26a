using AngleSharp.Dom;

namespace NlpPipeline.Ingestion.Pages;

/// <summary>
/// A run of text between block boundaries. <see cref="Element"/> is the element that holds the text;
/// <see cref="OwnsText"/> says whether that element is a generic container (a div holding text directly,
/// as old CMSs do) rather than a paragraph-like element.
/// </summary>
internal sealed record TextBlock(IElement Element, string Text, int LinkChars, bool IsHeading, bool IsTitle, bool OwnsText)
{
    public double LinkDensity => Text.Length == 0 ? 0 : Math.Min(1, LinkChars / (double)Text.Length);
}
