using System.Text.Json;
using System.Text.Json.Nodes;
using NlpPipeline.IntegrationTests.Infrastructure;

namespace NlpPipeline.IntegrationTests.Annotation;

/// <summary>Issue 7: which passages a batch may take (open batches, labelled passages, closing), JSONL batches and import errors.</summary>
public sealed class AnnotationBatchTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Db => _dir.File("nlp.db");
    private static string Models => Path.Combine(TestPaths.RepoRoot, "models");

    private Task<NlpCli.Result> Nlp(params string[] args) => NlpCli.RunAsync(["--db", Db, .. args]);

    private List<long> Items(int batch) =>
        SqliteRows.Query(Db, $"SELECT passage_id FROM annotation_batch_items WHERE batch_id = {batch} ORDER BY position").Select(r => (long)r["passage_id"]!).ToList();

    [Fact]
    public async Task Sample_SkipsOpenBatchesAndLabelledPassages_CloseReleasesTheRest()
    {
        var posts = _dir.File("posts.jsonl");
        var texts = new[]
        {
            "Думаю уехать в Германию, здесь зарплаты не растут уже пятый год подряд.",
            "Мы подали документы на канадскую визу и продаём квартиру в Караганде.",
            "Two years in Prague now, no regrets: salaries are fair and nobody asks for bribes.",
            "Бүгін Алматыда қар жауды, жолдарда үлкен кептеліс болды.",
            "Инфляция съедает всё, бензин опять подорожал, а пенсии те же.",
            "Жастар шетелге кетіп жатыр, ауылда жұмыс жоқ, болашақ белгісіз.",
            "We decided to stay and fight for change instead of leaving the country.",
            "Население Казахстана выросло за год на двести тысяч человек, сообщает бюро статистики.",
            "Менің інім Польшаға көшіп кетті, енді сол жақта тұрады.",
            "The tenge fell again today against the dollar, importers are worried.",
            "Коррупция в акиматах никуда не делась, взятки берут открыто.",
            "Балаларға жақсы білім беру үшін Астанаға көшуді ойлап жүрміз.",
        };
        File.WriteAllLines(posts, texts.Select((t, i) => JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["id"] = $"q{i}", ["text"] = t, ["created_at"] = "2022-01-1" + (i % 9) + "T12:00:00+06:00", ["platform"] = "vk", ["url"] = "",
        })));
        Assert.Equal(0, (await Nlp("import", posts, "--format", "jsonl", "--source", "vk-q", "--no-classify")).ExitCode);

        var first = await Nlp("annotate", "sample", "--n", "5", "--strategy", "random", "--seed", "3", "--model", Models, "--out", _dir.File("b1.jsonl"));
        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Equal(5, Items(1).Count);
        var jsonl = File.ReadAllLines(_dir.File("b1.jsonl")).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(Items(1).Select(i => i.ToString()), jsonl.Select(l => l["id"]!.GetValue<string>()));
        Assert.All(jsonl, l => Assert.Equal(("", 1), (l["intent"]!.GetValue<string>(), l["batch"]!.GetValue<int>())));

        var second = await Nlp("annotate", "sample", "--n", "100", "--strategy", "stratified", "--model", Models, "--out", _dir.File("b2.csv"));
        Assert.True(second.ExitCode == 0, second.Error);
        Assert.Equal(7, Items(2).Count);
        Assert.Empty(Items(1).Intersect(Items(2)));

        var none = await Nlp("annotate", "sample", "--n", "5", "--model", Models, "--out", _dir.File("b3.csv"));
        Assert.Equal(2, none.ExitCode);
        Assert.Contains("No passage can be sampled", none.Error);
        Assert.False(File.Exists(_dir.File("b3.csv")));

        // Label three passages of batch 1 (JSONL, batch taken from the file), then close both batches: only the
        // seven of batch 2 and the two unlabelled of batch 1 may be drawn again.
        var labelled = _dir.File("b1-labelled.jsonl");
        File.WriteAllLines(labelled, jsonl.Select((l, i) =>
        {
            if (i < 3) { l["intent"] = "none"; l["sentiment"] = "neutral"; l["topics"] = new JsonArray("jobs"); }
            return l.ToJsonString();
        }));
        var imported = await Nlp("annotate", "import", labelled, "--annotator", "b.k");
        Assert.True(imported.ExitCode == 0, imported.Error);
        Assert.Contains("Imported 3 labelled passage(s) of batch 1 for b.k: 3 new", imported.Output);
        Assert.Contains("2 row(s) left unlabelled were skipped", imported.Output);
        Assert.Equal(0, (await Nlp("annotate", "close", "--batch", "1")).ExitCode);
        Assert.Equal(0, (await Nlp("annotate", "close", "--batch", "2")).ExitCode);
        Assert.Equal(2, (await Nlp("annotate", "close", "--batch", "2")).ExitCode);
        var third = await Nlp("annotate", "sample", "--n", "100", "--model", Models, "--out", _dir.File("b3.csv"));
        Assert.True(third.ExitCode == 0, third.Error);
        Assert.Equal(Items(2).Concat(Items(1).Skip(3)).Order(), Items(3).Order());

        var batches = await Nlp("annotate", "batches");
        Assert.Contains("| 1 |", batches.Output);
        Assert.Matches(@"\| 1 \| [^|]+ \| random \| [^|]+ \| 5 \| 3 \| b\.k \| closed \|", batches.Output);
        Assert.Matches(@"\| 3 \| [^|]+ \| uncertainty \| [^|]+ \| 9 \| 0 \|  \| open \|", batches.Output);
    }

    [Fact]
    public async Task Import_WithoutBatchOrWithBadAnnotator_FailsAndStoresNothing()
    {
        var file = _dir.File("labels.csv");
        File.WriteAllText(file, "id,intent,topics,sentiment\n1,none,,neutral\n");
        var noBatch = await Nlp("annotate", "import", file, "--annotator", "a1");
        Assert.Equal(1, noBatch.ExitCode);
        Assert.Contains("no 'batch' column; say which batch it is with --batch ID", noBatch.Error);
        var unknown = await Nlp("annotate", "import", file, "--annotator", "a1", "--batch", "4");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("there is no batch 4", unknown.Error);
        var badName = await Nlp("annotate", "import", file, "--annotator", "Айгерим Н", "--batch", "4");
        Assert.Equal(2, badName.ExitCode);
        Assert.Contains("--annotator 'Айгерим Н'", badName.Error);
        Assert.Equal(0L, SqliteRows.Query(Db, "SELECT count(*) AS n FROM annotations")[0]["n"]);
    }
}
