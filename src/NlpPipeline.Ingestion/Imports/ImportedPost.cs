namespace NlpPipeline.Ingestion.Imports;

/// <summary>
/// One post read from an import file. <see cref="Id"/> is unique within <see cref="Platform"/> and the
/// file's chat; <see cref="Url"/> is the post's public address when the file gives one (http or https).
/// <see cref="Author"/> is the raw author id or name, to be hashed before anything is stored.
/// <see cref="Line"/> is where the post starts in the file (for Telegram JSON, its message's index).
/// </summary>
public sealed record ImportedPost(string Platform, string Id, string Text, DateTimeOffset? CreatedAt, Uri? Url, string? Author, int Line)
{
    /// <summary>The post's identity for storage: its URL, else a URN from platform and id.</summary>
    public Uri Identity => Url ?? new Uri($"urn:nlp:{Uri.EscapeDataString(Platform)}:{Uri.EscapeDataString(Id)}");
}
