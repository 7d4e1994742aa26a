namespace NlpPipeline.Ingestion.Imports;

/// <summary>Files <c>nlp import</c> reads: a Telegram Desktop export (result.json), JSON Lines or CSV post dumps.</summary>
public enum ImportFormat { TelegramJson, Jsonl, Csv }

public static class ImportFormatNames
{
    public static readonly IReadOnlyList<string> Names = ["telegram-json", "jsonl", "csv"];

    public static string ToWire(this ImportFormat f) => f switch
    {
        ImportFormat.TelegramJson => "telegram-json",
        ImportFormat.Jsonl => "jsonl",
        ImportFormat.Csv => "csv",
        _ => throw new ArgumentOutOfRangeException(nameof(f)),
    };

    public static bool TryParse(string? s, out ImportFormat format)
    {
        format = s switch { "telegram-json" => ImportFormat.TelegramJson, "jsonl" => ImportFormat.Jsonl, "csv" => ImportFormat.Csv, _ => (ImportFormat)(-1) };
        return Enum.IsDefined(format);
    }
}
