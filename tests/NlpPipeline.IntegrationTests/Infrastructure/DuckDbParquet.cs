using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace NlpPipeline.IntegrationTests.Infrastructure;

/// <summary>
/// Reads a Parquet file with DuckDB's own reader (through <c>tools/parquet-check</c>, Node.js and the npm package
/// <c>@duckdb/node-api</c>, installed by the test project's build), so an export is checked by an implementation other
/// than the library that wrote it, the way a researcher's pandas, R or DuckDB session would meet it.
/// </summary>
public sealed record DuckDbParquet(long Rows, IReadOnlyList<(string Name, string Type)> Columns, IReadOnlyList<JsonElement> Data)
{
    private static string Tool => Path.Combine(TestPaths.RepoRoot, "tools", "parquet-check");

    public string TypeOf(string column) => Columns.Single(c => c.Name == column).Type;

    public static async Task<DuckDbParquet> ReadAsync(string path)
    {
        if (!Directory.Exists(Path.Combine(Tool, "node_modules", "@duckdb")))
            throw new InvalidOperationException($"DuckDB for Node.js is not installed in {Tool}: build the test project (it runs 'npm ci' there) or run 'npm ci --prefix {Tool}'.");
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(Tool, "read.mjs"));
        start.ArgumentList.Add(path);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"DuckDB could not read {path}: {await stderr}");
        var root = JsonDocument.Parse(await stdout).RootElement;
        return new DuckDbParquet(root.GetProperty("rows").GetInt64(),
            root.GetProperty("columns").EnumerateArray().Select(c => (c.GetProperty("name").GetString()!, c.GetProperty("type").GetString()!)).ToList(),
            root.GetProperty("data").EnumerateArray().ToList());
    }

    /// <summary>
    /// Asserts that DuckDB read the same table as the CSV export of the same rows: same columns in the same order, same
    /// number of rows, and every value equal (numbers to the CSV's last digit, instants as instants, null as an empty CSV field).
    /// </summary>
    public void AssertSameAs(List<string[]> csv)
    {
        Assert.Equal(csv[0], Columns.Select(c => c.Name).ToArray());
        Assert.Equal(csv.Count - 1, Rows);
        Assert.Equal(csv.Count - 1, Data.Count);
        for (var r = 0; r < Data.Count; r++)
            for (var c = 0; c < Columns.Count; c++)
            {
                var (name, type) = Columns[c];
                var expected = csv[r + 1][c];
                var actual = Data[r].GetProperty(name);
                if (actual.ValueKind == JsonValueKind.Null)
                {
                    Assert.True(expected == "", $"row {r + 1}, {name}: DuckDB read null, CSV has '{expected}'");
                    continue;
                }
                var at = $"row {r + 1}, {name} ({type})";
                switch (type)
                {
                    case "DOUBLE":
                        // CSV rounds (to 4 or 6 places); Parquet keeps the exact double: equal to the CSV's last digit.
                        var decimals = expected.Contains('.') ? expected.Length - expected.IndexOf('.') - 1 : 0;
                        var tolerance = 0.5 * Math.Pow(10, -Math.Max(decimals, 4)) + 1e-12;
                        Assert.True(Math.Abs(actual.GetDouble() - double.Parse(expected, CultureInfo.InvariantCulture)) <= tolerance, $"{at}: {actual} vs {expected}");
                        break;
                    case "TIMESTAMP WITH TIME ZONE":
                        var read = actual.GetString()!;
                        if (read.Length > 3 && read[^3] is '+' or '-') read += ":00";   // DuckDB writes "+00"
                        Assert.True(DateTimeOffset.Parse(read, CultureInfo.InvariantCulture) == DateTimeOffset.Parse(expected, CultureInfo.InvariantCulture), $"{at}: {read} vs {expected}");
                        break;
                    default:   // BIGINT arrives as a string of digits, DATE as yyyy-MM-dd, VARCHAR as itself
                        Assert.True(expected == actual.GetString(), $"{at}: '{actual}' vs '{expected}'");
                        break;
                }
            }
    }
}
