using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Logging;
using NlpPipeline.Classification;
using NlpPipeline.Classification.Training;
using NlpPipeline.Cli.Annotation;
using NlpPipeline.Core.Corpora;
using NlpPipeline.Core.Domain;

namespace NlpPipeline.Cli.Commands;

internal static class TrainCommand
{
    public static Command Create(GlobalOptions globals, AppEnvironment env)
    {
        var corpus = new Option<string>("--corpus") { Description = "Folder of annotated *.jsonl files (LABELS.md format)", HelpName = "DIR", DefaultValueFactory = _ => NlpPaths.DefaultAnnotated };
        var models = ModelLoading.CreateFolderOption("Models folder to write to");
        var seed = new Option<int>("--seed") { HelpName = "N", Description = "Random seed; the same corpus and seed give the same model", DefaultValueFactory = _ => 1 };
        var threshold = new Option<double>("--intent-threshold") { HelpName = "P", Description = "Probability a passage's intent needs to count toward its document's intent", DefaultValueFactory = _ => 0.4 };
        var folds = new Option<int>("--folds") { HelpName = "K", Description = "Cross-validation folds on the training part (topic thresholds and the card's CV scores)", DefaultValueFactory = _ => 5 };
        var config = new Option<string>("--config") { HelpName = "NAME", Description = "Classifier configuration (see 'nlp bench cv'; default: the one chosen by cross-validation)", DefaultValueFactory = _ => ClassifierConfig.Chosen.Name };
        var noPromote = new Option<bool>("--no-promote") { Description = "Save the model but do not make it the current one" };
        var noAnnotations = new Option<bool>("--no-annotations")
        {
            Description = "Train on the committed corpus only. By default, when the database (--db) exists, its annotations (adjudicated, else agreed or " +
                          "single-annotator labels) are added to the training part; they never enter the test part.",
        };
        var command = new Command("train",
            "Train the intent, topic and sentiment models from the annotated corpus, evaluate them on the held-out test split, " +
            "and save them with a manifest and model card under the models folder. Labels annotated in the database are added to the training part.")
        {
            corpus, models, seed, threshold, folds, config, noPromote, noAnnotations,
        };
        command.SetAction(NlpApp.Guard(globals, env, (pr, c, ct) =>
        {
            var options = new TrainingOptions(pr.GetValue(seed), pr.GetValue(threshold), pr.GetValue(folds), Config: pr.GetValue(config)!);
            var problems = options.Validate().ToList();
            if (problems.Count > 0) throw new UsageException(string.Join("; ", problems));
            var folder = pr.GetValue(corpus)!;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var passages = AnnotatedCorpusReader.ReadFolder(folder);
            var files = Directory.GetFiles(folder, "*.jsonl").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
            c.Log<ModelTrainer>().LogInformation("Read {Passages} annotated passages from {Files} file(s) in {Seconds:0.0} s", passages.Count, files.Count, clock.Elapsed.TotalSeconds);
            var extra = pr.GetValue(noAnnotations) ? [] : StoredTraining(c);
            var trained = new ModelTrainer(c.Log<ModelTrainer>(), c.Time).Train(passages, files!, options, extra);
            var root = c.Settings.Models;
            clock.Restart();
            var path = ModelRepository.Save(trained, root, makeCurrent: !pr.GetValue(noPromote));
            c.Log<ModelTrainer>().LogInformation("Saved the model in {Seconds:0.0} s", clock.Elapsed.TotalSeconds);
            Write(c.Output, trained.Manifest, path, !pr.GetValue(noPromote));
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }

    /// <summary>The database's annotations for training, when the database exists (train never creates one).</summary>
    private static IReadOnlyList<AnnotatedPassage> StoredTraining(CliContext c)
    {
        if (!File.Exists(c.DbPath)) return [];
        using var db = c.OpenDatabase();
        var stored = StoredAnnotations.Read(db);
        if (stored.Passages.Count > 0 || stored.Unresolved > 0)
            c.Log<ModelTrainer>().LogInformation("{Count} annotated passage(s) in {Db} ({Adjudicated} adjudicated, {Single} single-annotator, {Agreed} agreed); {Unresolved} with unresolved disagreements left out",
                stored.Passages.Count, c.DbPath, stored.Adjudicated, stored.Single, stored.Agreed, stored.Unresolved);
        return stored.Passages;
    }

    private static void Write(TextWriter w, ModelManifest m, string path, bool current)
    {
        var inv = CultureInfo.InvariantCulture;
        w.WriteLine($"Model {m.Version} saved to {path}{(current ? " (now current)" : "")}");
        if (m.StoreAnnotations is > 0) w.WriteLine($"Training part includes {m.StoreAnnotations} passage(s) annotated in the database (training only)");
        w.WriteLine($"Trained on {m.Corpus.Passages} passages ({string.Join(", ", m.Corpus.BySplit.Select(kv => $"{kv.Key} {kv.Value}"))}); held-out test: {m.Metrics.TestPassages} passages");
        w.WriteLine(string.Format(inv, "  intent     accuracy {0:0.000}  macro-F1 {1:0.000}", m.Metrics.Intent.Accuracy, m.Metrics.Intent.MacroF1));
        w.WriteLine(string.Format(inv, "  sentiment  accuracy {0:0.000}  macro-F1 {1:0.000}", m.Metrics.Sentiment.Accuracy, m.Metrics.Sentiment.MacroF1));
        w.WriteLine(string.Format(inv, "  topics     micro-F1 {0:0.000}  macro-F1 {1:0.000}", m.Metrics.Topics.MicroF1, m.Metrics.Topics.MacroF1));
        foreach (var (lang, l) in m.Metrics.ByLanguage)
            w.WriteLine(string.Format(inv, "  {0,-6} n={1,-4} intent acc {2:0.000}, sentiment acc {3:0.000}, topics micro-F1 {4:0.000}", lang, l.Passages, l.IntentAccuracy, l.SentimentAccuracy, l.TopicMicroF1));
        w.WriteLine($"Model card: {Path.Combine(path, ModelRepository.CardFile)}");
    }
}
