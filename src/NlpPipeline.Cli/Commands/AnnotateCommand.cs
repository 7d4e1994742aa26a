using System.CommandLine;
using System.Globalization;
using NlpPipeline.Cli.Annotation;
using NlpPipeline.Cli.Pipeline;
using NlpPipeline.Cli.Settings;
using NlpPipeline.Core.Analysis;
using NlpPipeline.Core.Annotation;
using NlpPipeline.Core.Labels;
using NlpPipeline.Storage;

namespace NlpPipeline.Cli.Commands;

internal static class AnnotateCommand
{
    public static Command Create(GlobalOptions globals, AppEnvironment env)
    {
        var command = new Command("annotate",
            "Annotation for people who label passages: draw a batch, import the labelled file, check agreement, resolve disagreements, " +
            "export the labels as corpus. Guidelines: corpora/GUIDELINES.md.");
        command.Subcommands.Add(Sample(globals, env));
        command.Subcommands.Add(Import(globals, env));
        command.Subcommands.Add(AgreementCommand(globals, env));
        command.Subcommands.Add(Resolve(globals, env));
        command.Subcommands.Add(ExportCorpus(globals, env));
        command.Subcommands.Add(Batches(globals, env));
        command.Subcommands.Add(Close(globals, env));
        return command;
    }

