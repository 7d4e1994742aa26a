using NlpPipeline.Core.Export;

namespace NlpPipeline.IntegrationTests.Infrastructure;

/// <summary>Reads RFC 4180 CSV (quoted fields may hold commas, quotes and line breaks), to check exports as pandas would read them.</summary>
public static class CsvText
{
    public static List<string[]> Parse(string text) => CsvRecords.Read(text).Select(r => r.Fields.ToArray()).ToList();
}
