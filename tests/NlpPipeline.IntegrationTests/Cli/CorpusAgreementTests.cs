using System.Text.Json;
using NlpPipeline.Core.Corpora;
using NlpPipeline.IntegrationTests.Infrastructure;

namespace NlpPipeline.IntegrationTests.Cli;

/// <summary>
/// `nlp corpus agreement` on the hand-written fixture in tests/Fixtures/Agreement: a 16-passage corpus (kk, ru, en,
/// one mixed), a31 relabelling all of it and a32 ten of the same passages. a31 differs from the corpus on intent twice
/// (k-04 considering → planning, e-02 none → discussion), on sentiment once (e-04) and on topics once (r-05 drops
/// corruption); a32 differs on sentiment (k-02), intent (r-04 planning → considering) and topics (e-05 adds security).
/// </summary>
public sealed class CorpusAgreementTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string Fixture(string name) => Path.Combine(TestPaths.Fixtures, "Agreement", name);

    private static string Corpus => Fixture("corpus");

    [Fact]
    public async Task CorpusAgreement_TwoFiles_PrintsTablesAndWritesJsonWithHandCheckedFigures()
    {
        var json = _dir.File("agreement.json");
        var r = await NlpCli.RunAsync("corpus", "agreement", Fixture("a31.jsonl"), Fixture("a32.jsonl"), "--corpus", Corpus,
            "--no-model", "--resamples", "200", "--out", json);

        Assert.True(r.ExitCode == 0, r.Output + r.Error);
        Assert.Contains("95 % intervals from 200 bootstrap resamples (seed 1)", r.Output);
        Assert.Matches(@"\| a31 \| all \| 16 \| 0\.875 \(\d\.\d{3}–\d\.\d{3}\) \| 0\.792 \|", r.Output);
        Assert.Contains("| a31 vs a32 | all | 10 | 0.800 (", r.Output);
        Assert.Contains("| a31 | mixed | 1 |", r.Output);
        Assert.Contains("| corpus \\ a31 | none | discussion | considering | planning | departed | staying |", r.Output);
        Assert.DoesNotContain("## Model", r.Output);

        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var root = doc.RootElement;
        Assert.Equal(["corpus", "resamples", "seed", "files", "against_corpus", "between_files", "model"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Null, root.GetProperty("model").ValueKind);
        Assert.Equal(["a31", "a32"], root.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("name").GetString()));

        var a31 = root.GetProperty("against_corpus")[0];
        Assert.Equal(("corpus", "a31", 16), (a31.GetProperty("reference").GetString(), a31.GetProperty("other").GetString(), a31.GetProperty("passages").GetInt32()));
        Assert.Equal(["all", "kk", "ru", "en", "mixed"], a31.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("language").GetString()));
        var all = a31.GetProperty("groups")[0];
        // Corpus intents: none 10, considering 2, planning 2, departed 2; a31: none 9, discussion 1, considering 1,
        // planning 3, departed 2. p_o = 14/16; p_e = (10·9 + 2·1 + 2·3 + 2·2)/256 = 102/256; κ = (224 − 102)/(256 − 102) = 122/154.
        var intent = all.GetProperty("intent");
        Assert.Equal(0.875, intent.GetProperty("observed").GetProperty("value").GetDouble());
        Assert.Equal(Math.Round(122.0 / 154, 4), intent.GetProperty("kappa").GetDouble());
        var f1 = intent.GetProperty("macro_f1");
        Assert.InRange(f1.GetProperty("value").GetDouble(), f1.GetProperty("low").GetDouble(), f1.GetProperty("high").GetDouble());
        Assert.Equal(15.0 / 16, all.GetProperty("sentiment").GetProperty("observed").GetProperty("value").GetDouble());
        var corruption = all.GetProperty("topics").GetProperty("per_topic").EnumerateArray().Single(t => t.GetProperty("topic").GetString() == "corruption");
        Assert.Equal((0, 1, 0, 15), (corruption.GetProperty("both").GetInt32(), corruption.GetProperty("reference_only").GetInt32(),
            corruption.GetProperty("other_only").GetInt32(), corruption.GetProperty("neither").GetInt32()));
        // The corpus tags corruption once, a31 never: 15/16 agree, exactly what chance gives (p_e = 1/16·0 + 15/16·1), so κ = 0.
        Assert.Equal(0.0, corruption.GetProperty("kappa").GetDouble());
        var education = all.GetProperty("topics").GetProperty("per_topic").EnumerateArray().Single(t => t.GetProperty("topic").GetString() == "education");
        Assert.Equal(1, education.GetProperty("both").GetInt32());
        Assert.Equal(1.0, education.GetProperty("kappa").GetDouble());
        // Nobody tags security: absent throughout, chance agreement is total, kappa undefined.
        var security = all.GetProperty("topics").GetProperty("per_topic").EnumerateArray().Single(t => t.GetProperty("topic").GetString() == "security");
        Assert.Equal(JsonValueKind.Null, security.GetProperty("kappa").ValueKind);
        var confusion = a31.GetProperty("intent_confusion").GetProperty("counts").EnumerateArray().SelectMany(row => row.EnumerateArray()).Sum(c => c.GetInt32());
        Assert.Equal(16, confusion);

        var pair = Assert.Single(root.GetProperty("between_files").EnumerateArray());
        Assert.Equal(("a31", "a32", 10), (pair.GetProperty("reference").GetString(), pair.GetProperty("other").GetString(), pair.GetProperty("passages").GetInt32()));
        Assert.Equal(0.8, pair.GetProperty("groups")[0].GetProperty("intent").GetProperty("observed").GetProperty("value").GetDouble());
    }

    [Fact]
    public async Task CorpusAgreement_BadLines_Exits1NamingFileAndLineAndWritesNothing()
    {
        var bad = _dir.File("a33.jsonl");
        File.WriteAllLines(bad,
        [
            """{"id": "k-01", "intent": "none", "topics": [], "sentiment": "neutral", "annotator": "a33"}""",
            """{"id": "k-02", "intent": "none", "topics": ["money"], "sentiment": "negative", "annotator": "a33"}""",
            """{"id": "k-03", "intent": "none", "topics": [], "annotator": "a33"}""",
            """{"id": "k-99", "intent": "none", "topics": [], "sentiment": "neutral", "annotator": "a33"}""",
            """{"id": "k-01", "intent": "none", "topics": [], "sentiment": "neutral", "annotator": "a33"}""",
            """{"id": "k-04", "intent": "considering" """,
        ]);
        var json = _dir.File("out.json");

        var r = await NlpCli.RunAsync("corpus", "agreement", Fixture("a31.jsonl"), bad, "--corpus", Corpus, "--no-model", "--out", json);

        Assert.Equal(1, r.ExitCode);
        var errors = r.Error.Split('\n').Where(l => l.StartsWith("error: ", StringComparison.Ordinal)).ToList();
        Assert.Equal(5, errors.Count);
        Assert.Contains("a33.jsonl:2: unknown topic label", errors[0]);
        Assert.Contains("a33.jsonl:3: missing field 'sentiment'", errors[1]);
        Assert.Contains("a33.jsonl:4: id 'k-99' is not a passage of the annotated corpus", errors[2]);
        Assert.Contains("a33.jsonl:5: duplicate id 'k-01' (first on line 1)", errors[3]);
        Assert.Contains("a33.jsonl:6: invalid JSON", errors[4]);
        Assert.Contains("5 bad line(s) in 1 file(s)", r.Error);
        Assert.Equal("", r.Output);
        Assert.False(File.Exists(json));
    }

    [Fact]
    public async Task CorpusAgreement_WithCommittedModel_ModelBesideAnnotatorOnTheTestPartOnly()
    {
        var corpus = AnnotatedCorpusReader.ReadFolder(Corpus);
        var split = CorpusSplit.Assign(corpus);
        var a31Ids = File.ReadLines(Fixture("a31.jsonl")).Where(l => l.Trim().Length > 0).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()!).ToList();
        var inTest = a31Ids.Count(id => split[id] == Split.Test);
        Assert.InRange(inTest, 1, a31Ids.Count - 1);
        var json = _dir.File("agreement.json");

        var r = await NlpCli.RunAsync("corpus", "agreement", Fixture("a31.jsonl"), "--corpus", Corpus,
            "--model", Path.Combine(TestPaths.RepoRoot, "models"), "--resamples", "100", "--out", json);

        Assert.True(r.ExitCode == 0, r.Output + r.Error);
        Assert.Contains($"- a31: {inTest} of 16 passages in the test part; {16 - inTest} left out (not in the test part now)", r.Output);
        Assert.Contains($"| a31 | all | {inTest} |", r.Output);
        Assert.Contains($"| model (a31's passages) | all | {inTest} |", r.Output);

        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var model = doc.RootElement.GetProperty("model");
        Assert.Matches(@"^\d{8}-[0-9a-f]{8}$", model.GetProperty("version").GetString());
        var file = Assert.Single(model.GetProperty("per_file").EnumerateArray());
        Assert.Equal((16, inTest, 16 - inTest), (file.GetProperty("passages").GetInt32(), file.GetProperty("in_test_part").GetInt32(), file.GetProperty("not_in_test_part").GetInt32()));
        Assert.Equal(inTest, file.GetProperty("model").GetProperty("passages").GetInt32());
        Assert.Equal(("corpus", "model"), (file.GetProperty("model").GetProperty("reference").GetString(), file.GetProperty("model").GetProperty("other").GetString()));
        Assert.Equal(inTest, file.GetProperty("annotator").GetProperty("passages").GetInt32());
        // The annotator's comparison on all 16 passages is still there, beside the restricted one.
        Assert.Equal(16, doc.RootElement.GetProperty("against_corpus")[0].GetProperty("passages").GetInt32());
    }

    [Fact]
    public async Task CorpusAgreement_NoModelAtTheDefaultPlace_WarnsAndReportsWithoutTheModel()
    {
        // Tests run in their output folder, where the default models folder does not exist.
        Assert.False(Directory.Exists(Path.Combine(Environment.CurrentDirectory, "models")));

        var r = await NlpCli.RunAsync("corpus", "agreement", Fixture("a32.jsonl"), "--corpus", Corpus, "--resamples", "0");

        Assert.True(r.ExitCode == 0, r.Output + r.Error);
        Assert.Contains("No model in models: the model's figures are left out", r.Error);
        Assert.Contains("| a32 | all | 10 |", r.Output);
        Assert.DoesNotContain("## Model", r.Output);
    }

    [Fact]
    public async Task CorpusAgreement_ModelAskedForButMissing_Exits1()
    {
        var r = await NlpCli.RunAsync("corpus", "agreement", Fixture("a32.jsonl"), "--corpus", Corpus, "--model", _dir.File("no-models"));
        Assert.Equal(1, r.ExitCode);
        Assert.Equal("", r.Output);
    }

    [Fact]
    public async Task CorpusAgreement_SameFileTwice_IsAUsageError()
    {
        var r = await NlpCli.RunAsync("corpus", "agreement", Fixture("a31.jsonl"), Fixture("a31.jsonl"), "--corpus", Corpus, "--no-model");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("given twice", r.Error);
    }

    [Fact]
    public async Task CorpusAgreement_ModelAndNoModel_IsAUsageError()
    {
        var r = await NlpCli.RunAsync("corpus", "agreement", Fixture("a31.jsonl"), "--corpus", Corpus, "--no-model", "--model", _dir.File("m"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("not both", r.Error);
    }

    [Fact]
    public async Task CorpusAgreement_Help_NamesEveryOption()
    {
        var r = await NlpCli.RunAsync("corpus", "agreement", "--help");
        Assert.Equal(0, r.ExitCode);
        foreach (var option in new[] { "--corpus", "--model", "--no-model", "--out", "--resamples", "--seed", "FILE" })
            Assert.Contains(option, r.Output);
    }
}
