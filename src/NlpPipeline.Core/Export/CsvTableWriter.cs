namespace NlpPipeline.Core.Export;

/// <summary>
/// Streams rows as RFC 4180 CSV with a header row (UTF-8 without a byte-order mark, like every CSV nlp writes;
/// pandas and R read it as is, and spreadsheet users import it as UTF-8).
/// </summary>
public static class CsvTableWriter
{
    public static async Task<long> WriteAsync<T>(TextWriter w, IReadOnlyList<TableColumn<T>> columns, IAsyncEnumerable<T> rows, CancellationToken ct = default)
    {
        await w.WriteLineAsync(Csv.Line(columns.Select(c => c.Name)));
        long count = 0;
        await foreach (var row in rows.WithCancellation(ct))
        {
            await w.WriteLineAsync(Csv.Line(columns.Select(c => c.Text(row))));
            count++;
        }
        return count;
    }
}
