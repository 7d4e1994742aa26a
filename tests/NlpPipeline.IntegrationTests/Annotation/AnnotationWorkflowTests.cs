using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NlpPipeline.Cli;
using NlpPipeline.Core.Annotation;
using NlpPipeline.Core.Corpora;
using NlpPipeline.Core.Domain;
using NlpPipeline.Core.Export;
using NlpPipeline.Core.Labels;
using NlpPipeline.IntegrationTests.Infrastructure;

namespace NlpPipeline.IntegrationTests.Annotation;

/// <summary>
/// Issue 7 end to end, on a small corpus so it stays quick: a store of passages whose true labels the test
/// knows → sample → two annotators (one right, one who disagrees on some passages) → import → agreement →
/// resolve → export → train with the annotations → compare → promote (and a refusal) → reclassify, killed
/// and resumed; each step checked in the database.
/// </summary>
public sealed class AnnotationWorkflowTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Db => _dir.File("nlp.db");
    private string Models => _dir.File("models");
    private string Corpus => _dir.File("corpus");

    private Task<NlpCli.Result> Nlp(params string[] args) => NlpCli.RunAsync(["--db", Db, .. args]);

    private long Scalar(string sql) => Convert.ToInt64(SqliteRows.Query(Db, sql)[0].Values.First());

    private static List<string> CorpusLines() =>
        Directory.GetFiles(Path.Combine(TestPaths.RepoRoot, "corpora", "annotated"), "*.jsonl").Order(StringComparer.Ordinal)
            .SelectMany(File.ReadLines).Where(l => l.Trim().Length > 0)
            .OrderBy(l => JsonNode.Parse(l)!["id"]!.GetValue<string>(), StringComparer.Ordinal).ToList();

    [Fact]
    public async Task Issue7_SampleLabelImportAgreeResolveTrainComparePromoteReclassify()
    {
        // A small training corpus (every tenth passage of the committed one), and a store of 60 other passages
        // whose labels the test knows, plus two copies of the small corpus's test passages.
        var lines = CorpusLines();
        Directory.CreateDirectory(Corpus);
        var subset = lines.Where((_, i) => i % 10 == 0).ToList();
        File.WriteAllLines(Path.Combine(Corpus, "subset.jsonl"), subset);
        var subsetPassages = AnnotatedCorpusReader.ReadFolder(Corpus);
        var split = CorpusSplit.Assign(subsetPassages);
        var testTexts = subsetPassages.Where(p => split[p.Id] == Split.Test).Take(2).ToList();
        var known = lines.Where((_, i) => i % 10 == 5).Take(60).Select(l => AnnotatedCorpusReader.ParseLine("corpus", 1, l)).Concat(testTexts)
            .Select((p, i) => (Post: $"p{i:D3}", Passage: p)).ToList();
        var truth = known.ToDictionary(k => k.Post, k => k.Passage);
        for (var half = 0; half < 2; half++)
        {
            var posts = _dir.File($"posts-{half}.jsonl");
            File.WriteAllLines(posts, known.Where((_, i) => i % 2 == half).Select((k, i) => JsonSerializer.Serialize(new Dictionary<string, string>
            {
                ["id"] = k.Post, ["text"] = k.Passage.Text, ["created_at"] = $"2022-{1 + i % 6:D2}-{1 + i % 27:D2}T10:00:00+06:00", ["platform"] = "vk", ["url"] = "",
            })));
            var imported = await Nlp("import", posts, "--format", "jsonl", "--source", $"dump-{half}", "--no-classify");
            Assert.True(imported.ExitCode == 0, imported.Error);
        }
        var passageOfPost = SqliteRows.Query(Db, "SELECT p.id, d.canonical_url FROM passages p JOIN documents d ON d.id = p.document_id")
            .ToDictionary(r => (long)r["id"]!, r => ((string)r["canonical_url"]!).Split(':').Last());
        var stored = passageOfPost.Count;
        Assert.InRange(stored, 55, 62);

        // Model A: the small corpus only.
        var a = await Nlp("train", "--corpus", Corpus, "--models", Models, "--folds", "2", "--no-annotations");
        Assert.True(a.ExitCode == 0, a.Error);
        var versionA = File.ReadAllText(Path.Combine(Models, "current")).Trim();

        // Sample: every passage is first scored by the current model, then the least certain are drawn.
        var batchFile = _dir.File("batch-1.csv");
        var sample = await Nlp("annotate", "sample", "--n", "100", "--model", Models, "--out", batchFile);
        Assert.True(sample.ExitCode == 0, sample.Error);
        Assert.StartsWith($"Batch 1: ", sample.Output);
        Assert.Equal(stored, Scalar($"SELECT count(*) FROM predictions WHERE model_version = '{versionA}'"));
        var batch = SqliteRows.Query(Db, "SELECT strategy, model_version FROM annotation_batches").Single();
        Assert.Equal(("uncertainty", versionA), ((string)batch["strategy"]!, (string)batch["model_version"]!));
        var bytes = File.ReadAllBytes(batchFile);
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var records = CsvRecords.Read(Encoding.UTF8.GetString(bytes[3..])).ToList();
        var header = records[0].Fields.ToList();
        Assert.Equal(["id", "text", "intent", "topics", "sentiment"], header.Take(5));
        var rows = records.Skip(1).Select(r => r.Fields.ToList()).ToList();
        Assert.Equal(Scalar("SELECT count(*) FROM annotation_batch_items WHERE batch_id = 1"), rows.Count);
        Assert.InRange(rows.Count, stored - 3, stored);   // near-copies in the store may be left out
        var uncertainties = rows.Select(r => double.Parse(r[header.IndexOf("uncertainty")], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(rows.Count, uncertainties.Count);
        Assert.True(new[] { "dump-0", "dump-1" }.All(s => rows.Any(r => r[header.IndexOf("source")] == s)));

        // Two annotators: a1 writes the true labels (comma CSV with BOM, as Excel saves); a2 (semicolon CSV without
        // BOM, capitalised labels, as LibreOffice in a Russian locale saves) disagrees on every fifth intent and
        // every seventh sentiment and leaves the last two rows empty.
        AnnotatedPassage Truth(List<string> row) => truth[passageOfPost[long.Parse(row[0])]];
        Intent Other(Intent i) => i == Intent.None ? Intent.Discussion : Intent.None;
        Sentiment OtherS(Sentiment s) => s == Sentiment.Neutral ? Sentiment.Negative : Sentiment.Neutral;
        var a2Labels = rows.Select((r, i) => (Id: long.Parse(r[0]), T: Truth(r), Intent: i % 5 == 0 ? Other(Truth(r).Intent) : Truth(r).Intent,
            Sentiment: i % 7 == 0 ? OtherS(Truth(r).Sentiment) : Truth(r).Sentiment)).ToList();
        string Filled(char d, IEnumerable<(long Id, Intent Intent, IReadOnlyList<Topic> Topics, Sentiment Sentiment)> labels, bool capitalise, int skipLast = 0)
        {
            var sb = new StringBuilder(BatchFileWriter.Line(header, d));
            var list = labels.ToList();
            for (var i = 0; i < list.Count; i++)
            {
                var r = rows.First(x => long.Parse(x[0]) == list[i].Id).ToList();
                if (i < list.Count - skipLast)
                {
                    string Cap(string s) => capitalise ? char.ToUpperInvariant(s[0]) + s[1..] : s;
                    r[2] = Cap(list[i].Intent.ToWire());
                    r[3] = string.Join(";", list[i].Topics.Select(t => t.ToWire()));
                    r[4] = Cap(list[i].Sentiment.ToWire());
                }
                sb.Append(BatchFileWriter.Line(r, d));
            }
            return sb.ToString();
        }
        var a1File = _dir.File("batch-1-a1.csv");
        File.WriteAllText(a1File, Filled(',', rows.Select(r => (long.Parse(r[0]), Truth(r).Intent, Truth(r).Topics, Truth(r).Sentiment)), false), new UTF8Encoding(true));
        var a2File = _dir.File("batch-1-a2.csv");
        File.WriteAllText(a2File, Filled(';', a2Labels.Select(x => (x.Id, x.Intent, x.T.Topics, x.Sentiment)), true, skipLast: 2), new UTF8Encoding(false));

        // A bad file first: nothing is imported, every problem is named with its line.
        var bad = _dir.File("bad.csv");
        File.WriteAllText(bad, "id,intent,topics,sentiment,batch\r\n" + $"{rows[0][0]},planning,jobs,negative,1\r\n" + $"{rows[1][0]},leaving,,neutral,1\r\n" + "999999,none,,neutral,1\r\n");
        var rejected = await Nlp("annotate", "import", bad, "--annotator", "a1");
        Assert.Equal(1, rejected.ExitCode);
        Assert.Contains("bad.csv:3: unknown intent 'leaving'", rejected.Error);
        Assert.Contains("bad.csv:4: id '999999' is not a passage of batch 1", rejected.Error);
        Assert.Equal(0, Scalar("SELECT count(*) FROM annotations"));

        var i1 = await Nlp("annotate", "import", a1File, "--annotator", "a1");
        Assert.True(i1.ExitCode == 0, i1.Error);
        Assert.Contains($"Imported {rows.Count} labelled passage(s) of batch 1 for a1: {rows.Count} new, 0 replaced", i1.Output);
        var again = await Nlp("annotate", "import", a1File, "--annotator", "a1");
        Assert.Contains("already imported for a1", again.Output);
        Assert.Equal(rows.Count, Scalar("SELECT count(*) FROM annotations"));
        Assert.Equal(1, Scalar("SELECT count(*) FROM annotation_imports"));
        var i2 = await Nlp("annotate", "import", a2File, "--annotator", "a2");
        Assert.True(i2.ExitCode == 0, i2.Error);
        Assert.Contains($"{rows.Count - 2} new, 0 replaced (relabelled), 0 unchanged. 2 row(s) left unlabelled were skipped.", i2.Output);
        Assert.Equal(2 * rows.Count - 2, Scalar("SELECT count(*) FROM annotations"));

        // a2 corrects the first row in a new file: the newer label replaces the older.
        var fix = _dir.File("batch-1-a2-fix.csv");
        File.WriteAllText(fix, "id,intent,topics,sentiment,batch\n" + $"{rows[0][0]},{Truth(rows[0]).Intent.ToWire()},{string.Join(";", Truth(rows[0]).Topics.Select(t => t.ToWire()))},{Truth(rows[0]).Sentiment.ToWire()},1\n");
        Assert.Contains("0 new, 1 replaced", (await Nlp("annotate", "import", fix, "--annotator", "a2")).Output);
        a2Labels[0] = (a2Labels[0].Id, a2Labels[0].T, a2Labels[0].T.Intent, a2Labels[0].T.Sentiment);

        // Agreement over the passages both labelled, checked against the labels the test wrote.
        var both = a2Labels.Take(rows.Count - 2).ToList();
        var expectedIntentAlpha = Agreement.KrippendorffAlpha(both.Select(x => (IReadOnlyList<Intent>)[x.T.Intent, x.Intent]))!.Value;
        var expectedIntentKappa = Agreement.CohenKappa(both.Select(x => (x.T.Intent, x.Intent)).ToList())!.Value;
        var disagreements = both.Count(x => x.Intent != x.T.Intent || x.Sentiment != x.T.Sentiment);
        Assert.InRange(disagreements, 10, 30);
        var agreementCsv = _dir.File("disagreements.csv");
        var agreement = await Nlp("annotate", "agreement", "--batch", "1", "--out", agreementCsv);
        Assert.True(agreement.ExitCode == 0, agreement.Error);
        Assert.Contains($"{both.Count} passage(s) labelled by two or more annotators (a1, a2)", agreement.Output);
        Assert.Contains(FormattableString.Invariant($"| intent | {both.Count} | {expectedIntentAlpha:0.000} | {expectedIntentKappa:0.000} (n={both.Count}) |"), agreement.Output);
        Assert.Contains($"{disagreements} disagreement(s):", agreement.Output);
        Assert.Contains("| topics (pooled) |", agreement.Output);

        // The adjudicator fills the disagreement file with the true labels; resolve reads it back.
        var dis = CsvRecords.Read(File.ReadAllText(agreementCsv).TrimStart('\uFEFF')).ToList();
        Assert.Equal(disagreements, dis.Count - 1);
        var resolvedCsv = new StringBuilder(BatchFileWriter.Line(dis[0].Fields));
        foreach (var r in dis.Skip(1))
        {
            var f = r.Fields.ToList();
            var t = Truth([f[0]]);
            (f[2], f[3], f[4]) = (t.Intent.ToWire(), string.Join("; ", t.Topics.Select(x => x.ToWire())), t.Sentiment.ToWire());
            resolvedCsv.Append(BatchFileWriter.Line(f));
        }
        File.WriteAllText(agreementCsv, resolvedCsv.ToString());
        var resolve = await Nlp("annotate", "resolve", "--file", agreementCsv, "--by", "lead");
        Assert.True(resolve.ExitCode == 0, resolve.Error);
        Assert.Equal(disagreements, Scalar("SELECT count(*) FROM adjudications WHERE adjudicator = 'lead'"));
        var wrongResolve = await Nlp("annotate", "resolve", "--passage", rows[0][0], "--intent", "leaving", "--sentiment", "neutral");
        Assert.Equal(1, wrongResolve.ExitCode);
        Assert.Contains("unknown intent 'leaving'", wrongResolve.Error);

        // Export: every annotated passage, with the true labels (a1's, or the adjudicated ones).
        var exported = _dir.File("export/db.jsonl");
        var export = await Nlp("annotate", "export-corpus", "--out", exported);
        Assert.True(export.ExitCode == 0, export.Error);
        Assert.Contains($"{disagreements} adjudicated", export.Output);
        var exportedPassages = AnnotatedCorpusReader.ReadFile(exported);
        Assert.Equal(rows.Count, exportedPassages.Count);
        var byText = known.ToDictionary(k => k.Passage.Text, k => k.Passage);
        foreach (var p in exportedPassages)
        {
            var t = byText[p.Text];
            Assert.Equal((t.Intent, t.Sentiment, string.Join(",", t.Topics.Order())), (p.Intent, p.Sentiment, string.Join(",", p.Topics.Order())));
            Assert.StartsWith("db-", p.Id);
        }

        // Model B: the small corpus plus the stored annotations, which go to training only; the two copies of test passages are kept out.
        var leaking = exportedPassages.Count(p => testTexts.Any(t => t.Text == p.Text));
        Assert.Equal(2, leaking);
        var b = await Nlp("train", "--corpus", Corpus, "--models", Models, "--folds", "2", "--no-promote");
        Assert.True(b.ExitCode == 0, b.Error);
        Assert.Contains($"Training part includes {rows.Count - leaking} passage(s) annotated in the database", b.Output);
        var versionB = Directory.GetDirectories(Models).Select(Path.GetFileName).Single(v => v != versionA)!;
        var manifestA = JsonNode.Parse(File.ReadAllText(Path.Combine(Models, versionA, "manifest.json")))!;
        var manifestB = JsonNode.Parse(File.ReadAllText(Path.Combine(Models, versionB, "manifest.json")))!;
        Assert.Equal(rows.Count - leaking, manifestB["store_annotations"]!.GetValue<int>());
        Assert.Equal(manifestA["metrics"]!["test_passages"]!.GetValue<int>(), manifestB["metrics"]!["test_passages"]!.GetValue<int>());
        Assert.Equal(manifestA["corpus"]!["by_split"]!["training"]!.GetValue<int>() + rows.Count - leaking, manifestB["corpus"]!["by_split"]!["training"]!.GetValue<int>());
        Assert.Equal(versionA, File.ReadAllText(Path.Combine(Models, "current")).Trim());

        var list = await Nlp("models", "list", "--models", Models);
        Assert.Contains($"| {versionA} |", list.Output);
        Assert.Matches($@"\| {versionB} \|.*\| {rows.Count - leaking} \|", list.Output);
        Assert.Matches($@"\| {versionA} \|.*\| CURRENT \|", list.Output);

        var compare = await Nlp("models", "compare", versionA, versionB, "--models", Models, "--corpus", Corpus, "--resamples", "200");
        Assert.True(compare.ExitCode == 0, compare.Error);
        var testCount = manifestA["metrics"]!["test_passages"]!.GetValue<int>();
        Assert.Contains($"A = {versionA}, B = {versionB}; {testCount} held-out passages", compare.Output);
        Assert.Matches(@"Verdict: (B is BETTER|B is WORSE|NO CLEAR DIFFERENCE)", compare.Output);
        Assert.Matches(@"\| ru \| \d+ \| intent macro-F1 \| \d\.\d{3} \| \d\.\d{3} \| [+-]\d\.\d{3} \([+-]\d\.\d{3} to [+-]\d\.\d{3}\)", compare.Output);

        // A model trained on labels scrambled on purpose is refused, and the current model stays.
        var scrambled = _dir.File("scrambled");
        Directory.CreateDirectory(scrambled);
        File.WriteAllLines(Path.Combine(scrambled, "s.jsonl"), subsetPassages.Select(p => JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["id"] = p.Id, ["text"] = p.Text, ["language"] = p.Language.ToWire(),
            ["intent"] = LabelNames.Intents.Names[(LabelNames.Intents.All.ToList().IndexOf(p.Intent) + 1) % 6],
            ["topics"] = p.Topics.Select(t => LabelNames.Topics.Names[(LabelNames.Topics.All.ToList().IndexOf(t) + 1) % 11]).ToArray(),
            ["sentiment"] = LabelNames.Sentiments.Names[(LabelNames.Sentiments.All.ToList().IndexOf(p.Sentiment) + 1) % 3],
            ["source_kind"] = p.SourceKind.ToWire(), ["annotator"] = "x",
        })));
        var c = await Nlp("train", "--corpus", scrambled, "--models", Models, "--folds", "2", "--no-promote", "--no-annotations");
        Assert.True(c.ExitCode == 0, c.Error);
        var versionC = Directory.GetDirectories(Models).Select(Path.GetFileName).Single(v => v != versionA && v != versionB)!;
        var refused = await Nlp("models", "promote", versionC, "--models", Models, "--corpus", Corpus, "--resamples", "200");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains($"not promoted: {versionC} is worse than the current model {versionA}", refused.Error);
        Assert.Equal(versionA, File.ReadAllText(Path.Combine(Models, "current")).Trim());

        var promote = await Nlp("models", "promote", versionB, "--models", Models, "--corpus", Corpus, "--resamples", "200", "--tolerance", "1");
        Assert.True(promote.ExitCode == 0, promote.Error);
        Assert.Contains($"{versionB} is now the current model (replacing {versionA}", promote.Output);
        Assert.Equal(versionB, File.ReadAllText(Path.Combine(Models, "current")).Trim());
        var promotion = JsonNode.Parse(File.ReadLines(Path.Combine(Models, "promotions.jsonl")).Single())!;
        Assert.Equal((versionB, versionA), (promotion["version"]!.GetValue<string>(), promotion["previous"]!.GetValue<string>()));

        // Reclassify, killed after its first batch of 10: the roll-out is recorded as running and reports keep model A.
        using var cts = new CancellationTokenSource();
        var killed = await NlpApp.RunAsync(["--db", Db, "--verbose", "classify", "--reclassify", "--model", Models, "--batch-size", "10"], new StringWriter(),
            new CancellingWriter(cts, "Classified 10/"), NlpCli.Offline, cts.Token);
        Assert.Equal(1, killed);
        Assert.Equal(10, Scalar($"SELECT count(*) FROM predictions WHERE model_version = '{versionB}'"));
        var run = SqliteRows.Query(Db, "SELECT status, passages_total, passages_scored FROM reclassify_runs").Single();
        Assert.Equal(("running", (long)stored, 10L), ((string)run["status"]!, (long)run["passages_total"]!, (long)run["passages_scored"]!));
        Assert.Equal([versionA], await ExportedModelVersions());

        var resumed = await Nlp("classify", "--reclassify", "--model", Models, "--batch-size", "10");
        Assert.True(resumed.ExitCode == 0, resumed.Error);
        Assert.Contains($"Reclassified the store with model {versionB} (run #1, resumed: 10 passage(s) were done before the interruption): {stored - 10} passage(s) labelled now, {stored} in this roll-out.", resumed.Output);
        Assert.Contains($"{versionA} {stored}, {versionB} {stored}", resumed.Output);
        Assert.Equal(stored, Scalar($"SELECT count(*) FROM predictions WHERE model_version = '{versionB}'"));
        Assert.Equal(stored, Scalar($"SELECT count(*) FROM predictions WHERE model_version = '{versionA}'"));
        Assert.Equal("completed", SqliteRows.Query(Db, "SELECT status FROM reclassify_runs").Single()["status"]);
        Assert.Equal([versionB], await ExportedModelVersions());

        // Nothing left: a second run labels nothing and says so.
        Assert.Contains("0 passage(s) labelled now", (await Nlp("classify", "--reclassify", "--model", Models)).Output);
    }

    private async Task<List<string>> ExportedModelVersions()
    {
        var path = _dir.File($"documents-{Guid.NewGuid():N}.jsonl");
        var r = await Nlp("export", "documents", "--format", "jsonl", "--out", path);
        Assert.True(r.ExitCode == 0, r.Error);
        return File.ReadLines(path).Select(l => JsonNode.Parse(l)!["model_version"]?.GetValue<string>()).OfType<string>().Distinct().ToList();
    }

    /// <summary>Standard error that cancels the run when a log line containing <paramref name="trigger"/> is written: a kill at a known point.</summary>
    private sealed class CancellingWriter(CancellationTokenSource cts, string trigger) : StringWriter
    {
        public override void WriteLine(string? value)
        {
            base.WriteLine(value);
            if (value?.Contains(trigger, StringComparison.Ordinal) == true) cts.Cancel();
        }
    }
}
