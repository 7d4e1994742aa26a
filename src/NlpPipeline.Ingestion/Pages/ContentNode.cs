using AngleSharp.Dom;

namespace NlpPipeline.Ingestion.Pages;

/// <summary>
/// A block-level element (or an element named as furniture) of a page, with totals over the text blocks
/// of its subtree. Its blocks are the contiguous range <see cref="FirstBlock"/>..<see cref="EndBlock"/>
/// of <see cref="PageTree.Blocks"/>, because blocks are collected in document order.
/// </summary>
internal sealed class ContentNode(IElement element, string tag, ContentNode? parent, Furniture furniture, bool isStory)
{
    public IElement Element { get; } = element;
    public string Tag { get; } = tag;
    public ContentNode? Parent { get; } = parent;
    public Furniture Furniture { get; } = furniture;

    /// <summary>article, main, or itemprop=articleBody.</summary>
    public bool IsStory { get; } = isStory;

    /// <summary>Whether another block element lies inside this one.</summary>
    public bool HasChildBlocks { get; set; }

    /// <summary>
    /// A p, li, heading…, or a block holding one run of inline text and nothing else (a div used as a
    /// paragraph). A block whose text is cut by double line breaks holds several paragraphs: a container.
    /// </summary>
    public bool IsParagraphLike => TextBlocks.IsParagraphTag(Tag) || !HasChildBlocks && EndBlock - FirstBlock <= 1;

    public int FirstBlock { get; set; }
    public int EndBlock { get; set; }

    /// <summary>Removed as furniture, itself or with an ancestor.</summary>
    public bool Removed { get; set; }

    // Totals over the whole subtree (before furniture is removed).
    public int Chars { get; set; }
    public int ParagraphChars { get; set; }
    public int TitleCount { get; set; }
    public int StoryCount { get; set; }

    // Totals over what is left after furniture is removed.
    public int KeptChars { get; set; }
    public int KeptLinkChars { get; set; }
    public int KeptParagraphChars { get; set; }
    public int KeptStoryCount { get; set; }

    public double Score { get; set; }

    public double KeptLinkDensity => KeptChars == 0 ? 0 : Math.Min(1, KeptLinkChars / (double)KeptChars);
}
