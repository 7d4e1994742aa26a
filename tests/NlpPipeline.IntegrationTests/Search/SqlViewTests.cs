using NlpPipeline.Core.Analysis;
using NlpPipeline.IntegrationTests.Infrastructure;
using NlpPipeline.Storage;

namespace NlpPipeline.IntegrationTests.Search;

/// <summary>The researcher-facing SQL of migration 0008: Almaty offsets, documents_dated and labelled_passages.</summary>
public sealed class SqlViewTests : IDisposable
{
    private readonly LabelledStore _store = new();

    public SqlViewTests() => NlpDatabase.Open(_store.Path).Dispose();

    public void Dispose() => _store.Dispose();

    [Fact]
    public void AlmatyOffsets_AgreeWithTheSystemTimeZone_EveryHourFrom1990To2030()
    {
        var rows = SqliteRows.Query(_store.Path, """
            WITH RECURSIVE h(t) AS (SELECT '1990-01-01T00:00:00.000Z' UNION ALL
                                    SELECT strftime('%Y-%m-%dT%H:%M:%S.000Z', t, '+1 hour') FROM h WHERE t < '2030-12-31T23:00:00.000Z')
            SELECT t, (SELECT offset_minutes FROM almaty_offsets WHERE utc_from <= t ORDER BY utc_from DESC LIMIT 1) AS offset FROM h
            """);
        Assert.True(rows.Count > 350_000);
        var zone = ResearchCalendar.Almaty.Zone;
        var wrong = rows.Where(r =>
        {
            var t = DateTime.SpecifyKind(DateTime.Parse((string)r["t"]!, System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AdjustToUniversal), DateTimeKind.Utc);
            return (long)zone.GetUtcOffset(t).TotalMinutes != (long)r["offset"]!;
        }).Select(r => r["t"]).Take(5).ToList();
        Assert.Empty(wrong);
    }

    [Fact]
    public void DocumentsDated_OriginalsWithTrustedDates_InAlmatyTime()
    {
        var rows = SqliteRows.Query(_store.Path, "SELECT document_id, local_date, published_local, source_kind FROM documents_dated ORDER BY document_id");
        Assert.Equal([_store.D1, _store.D2, _store.D5], rows.Select(r => (long)r["document_id"]!));   // not D3 (undated), not D4 (duplicate)
        Assert.Equal("2022-01-06", rows[0]["local_date"]);
        Assert.Equal("2022-01-06 02:30:00", rows[0]["published_local"]);
        Assert.Equal("social", rows[1]["source_kind"]);
    }

    [Fact]
    public void LabelledPassages_OneRowPerPassageAndModel()
    {
        var rows = SqliteRows.Query(_store.Path, "SELECT passage_id, model_version, intent, local_date, date_flag FROM labelled_passages ORDER BY model_version, passage_id");
        Assert.Equal(6, rows.Count);                                           // 1 by the older model, 5 by the latest; P6 unscored
        Assert.Equal((_store.P1, "2026-a", "departed"), ((long)rows[0]["passage_id"]!, (string)rows[0]["model_version"]!, (string)rows[0]["intent"]!));
        var p5 = rows.Single(r => (long)r["passage_id"]! == _store.P5);
        Assert.Null(p5["local_date"]);
        Assert.Equal("undated", p5["date_flag"]);
    }
}
