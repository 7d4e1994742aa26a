namespace NlpPipeline.Ingestion.Telegram;

/// <summary>The readable messages of one preview page, and the count of message elements without a usable id.</summary>
public sealed record TelegramPage(IReadOnlyList<TelegramMessage> Messages, int Unreadable);
