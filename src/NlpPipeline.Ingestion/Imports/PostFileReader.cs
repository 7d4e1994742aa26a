using System.Text;
using System.Text.Json;

namespace NlpPipeline.Ingestion.Imports;

/// <summary>
/// Reads and validates a whole import file before anything is stored: every bad line is collected and
/// reported together (<see cref="ImportFileException"/>), so a file imports completely or not at all.
/// An id that appears twice in one file is a problem too: the dump is not what it claims to be.
/// </summary>
public static class PostFileReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    public static ImportBatch Read(string path, ImportFormat format, string? platform)
    {
        var bytes = File.ReadAllBytes(path);
        var problems = new List<(int, string)>();
        ImportBatch batch;
        try
        {
            batch = format switch
            {
                ImportFormat.TelegramJson => TelegramExportReader.Read(bytes, platform ?? "telegram", problems),
                ImportFormat.Jsonl => PostDumpReader.ReadJsonl(Utf8(bytes, path), platform, problems),
                ImportFormat.Csv => PostDumpReader.ReadCsv(Utf8(bytes, path), platform, problems),
                _ => throw new ArgumentOutOfRangeException(nameof(format)),
            };
        }
        catch (JsonException ex)
        {
            throw new ImportFileException(path, [((int)(ex.LineNumber ?? -1) + 1, $"not valid JSON ({ex.Message})")]);
        }
        foreach (var twice in batch.Posts.GroupBy(p => (p.Platform, p.Id)).Where(g => g.Count() > 1))
            problems.Add((twice.Skip(1).First().Line, $"id {twice.Key.Id} appears {twice.Count()} times (first on line {twice.First().Line})"));
        if (problems.Count > 0) throw new ImportFileException(path, [.. problems.OrderBy(p => p.Item1)]);
        return batch;
    }

    private static string Utf8(byte[] bytes, string path)
    {
        try
        {
            var skip = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
            return StrictUtf8.GetString(bytes, skip, bytes.Length - skip);
        }
        catch (DecoderFallbackException ex)
        {
            throw new ImportFileException(path, [(0, $"the file is not UTF-8 (byte {ex.Index}); save it as UTF-8 and import again")]);
        }
    }
}