    private static Command Sample(GlobalOptions globals, AppEnvironment env)
    {
        var n = new Option<int>("--n") { Description = "Passages in the batch", HelpName = "N", Required = true };
        var strategy = new Option<string>("--strategy")
        {
            Description = "uncertainty: what the current model is least sure of, spread over sources and weeks, no near-copies; " +
                          "random: a seeded random draw; stratified: even over language × predicted intent",
            HelpName = "uncertainty|random|stratified", DefaultValueFactory = _ => "uncertainty",
        };
        strategy.AcceptOnlyFromAmong("uncertainty", "random", "stratified");
        var language = OptionParsers.Language();
        var from = OptionParsers.Date("--from", "Only passages of documents published on or after this date (in the research time zone, --time-zone)");
        var to = OptionParsers.Date("--to", "Only passages of documents published on or before this date (in the research time zone)");
        var zone = new SettingOption(SettingCatalog.ReportTimeZone, "--time-zone", "Time zone (IANA name) of --from/--to", "ZONE");
        var seed = new Option<int>("--seed") { Description = "Seed of the random and stratified draws (the same store and seed give the same batch)", HelpName = "N", DefaultValueFactory = _ => 1 };
        var output = OptionParsers.Out("The batch file: .csv for a spreadsheet (default batch-ID.csv), .jsonl for LABELS.md's annotated format with empty labels");
        var delimiter = new Option<string>("--delimiter") { Description = "CSV field separator: comma, or semicolon for a spreadsheet set to a Russian or Kazakh locale", HelpName = "comma|semicolon", DefaultValueFactory = _ => "comma" };
        delimiter.AcceptOnlyFromAmong("comma", "semicolon");
        var model = ModelLoading.CreateOption();
        var command = new Command("sample",
            "Draw a batch of stored passages nobody has labelled (and in no open batch) and write it for annotators, with the model's guesses in pred_ columns. " +
            "Every passage is first labelled by the current model if it has not been.")
        {
            n, strategy, language, from, to, zone, seed, output, delimiter, model,
        };
        command.SetAction(NlpApp.Guard(globals, env, async (pr, c, ct) =>
        {
            if (pr.GetValue(n) is < 1 or > 100_000) throw new UsageException("--n must be between 1 and 100000");
            if (pr.GetValue(from) is { } f && pr.GetValue(to) is { } t && t < f) throw new UsageException("--to is before --from");
            var request = new SampleRequest(pr.GetValue(n), Enum.Parse<SamplingStrategy>(pr.GetValue(strategy)!, ignoreCase: true), pr.GetValue(language),
                pr.GetValue(from), pr.GetValue(to), pr.GetValue(seed), pr.GetValue(output), pr.GetValue(delimiter) == "semicolon" ? ';' : ',');
            var (bundle, manifest) = ModelLoading.Load(c.Settings, c.Log<ScoringRunner>());
            using var db = c.OpenDatabase();
            var sampling = new AnnotationSampling(Composition.ScoringRunner(c), c.Settings.Calendar, c.Log<AnnotationSampling>());
            var r = await sampling.SampleAsync(db, bundle, manifest, request, ct);
            c.Output.WriteLine($"Batch {r.BatchId}: {r.Passages} passage(s) ({AnnotationSampling.Name(request.Strategy)}, from {r.Candidates} unlabelled; model {r.ModelVersion}) written to {r.Path}.");
            c.Output.WriteLine($"Fill in intent, topics (separated by ';', empty for none) and sentiment on every row (guidelines: corpora/GUIDELINES.md), then: nlp annotate import {r.Path} --annotator YOUR-NAME");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Import(GlobalOptions globals, AppEnvironment env)
    {
        var path = new Argument<string>("PATH") { Description = "The labelled batch file (.csv as saved by a spreadsheet, or .jsonl)" };
        var annotator = new Option<string>("--annotator") { Description = "Who labelled the file (use the same name every time)", HelpName = "NAME", Required = true };
        var batch = new Option<long?>("--batch") { Description = "The batch the file belongs to, when it has no 'batch' column", HelpName = "ID" };
        var command = new Command("import",
            "Import one annotator's labels for a batch. The whole file is checked first; any problem is reported with its line number and nothing is imported. " +
            "Importing the same file again changes nothing; a newer file from the same annotator replaces that annotator's earlier labels of the same passages.")
        {
            path, annotator, batch,
        };
        command.SetAction(NlpApp.Guard(globals, env, (pr, c, ct) =>
        {
            using var db = c.OpenDatabase();
            var r = AnnotationImport.Import(db, pr.GetValue(path)!, pr.GetValue(annotator)!.Trim(), pr.GetValue(batch));
            var o = r.Outcome;
            if (o.AlreadyImportedAt is { } at)
                c.Output.WriteLine($"{pr.GetValue(path)} was already imported for {r.Annotator} on {at.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)}; nothing changed.");
            else
                c.Output.WriteLine($"Imported {r.Rows} labelled passage(s) of batch {r.BatchId} for {r.Annotator}: {o.Added} new, {o.Replaced} replaced (relabelled), {o.Unchanged} unchanged." +
                                   (r.Unlabelled > 0 ? $" {r.Unlabelled} row(s) left unlabelled were skipped." : ""));
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }

    private static Command AgreementCommand(GlobalOptions globals, AppEnvironment env)
    {
        var batch = new Option<long?>("--batch") { Description = "Only the passages of this batch", HelpName = "ID" };
        var output = OptionParsers.Out("Also write the disagreements as a CSV with empty label columns for the adjudicator (read back by 'nlp annotate resolve --file')");
        var command = new Command("agreement",
            "How well annotators agree, per task, on passages labelled by two or more of them: Cohen's kappa for each pair and Krippendorff's alpha, " +
            "with the number of passages, then every disagreement.")
        {
            batch, output,
        };
        command.SetAction(NlpApp.Guard(globals, env, async (pr, c, ct) =>
        {
            using var db = c.OpenDatabase();
            var store = new AnnotationStore(db);
            var id = pr.GetValue(batch);
            if (id is { } b && store.FindBatch(b) is null) throw new UsageException($"There is no batch {b} (see 'nlp annotate batches').");
            var report = AgreementReport.From(store.Annotations(id));
            AgreementWriter.Write(c.Output, report, store.PassageText, id is { } x ? $"in batch {x}" : "over all batches");
            if (pr.GetValue(output) is { } path)
            {
                await AgreementWriter.WriteCsvAsync(path, report, store.PassageText, store.Adjudicated(), ct);
                c.Output.WriteLine();
                c.Output.WriteLine($"Wrote {report.Disagreements.Count} disagreement(s) to {path}; fill in intent, topics and sentiment, then: nlp annotate resolve --file {path} --by YOUR-NAME");
            }
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Resolve(GlobalOptions globals, AppEnvironment env)
    {
        var passage = new Option<long?>("--passage") { Description = "The passage id (as in the batch file's id column)", HelpName = "ID" };
        var intent = new Option<string?>("--intent") { Description = $"One of: {string.Join(", ", LabelNames.Intents.Names)}", HelpName = "LABEL" };
        var topics = new Option<string?>("--topics") { Description = "Topics separated by ';' (\"\" for none)", HelpName = "T1;T2" };
        var sentiment = new Option<string?>("--sentiment") { Description = $"One of: {string.Join(", ", LabelNames.Sentiments.Names)}", HelpName = "LABEL" };
        var language = new Option<string?>("--language") { Description = "The passage's language, when the stored one is wrong", HelpName = "L" };
        var note = new Option<string?>("--note") { Description = "Why (kept with the adjudication)", HelpName = "TEXT" };
        var file = new Option<string?>("--file") { Description = "Resolve many at once: a CSV or JSONL with id, intent, topics, sentiment (e.g. the one 'nlp annotate agreement --out' wrote)", HelpName = "PATH" };
        var by = new Option<string>("--by") { Description = "Who decided", HelpName = "NAME", DefaultValueFactory = _ => "adjudicator" };
        var command = new Command("resolve",
            "Record the adjudicated labels of a passage (they win over every annotator's in training and in the exported corpus).")
        {
            passage, intent, topics, sentiment, language, note, file, by,
        };
        command.SetAction(NlpApp.Guard(globals, env, (pr, c, ct) =>
        {
            var who = pr.GetValue(by)!.Trim();
            if (!AnnotationFileReader.IsValidName(who)) throw new UsageException($"--by '{who}': use 1–40 letters, digits, '.', '_' or '-'.");
            using var db = c.OpenDatabase();
            var store = new AnnotationStore(db);
            var rows = new List<AnnotationInput>();
            if (pr.GetValue(file) is { } path)
            {
                if (pr.GetValue(passage) is not null) throw new UsageException("Give either --file or --passage with labels, not both.");
                var read = AnnotationFileReader.Read(path);
                var problems = new List<(int, string)>();
                foreach (var row in read.Rows)
                {
                    if (!long.TryParse(row.Id, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || store.PassageLanguage(id) is not { } stored)
                        problems.Add((row.Line, $"id '{row.Id}' is not a stored passage"));
                    else rows.Add(new AnnotationInput(id, new AnnotationLabels(row.Language ?? stored, row.Intent, row.Topics, row.Sentiment), row.Note));
                }
                if (problems.Count > 0) throw new AnnotationFileException(path, problems);
                if (rows.Count == 0) throw new UsageException($"{path} has no row with labels filled in.");
            }
            else
            {
                var id = pr.GetValue(passage) ?? throw new UsageException("Give --passage ID with --intent, --topics and --sentiment, or --file PATH.");
                var stored = store.PassageLanguage(id) ?? throw new UsageException($"There is no passage {id} in {db.Path}.");
                if (pr.GetValue(intent) is null || pr.GetValue(sentiment) is null) throw new UsageException("Give both --intent and --sentiment (and --topics, \"\" for none).");
                var row = AnnotationFileReader.ParseLabels("resolve", id.ToString(CultureInfo.InvariantCulture), pr.GetValue(intent), pr.GetValue(topics) ?? "",
                    pr.GetValue(sentiment), pr.GetValue(language), pr.GetValue(note));
                rows.Add(new AnnotationInput(id, new AnnotationLabels(row.Language ?? stored, row.Intent, row.Topics, row.Sentiment), row.Note));
            }
            store.Resolve(rows, who);
            c.Output.WriteLine(rows.Count == 1
                ? $"Passage {rows[0].PassageId} resolved by {who}: intent {rows[0].Labels.Intent.ToWire()}; topics {(rows[0].Labels.Topics.Count == 0 ? "(none)" : rows[0].Labels.TopicsCell)}; sentiment {rows[0].Labels.Sentiment.ToWire()}."
                : $"Resolved {rows.Count} passage(s) by {who}.");
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }

    private static Command ExportCorpus(GlobalOptions globals, AppEnvironment env)
    {
        var output = new Option<string>("--out", "-o") { Description = "The annotated JSONL file to write (LABELS.md format), e.g. corpora/annotated/db-2026-11.jsonl", HelpName = "PATH", Required = true };
        var command = new Command("export-corpus",
            "Write the stored labels as annotated JSONL: adjudicated labels, else the labels all annotators of a passage agree on; " +
            "passages with an unresolved disagreement are left out. Ids are 'db-' and a hash of the document URL and position, the same in every database.")
        {
            output,
        };
        command.SetAction(NlpApp.Guard(globals, env, async (pr, c, ct) =>
        {
            using var db = c.OpenDatabase();
            var corpus = StoredAnnotations.Read(db);
            if (corpus.Passages.Count == 0)
                throw new UsageException($"No labelled passage to export in {db.Path}{(corpus.Unresolved > 0 ? $" ({corpus.Unresolved} with unresolved disagreements: see 'nlp annotate agreement')" : "")}.");
            var path = pr.GetValue(output)!;
            await CorpusExport.WriteAsync(path, corpus.Passages, ct);
            c.Output.WriteLine($"Wrote {corpus.Passages.Count} passage(s) to {path}: {corpus.Adjudicated} adjudicated, {corpus.Single} from one annotator, {corpus.Agreed} where annotators agreed; " +
                               $"{corpus.Unresolved} left out (unresolved disagreement). Check it with: nlp corpus check {Path.GetDirectoryName(Path.GetFullPath(path))}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Batches(GlobalOptions globals, AppEnvironment env)
    {
        var command = new Command("batches", "List annotation batches: when and how they were drawn, how many passages are labelled, by whom, open or closed.");
        command.SetAction(NlpApp.Guard(globals, env, (pr, c, ct) =>
        {
            using var db = c.OpenDatabase();
            var batches = new AnnotationStore(db).Batches();
            if (batches.Count == 0) { c.Output.WriteLine("No annotation batches yet: draw one with 'nlp annotate sample --n 100'."); return Task.FromResult(ExitCodes.Ok); }
            c.Output.WriteLine("| batch | created | strategy | model | passages | labelled | annotators | state |");
            c.Output.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- |");
            foreach (var b in batches)
                c.Output.WriteLine($"| {b.Id} | {b.CreatedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} | {b.Strategy} | {b.ModelVersion} | {b.Items} | {b.Annotated} | " +
                                   $"{string.Join(", ", b.Annotators)} | {(b.ClosedAt is null ? "open" : "closed")} |");
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }

    private static Command Close(GlobalOptions globals, AppEnvironment env)
    {
        var batch = new Option<long>("--batch") { Description = "The batch to close", HelpName = "ID", Required = true };
        var command = new Command("close", "Close a batch: its passages nobody labelled may be drawn again by 'nlp annotate sample'. Labels already imported stay.")
        {
            batch,
        };
        command.SetAction(NlpApp.Guard(globals, env, (pr, c, ct) =>
        {
            using var db = c.OpenDatabase();
            var id = pr.GetValue(batch);
            if (!new AnnotationStore(db).CloseBatch(id)) throw new UsageException($"There is no open batch {id} (see 'nlp annotate batches').");
            c.Output.WriteLine($"Batch {id} closed.");
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }
}
