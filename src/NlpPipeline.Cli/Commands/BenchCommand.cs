using System.CommandLine;
using System.Globalization;
using NlpPipeline.Classification.Languages;
using NlpPipeline.Classification.Training;
using NlpPipeline.Cli.Benchmarks;
using NlpPipeline.Core.Text;

namespace NlpPipeline.Cli.Commands;

internal static class BenchCommand
{
    public static Command Create(GlobalOptions globals, AppEnvironment env)
    {
        var data = new Option<string>("--data") { Description = "Labelled test file (JSON Lines: text, language, script)", HelpName = "PATH", DefaultValueFactory = _ => NlpPaths.DefaultLangIdTest };
        var threads = new Option<int>("--threads") { Description = "Threads for the throughput run", HelpName = "N", DefaultValueFactory = _ => Environment.ProcessorCount };
        var seconds = new Option<double>("--seconds") { Description = "Length of the throughput run", HelpName = "S", DefaultValueFactory = _ => 5 };
        var langid = new Command("langid",
            "Accuracy of language identification on held-out text by length and script (the project's rules, Lingua alone, " +
            "and the hybrid nlp uses), and the hybrid's throughput on short texts.")
        {
            data, threads, seconds,
        };
        langid.SetAction(NlpApp.Guard(globals, env, (pr, c, ct) =>
        {
            var items = LanguageBenchmark.Load(pr.GetValue(data)!);
            var w = c.Output;
            w.WriteLine($"Language identification on {pr.GetValue(data)} ({items.Count} texts; {items.Count(i => i.Text.Length <= LanguageBenchmark.ShortLength)} of at most {LanguageBenchmark.ShortLength} characters)");
            w.WriteLine();
            LanguageBenchmark.Header(w);
            var rules = new LanguageIdentifier();
            var lingua = new LinguaLanguageIdentifier();
            LanguageBenchmark.Score(w, "rules only", rules, items);
            LanguageBenchmark.Score(w, "Lingua 2.0 (kk, ru, en)", lingua, items);
            LanguageBenchmark.Score(w, "hybrid (nlp)", Composition.Languages, items);
            var shortTexts = items.Where(i => i.Text.Length <= LanguageBenchmark.ShortLength).Select(i => i.Text).ToList();
            if (shortTexts.Count > 0)
            {
                var n = pr.GetValue(threads);
                w.WriteLine();
                w.WriteLine($"Throughput on the {shortTexts.Count} short texts, {n} thread(s):");
                foreach (var (name, identifier) in new (string, ILanguageIdentifier)[] { ("rules only", rules), ("Lingua 2.0 (kk, ru, en)", lingua), ("hybrid (nlp)", Composition.Languages) })
                {
                    var (wall, perCpu) = LanguageBenchmark.Throughput(identifier, shortTexts, n, pr.GetValue(seconds));
                    w.WriteLine(string.Format(CultureInfo.InvariantCulture, "  {0,-24} {1,10:N0} texts/s  ({2:N0} per CPU-second)", name, wall, perCpu));
                }
            }
            return Task.FromResult(ExitCodes.Ok);
        }));
        return new Command("bench", "Benchmarks that anyone can rerun; results go to docs/benchmarks.md.") { langid, Extraction(globals, env), Duplicates(globals, env), Feeds(globals, env),
            CrossValidation(globals, env), Classify(globals, env), Store(globals, env), BenchIngestCommand.Create(globals, env) };
    }

