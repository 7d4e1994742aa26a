namespace NlpPipeline.Ingestion.Imports;

/// <summary>
/// A whole import file, validated: its posts with text, and how many entries were left out on purpose
/// (Telegram service messages, posts with no text such as a photo alone).
/// <see cref="ChatName"/> is the Telegram chat's name when the file is an export.
/// </summary>
public sealed record ImportBatch(IReadOnlyList<ImportedPost> Posts, int ServiceMessages, int WithoutText, string? ChatName);
