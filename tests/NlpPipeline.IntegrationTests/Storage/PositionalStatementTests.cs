using System.Text;
using NlpPipeline.IntegrationTests.Infrastructure;
using NlpPipeline.Storage;

namespace NlpPipeline.IntegrationTests.Storage;

/// <summary>The store binds document and passage texts as UTF-8 encoded when the document is prepared; what SQLite stores
/// must be byte for byte what binding the string stored.</summary>
public sealed class PositionalStatementTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly NlpDatabase _db;

    public PositionalStatementTests() => _db = NlpDatabase.Open(_dir.File("nlp.db"));

    public void Dispose()
    {
        _db.Dispose();
        _dir.Dispose();
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain ASCII")]
    [InlineData("Жалақы өте аз: Қазақстан, Әлем, Ғылым, Өнер, Ұлт, Үй, Һ, І")]
    [InlineData("Уехать? «Нет» — 🙂 № 5, ₸ 10 000")]
    [InlineData("lone high \uD801 and low \uDC00 surrogates")]
    [InlineData("e\u0301 combining")]
    [InlineData("a\0b")]
    public void BindUtf8_StoresTheSameBytesAsBindingTheString(string text)
    {
        using (var create = new PositionalStatement(_db.Connection, "CREATE TABLE t (way TEXT NOT NULL, value TEXT NOT NULL)")) create.Execute();
        using (var insert = new PositionalStatement(_db.Connection, "INSERT INTO t (way, value) VALUES (?1, ?2)"))
        {
            insert.Bind(1, "string");
            insert.Bind(2, text);
            insert.Execute();
            insert.Bind(1, "utf8");
            insert.Bind(2, Encoding.UTF8.GetBytes(text).AsSpan());
            insert.Execute();
        }
        using var read = _db.Command("SELECT way, typeof(value), hex(CAST(value AS BLOB)) FROM t ORDER BY way");
        using var r = read.ExecuteReader();
        var rows = new List<(string Way, string Type, string Hex)>();
        while (r.Read()) rows.Add((r.GetString(0), r.GetString(1), r.GetString(2)));
        Assert.Equal(["string", "utf8"], rows.Select(x => x.Way));
        Assert.Equal("text", rows[1].Type);
        Assert.Equal(rows[0].Type, rows[1].Type);
        Assert.Equal(rows[0].Hex, rows[1].Hex);
        Assert.Equal(Convert.ToHexString(Encoding.UTF8.GetBytes(text)), rows[1].Hex);
    }
}
