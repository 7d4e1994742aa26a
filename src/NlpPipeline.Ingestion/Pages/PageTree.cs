namespace NlpPipeline.Ingestion.Pages;

/// <summary>The block elements of a page in document order (the root first) and its text blocks in document order.</summary>
internal sealed class PageTree(List<ContentNode> nodes, List<TextBlock> blocks)
{
    public List<ContentNode> Nodes { get; } = nodes;
    public List<TextBlock> Blocks { get; } = blocks;
    public ContentNode Root => Nodes[0];
}
