using System.Text.Json;
using NlpPipeline.Core.Export;
using NlpPipeline.IntegrationTests.Infrastructure;
using Parquet;
using Parquet.Schema;

namespace NlpPipeline.IntegrationTests.Cli;

/// <summary>`nlp export passages|documents` in CSV, JSON Lines and Parquet, read back and checked value by value.</summary>
public sealed class ExportTablesTests : IDisposable
{
    private readonly LabelledStore _store = new();

    public void Dispose() => _store.Dispose();

    private Task<NlpCli.Result> Run(params string[] args) => NlpCli.RunAsync([.. args, "--db", _store.Path]);

    internal static async Task<Dictionary<string, Array>> ReadParquetAsync(string path, Dictionary<string, DataField> fields)
    {
        await using var reader = await ParquetReader.CreateAsync(path);
        var columns = new Dictionary<string, List<object?>>();
        foreach (var f in reader.Schema.DataFields) { fields[f.Name] = f; columns[f.Name] = []; }
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var n = (int)group.RowCount;
            foreach (var f in reader.Schema.DataFields)
                columns[f.Name].AddRange(await ReadColumnAsync(group, f, n));
        }
        return columns.ToDictionary(kv => kv.Key, kv => (Array)kv.Value.ToArray());
    }

    private static async Task<Dictionary<string, string>> PhysicalSchemaAsync(string path)
    {
        await using var reader = await ParquetReader.CreateAsync(path);
        return reader.Metadata!.Schema.Skip(1).ToDictionary(e => e.Name,
            e => $"{e.Type}/{(e.ConvertedType is { } c ? c.ToString() : "-")}/{e.RepetitionType}{Logical(e.LogicalType)}");
    }

    /// <summary>The logical type set on a schema element, with its settings: "/TIMESTAMP(IsAdjustedToUTC=True,Unit=MILLIS)".</summary>
    private static string Logical(object? logical)
    {
        if (logical is null) return "";
        var set = logical.GetType().GetProperties().Select(p => (p.Name, Value: p.GetValue(logical))).Where(p => p.Value is not null).ToList();
        return string.Concat(set.Select(p => "/" + p.Name + "(" + string.Join(",", p.Value!.GetType().GetProperties()
            .Select(q => (q.Name, V: q.GetValue(p.Value))).Where(q => q.V is not null)
            .Select(q => q.Name + "=" + (q.V!.GetType().IsPrimitive ? q.V : q.V.GetType().GetProperties().FirstOrDefault(r => r.GetValue(q.V) is not null)?.Name))) + ")"));
    }

    private static async Task<IEnumerable<object?>> ReadColumnAsync(ParquetRowGroupReader group, DataField f, int n)
    {
        var type = Nullable.GetUnderlyingType(f.ClrType) ?? f.ClrType;
        if (type == typeof(string) || type == typeof(ReadOnlyMemory<char>))
        {
            var s = new string?[n];
            await group.ReadAsync(f, s.AsMemory(), null);
            return s;
        }
        if (type == typeof(long)) return await Typed<long>();
        if (type == typeof(double)) return await Typed<double>();
        if (type == typeof(DateTime)) return await Typed<DateTime>();
        if (type == typeof(DateOnly)) return await Typed<DateOnly>();
        throw new InvalidOperationException($"unexpected column type {f.ClrType} of {f.Name}");

        async Task<IEnumerable<object?>> Typed<T>() where T : struct
        {
            var a = new T?[n];
            await group.ReadAsync<T>(f, a.AsMemory(), null);
            return a.Select(v => v is { } x ? (object?)x : null);
        }
    }

    [Fact]
    public async Task ExportPassages_Parquet_TypedColumns_ValuesAndNulls()
    {
        var path = _store.File("p.parquet");
        var r = await Run("export", "passages", "--format", "parquet", "--out", path);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains($"Exported 6 passage(s) to {path} with labels from model {LabelledStore.Latest}.", r.Output);

        var fields = new Dictionary<string, DataField>();
        var c = await ReadParquetAsync(path, fields);
        // The physical schema, as pyarrow and R's arrow read it: int64, double, UTF-8 strings, UTC millisecond timestamps, dates.
        var physical = await PhysicalSchemaAsync(path);
        Assert.StartsWith("INT64/INT_64/OPTIONAL", physical["passage_id"]);
        Assert.StartsWith("DOUBLE/-/OPTIONAL", physical["p_intent_planning"]);
        Assert.StartsWith("BYTE_ARRAY/UTF8/OPTIONAL", physical["text"]);
        Assert.StartsWith("INT64/-/OPTIONAL", physical["published"]);
        Assert.Contains("/TIMESTAMP(IsAdjustedToUTC=True,Unit=MILLIS)", physical["published"]);
        Assert.StartsWith("INT32/DATE/OPTIONAL", physical["local_date"]);

        var ids = c["passage_id"].Cast<long?>().ToList();
        Assert.Equal([_store.P1, _store.P2, _store.P3, _store.P4, _store.P5, _store.P6], ids.Select(i => i!.Value));
        var p1 = ids.IndexOf(_store.P1);
        // Parquet.Net reads a UTC timestamp back with Kind=Unspecified: it is UTC.
        Assert.Equal(new DateTime(2022, 1, 5, 20, 30, 0), (DateTime)c["published"].GetValue(p1)!);
        Assert.Equal(0L, c["published_offset_minutes"].GetValue(p1));
        Assert.Equal(new DateTime(2022, 1, 6), c["local_date"].GetValue(p1));   // a DATE column reads back as a DateTime at midnight
        Assert.Equal("considering", c["intent"].GetValue(p1));
        Assert.Equal("wages_prices", c["topics"].GetValue(p1));
        Assert.Equal(0.7, (double)c["p_intent_considering"].GetValue(p1)!, 6);
        Assert.Equal(0.8, (double)c["p_topic_wages_prices"].GetValue(p1)!, 6);
        Assert.Equal(-0.4, (double)c["sentiment_score"].GetValue(p1)!, 6);
        Assert.Equal("news", c["source_kind"].GetValue(p1));

        var p5 = ids.IndexOf(_store.P5);           // undated
        Assert.Null(c["published"].GetValue(p5));
        Assert.Null(c["local_date"].GetValue(p5));
        Assert.Equal("undated", c["date_flag"].GetValue(p5));
        var p6 = ids.IndexOf(_store.P6);           // not scored by the model
        Assert.Null(c["intent"].GetValue(p6));
        Assert.Null(c["p_sentiment_negative"].GetValue(p6));
        Assert.Null(c["model_version"].GetValue(p6));
        Assert.Equal(360L, c["published_offset_minutes"].GetValue(p6));
    }

    [Fact]
    public async Task ExportPassages_Csv_HasAProbabilityColumnPerLabel_AndFiltersApply()
    {
        var path = _store.File("p.csv");
        var r = await Run("export", "passages", "--format", "csv", "--out", path, "--topic", "wages_prices");
        Assert.Equal(0, r.ExitCode);
        var lines = File.ReadAllLines(path);                            // passages hold no line breaks here
        Assert.Equal(3, lines.Length);
        Assert.Equal(3, CsvText.Parse(File.ReadAllText(path)).Count);
        var header = lines[0].Split(',');
        Assert.Equal(["passage_id", "document_id", "ordinal", "canonical_url", "source", "outlet", "source_kind", "published",
            "published_offset_minutes", "local_date", "date_flag", "language", "model_version", "intent", "topics", "sentiment", "sentiment_score"], header[..17]);
        Assert.Equal(6 + 11 + 3, header.Count(h => h.StartsWith("p_", StringComparison.Ordinal)));
        Assert.Equal("text", header[^1]);
        Assert.StartsWith($"{_store.P3},{_store.D2},0,https://t.me/step/2,ru-chan,Канал Степь,social,2022-01-20T10:00:00+06:00,360,2022-01-20,ok,ru,{LabelledStore.Latest},planning,wages_prices;uncertainty,negative,-0.4,0.06,0.06,0.06,0.7,", lines[2]);
        Assert.EndsWith(",\"Мы решили уехать из страны: цены растут, ёлки дорогие.\"", lines[2]);
        Assert.NotEqual(0xEF, File.ReadAllBytes(path)[0]);   // no byte-order mark
    }

    [Fact]
    public async Task ExportPassages_Jsonl_ProbabilitiesAsObjects()
    {
        var path = _store.File("p.jsonl");
        var r = await Run("export", "passages", "--format", "jsonl", "--out", path, "--text", "мектеп");
        Assert.Equal(0, r.ExitCode);
        using var json = JsonDocument.Parse(Assert.Single(File.ReadAllLines(path)));
        var o = json.RootElement;
        Assert.Equal(_store.P2, o.GetProperty("passage_id").GetInt64());
        Assert.Equal("2022-01-06T02:30:00+06:00".Length, o.GetProperty("published").GetString()!.Length);
        Assert.Equal("2022-01-05T20:30:00+00:00", o.GetProperty("published").GetString());
        Assert.Equal("2022-01-06", o.GetProperty("local_date").GetString());
        Assert.Equal(0.7, o.GetProperty("intent_probs").GetProperty("none").GetDouble(), 6);
        Assert.Equal(11, o.GetProperty("topic_probs").EnumerateObject().Count());
        Assert.Equal(0.6, o.GetProperty("sentiment_probs").GetProperty("positive").GetDouble(), 6);
        Assert.Equal("education", o.GetProperty("topics")[0].GetString());
    }

    /// <summary>D2's score: P3 (-0.4) and P4 (0) weighted by length (LABELS.md), as the CSV writes it.</summary>
    private static string DocumentSentiment()
    {
        double l3 = "Мы решили уехать из страны: цены растут, ёлки дорогие.".Length, l4 = "В селе живут казак и мой брат, они никуда не едут.".Length;
        return Csv.Number(-0.4 * l3 / (l3 + l4));
    }

    [Fact]
    public async Task ExportPassages_NeedsOut()
    {
        var r = await Run("export", "passages", "--format", "csv");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--out", r.Error);
    }

    [Fact]
    public async Task ExportDocuments_CsvAndParquet_WithPassageFilters_KeepDuplicatesOfMatches()
    {
        var csv = _store.File("d.csv");
        var r = await Run("export", "documents", "--format", "csv", "--out", csv, "--intent", "planning");
        Assert.Equal(0, r.ExitCode);
        var rows = CsvText.Parse(File.ReadAllText(csv));
        Assert.Equal(3, rows.Count);                                    // D2 and its duplicate D4
        Assert.Equal(["id", "canonical_url", "source", "outlet", "published", "fetched_at", "title", "language", "duplicate_of", "intent", "topics",
            "sentiment_score", "model_version", "date_source", "date_detail", "date_flag", "published_claimed", "text"], rows[0]);
        Assert.Equal([$"{_store.D2}", "https://t.me/step/2", "ru-chan", "Канал Степь", "2022-01-20T10:00:00+06:00", "2022-03-01T00:00:00+00:00", "Title", "ru", "",
            "planning", "wages_prices;uncertainty", DocumentSentiment(), LabelledStore.Latest, "feed", "", "ok", ""], rows[1][..17]);
        Assert.Equal("Мы решили уехать из страны: цены растут, ёлки дорогие.\n\nВ селе живут казак и мой брат, они никуда не едут.", rows[1][17]);
        Assert.Equal($"{_store.D2}", rows[2][8]);
        Assert.Equal("planning", rows[2][9]);

        var parquet = _store.File("d.parquet");
        r = await Run("export", "documents", "--format", "parquet", "--out", parquet, "--from", "2022-01-06", "--to", "2022-01-06");
        Assert.Equal(0, r.ExitCode);
        var fields = new Dictionary<string, DataField>();
        var c = await ReadParquetAsync(parquet, fields);
        Assert.Equal([_store.D1], c["id"].Cast<long?>().Select(i => i!.Value));
        Assert.Equal("considering", c["intent"].GetValue(0));           // P1 considering outranks P2 none
        double l1 = "Жастар Қазақстаннан көшіп кетуді ойлап жүр, жалақы аз.".Length, l2 = "Ауылда жаңа мектеп ашылды, балалар қуанышты.".Length;
        Assert.Equal((-0.4 * l1 + 0.4 * l2) / (l1 + l2), (double)c["sentiment_score"].GetValue(0)!, 4);   // length-weighted (LABELS.md)
    }

    [Fact]
    public async Task ExportDocuments_JsonlToStdout_StillTheDefault()
    {
        var r = await Run("export", "documents");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(5, r.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Theory]
    [InlineData("passages")]
    [InlineData("documents")]
    public async Task ExportParquet_ReadByDuckDb_SameTableAsTheCsv(string table)
    {
        var csv = _store.File(table + ".csv");
        var parquet = _store.File(table + ".parquet");
        Assert.Equal(0, (await Run("export", table, "--format", "csv", "--out", csv)).ExitCode);
        Assert.Equal(0, (await Run("export", table, "--format", "parquet", "--out", parquet)).ExitCode);

        var read = await DuckDbParquet.ReadAsync(parquet);

        read.AssertSameAs(CsvText.Parse(await File.ReadAllTextAsync(csv)));
        Assert.True(read.Rows > 1);
        Assert.Equal("TIMESTAMP WITH TIME ZONE", read.TypeOf("published"));
        Assert.Equal("DOUBLE", read.TypeOf("sentiment_score"));
        if (table == "documents") Assert.Equal("BIGINT", read.TypeOf("duplicate_of"));
        else
        {
            Assert.Equal("BIGINT", read.TypeOf("document_id"));
            Assert.Equal("DATE", read.TypeOf("local_date"));
            Assert.Equal("DOUBLE", read.TypeOf("p_topic_wages_prices"));
            Assert.Contains(read.Data, row => row.GetProperty("published").ValueKind == System.Text.Json.JsonValueKind.Null);
        }
    }

    [Fact]
    public async Task ExportParquet_ToStdout_IsRefused()
    {
        var r = await Run("export", "documents", "--format", "parquet");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--out", r.Error);
    }
}