    private static Command Store(GlobalOptions globals, AppEnvironment env)
    {
        var passages = new Option<long>("--passages") { Description = "Synthetic passages to store", HelpName = "N", DefaultValueFactory = _ => 1_000_000 };
        var sources = new Option<int>("--sources") { Description = "Synthetic sources (a quarter of them Telegram channels)", HelpName = "N", DefaultValueFactory = _ => 40 };
        var seed = new Option<int>("--seed") { Description = "Seed of the generator", HelpName = "N", DefaultValueFactory = _ => 1 };
        var ev = new Option<string>("--event") { Description = "Event whose report is timed", HelpName = "NAME", DefaultValueFactory = _ => "January 2022 unrest" };
        var noScan = new Option<bool>("--no-scan") { Description = "Skip the one full-scan weekly report timed for comparison" };
        var noIndex = new Option<bool>("--no-index")
        {
            Description = "Do not index the passages for full-text search after the fill: they stay in passage_search_pending " +
                "(the first search, or `nlp db index`, indexes them). The weekly and event reports do not read the search index.",
        };
        var command = new Command("store",
            "Load generator and report speed: fills a database with N synthetic documents and passages over ten years of weeks and " +
            "~40 sources (kk/ru/en/mixed, news and Telegram) through the real write paths, with predictions from a registered synthetic " +
            "model, and reports the insert rate, the database size and how long the weekly report (all weeks) and an event report take. " +
            "With --db PATH the database is kept (an existing one with passages is not filled again, only timed); without, a temporary " +
            "one is deleted afterwards.")
        {
            passages, sources, seed, ev, noScan, noIndex,
        };
        command.SetAction(NlpApp.Guard(globals, env, async (pr, c, ct) =>
        {
            if (pr.GetValue(passages) is < 1000 or > 100_000_000) throw new UsageException("--passages must be between 1000 and 100000000");
            if (pr.GetValue(sources) is < 1 or > 1000) throw new UsageException("--sources must be between 1 and 1000");
            var keep = pr.GetValue(globals.Db);   // never the db setting (NLP_DB, settings file): synthetic load must not land in a working database by accident
            var dir = keep is null ? Path.Combine(Path.GetTempPath(), "nlp-bench-store-" + Guid.NewGuid().ToString("N")[..8]) : null;
            var path = keep ?? Path.Combine(dir!, "bench.db");
            try
            {
                using var db = c.OpenDatabase(path);
                var options = new LoadOptions(pr.GetValue(passages), pr.GetValue(sources), Seed: pr.GetValue(seed)) { IndexForSearch = !pr.GetValue(noIndex) };
                await StoreBenchmark.RunAsync(c.Output, db, options, pr.GetValue(ev)!, !pr.GetValue(noScan), m => c.Error.WriteLine(m), ct);
            }
            finally
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                if (dir is not null) try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
            }
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Classify(GlobalOptions globals, AppEnvironment env)
    {
        var model = ModelLoading.CreateOption();
        var corpus = new Option<string>("--corpus") { Description = "Annotated corpus whose texts are classified", HelpName = "DIR", DefaultValueFactory = _ => NlpPaths.DefaultAnnotated };
        var passages = new Option<int>("--passages") { Description = "Passages stored and classified end to end", HelpName = "N", DefaultValueFactory = _ => 50_000 };
        var threads = new Option<int>("--threads") { Description = "Threads for the parallel paths", HelpName = "N", DefaultValueFactory = _ => Environment.ProcessorCount };
        var withTransform = new Option<bool>("--with-transform") { Description = "Also run end to end with ML.NET's batch Transform instead of direct scoring (the path before direct scoring)" };
        var command = new Command("classify",
            "Classification throughput: text preparation and featurizing alone, ML.NET's batch IDataView scoring and PredictionEngine " +
            "versus direct scoring (one thread and one per core), then end to end from stored text to stored predictions in a fresh " +
            "temporary SQLite database, as 'nlp classify' runs; wall-clock and CPU seconds.")
        {
            model, corpus, passages, threads, withTransform,
        };
        command.SetAction(NlpApp.Guard(globals, env, (pr, c, ct) =>
        {
            if (pr.GetValue(passages) is < 1000 or > 10_000_000) throw new UsageException("--passages must be between 1000 and 10000000");
            if (pr.GetValue(threads) < 1) throw new UsageException("--threads must be at least 1");
            var (bundle, manifest) = ModelLoading.Load(c.Settings, c.Log<Pipeline.ScoringRunner>());
            ClassificationBenchmark.Run(c.Output, bundle.WithParallelism(pr.GetValue(threads)), manifest, pr.GetValue(corpus)!, pr.GetValue(passages),
                pr.GetValue(threads), pr.GetValue(withTransform), m => c.Error.WriteLine(m));
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }

    private static Command CrossValidation(GlobalOptions globals, AppEnvironment env)
    {
        var corpus = new Option<string>("--corpus") { Description = "Folder of annotated *.jsonl files", HelpName = "DIR", DefaultValueFactory = _ => NlpPaths.DefaultAnnotated };
        var folds = new Option<int>("--folds") { Description = "Number of folds", HelpName = "K", DefaultValueFactory = _ => 5 };
        var seed = new Option<int>("--seed") { Description = "Seed for fold assignment and learners", HelpName = "N", DefaultValueFactory = _ => 1 };
        var configs = new Option<string[]>("--configs")
        {
            Description = "Configurations to compare (default: all candidates: " + string.Join(", ", ClassifierConfig.Candidates.Select(c => c.Name)) +
                "; also 'chosen', the source-kind round's " + string.Join(", ", ClassifierConfig.SourceKindCandidates.Select(c => c.Name)) +
                ", the sixth round's topic learners " + string.Join(", ", ClassifierConfig.TopicLearnerCandidates.Select(c => c.Name)) +
                ", the slot-pruning candidates " + string.Join(", ", ClassifierConfig.PruningCandidates.Select(c => c.Name)) +
                ", the sentence-scoring candidates " + string.Join(", ", ClassifierConfig.SentenceCandidates.Select(c => c.Name)) +
                ", the concept-lexicon candidates " + string.Join(", ", ClassifierConfig.ConceptCandidates.Select(c => c.Name)) +
                ", the Kazakh-folding candidates " + string.Join(", ", ClassifierConfig.FoldingCandidates.Select(c => c.Name)) +
                ", the boosted second-stage candidates " + string.Join(", ", ClassifierConfig.BoostingCandidates.Select(c => c.Name)) +
                ", the topic-count candidates " + string.Join(", ", ClassifierConfig.TopicCountCandidates.Select(c => c.Name)) +
                ", and the topic-network candidates " + string.Join(", ", ClassifierConfig.NetworkCandidates.Select(c => c.Name)) + ")",
            HelpName = "NAME", AllowMultipleArgumentsPerToken = true,
        };
        var parallelism = new Option<int>("--parallelism") { Description = "Folds fitted at once", HelpName = "N", DefaultValueFactory = _ => 2 };
        var trainShare = new Option<double>("--train-share")
        {
            Description = "Learning curve: fit each fold's models on this share (0–1] of the other folds' passages (a fixed seeded subset); every passage is still scored",
            HelpName = "S", DefaultValueFactory = _ => 1,
        };
        var command = new Command("cv",
            "Model selection: k-fold cross-validation of classifier configurations (features, learners, per-language vs shared) " +
            "on the training part of the annotated corpus only; prints Markdown tables for docs/classifier.md.")
        {
            corpus, folds, seed, configs, parallelism, trainShare,
        };
        command.SetAction(NlpApp.Guard(globals, env, (pr, c, ct) =>
        {
            var names = pr.GetValue(configs) is { Length: > 0 } given ? given : [.. ClassifierConfig.Candidates.Select(x => x.Name)];
            var chosen = names.Select(n => ClassifierConfig.Find(n) ?? throw new UsageException($"unknown configuration '{n}'")).ToList();
            if (pr.GetValue(folds) is < 2 or > 20) throw new UsageException("--folds must be between 2 and 20");
            if (pr.GetValue(parallelism) < 1) throw new UsageException("--parallelism must be at least 1");
            if (pr.GetValue(trainShare) is <= 0 or > 1) throw new UsageException("--train-share must be above 0 and at most 1");
            CrossValidationBenchmark.Run(c.Output, pr.GetValue(corpus)!, chosen, pr.GetValue(folds), pr.GetValue(seed), pr.GetValue(parallelism),
                m => c.Error.WriteLine(m), ct, pr.GetValue(trainShare));
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }

    /// <summary>The 1-minute load average where the OS reports it (Linux), else "n/a": other work on the machine slows the clock.</summary>
    private static string LoadAverage()
    {
        try { return File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a"; }
        catch (IOException) { return "n/a"; }
    }

    private static Command Extraction(GlobalOptions globals, AppEnvironment env)
    {
        var pages = new Option<string>("--pages") { Description = "Folder of NAME.html or NAME.html.gz pages", HelpName = "DIR", Required = true };
        var truth = new Option<string>("--truth") { Description = "Ground truth JSON: {NAME: {\"articleBody\": …}}", HelpName = "FILE", Required = true };
        var reference = new Option<string[]>("--reference")
        {
            Description = "Also score stored outputs of other extractors (JSON or .json.gz, {NAME: {\"articleBody\": …}} or {\"output\": …})",
            HelpName = "FILE",
            AllowMultipleArgumentsPerToken = true,
        };
        var passes = new Option<int>("--passes") { Description = "Timed passes over all pages (the fastest is reported)", HelpName = "N", DefaultValueFactory = _ => 3 };
        var command = new Command("extraction",
            "Main-text extraction against ground truth with the article-extraction benchmark's metric (F1 over 4-grams of words), " +
            "overall and on the two fixed halves of the set (A, tuned on; B, held out), and extraction speed on one thread.")
        {
            pages, truth, reference, passes,
        };
        command.Validators.Add(r =>
        {
            if (r.GetValue(passes) < 1) r.AddError("--passes must be at least 1");
        });
        command.SetAction(NlpApp.Guard(globals, env, (pr, c, ct) =>
        {
            var gold = ExtractionBenchmark.LoadBodies(pr.GetValue(truth)!);
            var w = c.Output;
            var (ours, speed) = ExtractionBenchmark.Run(Composition.MainTextExtractor(), pr.GetValue(pages)!, pr.GetValue(passes), ct);
            ExtractionBenchmark.Header(w);
            ExtractionBenchmark.Rows(w, "nlp (MainTextExtractor)", gold, ours);
            foreach (var file in pr.GetValue(reference) ?? [])
                ExtractionBenchmark.Rows(w, Path.GetFileName(file), gold, ExtractionBenchmark.LoadBodies(file));
            w.WriteLine();
            w.WriteLine(string.Format(CultureInfo.InvariantCulture,
                "Speed on one thread, fastest of {0} pass(es): extraction {1:0} pages/s; AngleSharp parsing alone {2:0} pages/s, the ceiling ({3} logical cores, load average {4}).",
                speed.Passes, speed.ExtractionPagesPerSecond, speed.ParsePagesPerSecond, Environment.ProcessorCount, LoadAverage()));
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }

    private static Command Duplicates(GlobalOptions globals, AppEnvironment env)
    {
        var corpus = new Option<string>("--corpus") { Description = "Annotated corpus whose words the synthetic texts are drawn from", HelpName = "DIR", DefaultValueFactory = _ => NlpPaths.DefaultAnnotated };
        var documents = new Option<int>("--documents") { Description = "Documents to store", HelpName = "N", DefaultValueFactory = _ => 20_000 };
        var copies = new Option<int>("--copies") { Description = "Near-copies (and as many fresh texts) planted at the end", HelpName = "N", DefaultValueFactory = _ => 500 };
        var seed = new Option<int>("--seed") { Description = "Seed of the text generator", HelpName = "N", DefaultValueFactory = _ => 42 };
        var command = new Command("duplicates",
            "Cost of storing a document with exact and near-duplicate detection as the store grows (documents/s per block, in a " +
            "temporary database), and how many planted near-copies are found.")
        {
            corpus, documents, copies, seed,
        };
        command.SetAction(NlpApp.Guard(globals, env, (pr, c, ct) =>
        {
            if (pr.GetValue(documents) < 1 || pr.GetValue(copies) < 0) throw new UsageException("--documents must be 1 or more and --copies 0 or more.");
            if (!Directory.Exists(pr.GetValue(corpus))) throw new UsageException($"No corpus folder {pr.GetValue(corpus)}.");
            DuplicateBenchmark.Run(c.Output, pr.GetValue(corpus)!, pr.GetValue(documents), pr.GetValue(copies), pr.GetValue(seed), ct);
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }

    private static Command Feeds(GlobalOptions globals, AppEnvironment env)
    {
        var dir = new Option<string>("--dir") { Description = "The feed-parser test suite (*.xml files with Expect:/Header: comments, in subfolders)", HelpName = "DIR", DefaultValueFactory = _ => NlpPaths.DefaultFeedSuite };
        var timeout = new Option<double>("--timeout") { Description = "Seconds one file may take before it counts as a hang", HelpName = "S", DefaultValueFactory = _ => 10 };
        var list = new Option<bool>("--list") { Description = "List every file that did not pass, with the reason" };
        var repeat = new Option<int>("--repeat") { Description = "Timed passes over the suite for items/s (the median is reported)", HelpName = "N", DefaultValueFactory = _ => 5 };
        var command = new Command("feeds",
            "The feed parser over a suite of real parser test feeds (RSS 0.9x-2.0, Atom, RDF, ill-formed XML, many encodings): " +
            "share of well-formed feeds read completely, every Cyrillic encoding case decoded exactly, no crash or hang, items/s on one core.")
        {
            dir, timeout, list, repeat,
        };
        command.SetAction(NlpApp.Guard(globals, env, (pr, c, ct) =>
        {
            if (pr.GetValue(timeout) is not (> 0 and <= 600)) throw new UsageException("--timeout must be between 0 and 600 seconds");
            var folder = pr.GetValue(dir)!;
            var cases = FeedBenchmark.Load(folder);
            if (cases.Count == 0) throw new UsageException($"--dir: no *.xml files in {folder}");
            if (pr.GetValue(repeat) is not (>= 1 and <= 1000)) throw new UsageException("--repeat must be between 1 and 1000");
            var outcomes = FeedBenchmark.Run(cases, TimeSpan.FromSeconds(pr.GetValue(timeout)), ct);
            var speed = FeedBenchmark.Throughput(outcomes, pr.GetValue(repeat), ct);
            FeedBenchmark.Report(c.Output, folder, outcomes, speed, pr.GetValue(repeat), pr.GetValue(list));
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }
}
