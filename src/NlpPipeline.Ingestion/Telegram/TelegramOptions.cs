namespace NlpPipeline.Ingestion.Telegram;

/// <summary>How far back one run reads a channel: at most <see cref="MaxPages"/> preview pages (about 20 messages each).</summary>
public sealed record TelegramOptions(int MaxPages)
{
    public const int DefaultMaxPages = 5;

    public static TelegramOptions Default { get; } = new(DefaultMaxPages);

    public IEnumerable<string> Validate()
    {
        if (MaxPages is < 1 or > 1000) yield return "telegram pages per run must be between 1 and 1000";
    }
}
