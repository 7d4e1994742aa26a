namespace NlpPipeline.Cli.Pipeline;

/// <summary>What one import did; printed to stdout.</summary>
internal sealed class ImportSummary(long importId, int posts, int serviceMessages, int withoutText)
{
    public long ImportId { get; } = importId;
    public int Posts { get; } = posts;
    public int ServiceMessages { get; } = serviceMessages;
    public int WithoutText { get; set; } = withoutText;
    public int New { get; set; }
    public int AlreadyStored { get; set; }
    public int Duplicates { get; set; }
    public int Passages { get; set; }
    public int Scored { get; set; }
    public string? ScoringNote { get; set; }

    public void Write(TextWriter w, string path, string sourceId)
    {
        w.WriteLine($"Import {ImportId}: {path} into source {sourceId}");
        w.WriteLine($"  posts with text: {Posts}; left out: {ServiceMessages} service message(s), {WithoutText} without text");
        w.WriteLine($"Documents: {New} new, {AlreadyStored} already stored, {Duplicates} duplicate(s); passages: {Passages}");
        if (ScoringNote is not null) w.WriteLine(ScoringNote);
    }
}
