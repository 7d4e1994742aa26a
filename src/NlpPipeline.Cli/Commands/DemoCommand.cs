using System.CommandLine;
using NlpPipeline.Cli.Pipeline;
using NlpPipeline.Core.Analysis;
using NlpPipeline.Core.Export;
using NlpPipeline.Ingestion.Fetching;
using NlpPipeline.Ingestion.Sources;
using NlpPipeline.Storage;

namespace NlpPipeline.Cli.Commands;

internal static class DemoCommand
{
    public const string DemoEvent = "January 2022 unrest";

    public static Command Create(GlobalOptions globals, AppEnvironment env)
    {
        var dir = new Option<string>("--demo-dir") { Description = "Folder with the demo sample and its sources.json", HelpName = "DIR", DefaultValueFactory = _ => NlpPaths.DefaultDemo };
        var events = new Option<string>("--events") { Description = "Events file", HelpName = "PATH", DefaultValueFactory = _ => NlpPaths.DefaultEvents };
        var model = ModelLoading.CreateOption();
        var command = new Command("demo",
            $"Run the whole pipeline offline on the bundled sample: ingest its feeds and pages (file:// URLs, the same code as a nightly run) " +
            $"into a fresh {NlpPaths.DemoDb} (or --db), classify, and print the weekly report around the {DemoEvent}.")
        {
            dir, events, model,
        };
        command.SetAction(NlpApp.Guard(globals, env, async (pr, c, ct) =>
        {
            var dbPath = pr.GetValue(globals.Db) ?? NlpPaths.DemoDb;   // never the db setting (NLP_DB, settings file): the demo starts from an empty database
            var sources = SourcesFile.Load(Path.Combine(pr.GetValue(dir)!, NlpPaths.DemoSources));
            var eventList = EventsFile.Load(pr.GetValue(events)!);
            var (bundle, manifest) = ModelLoading.Load(c.Settings, c.Log<ScoringRunner>());
            DeleteDemoDatabase(dbPath, sources, c);
            using var db = c.OpenDatabase(dbPath);
            using var lease = c.AcquireLease(db, "demo");   // like a nightly run: no second run on this file meanwhile
            new EventStore(db).Upsert(eventList);
            var summary = await Composition.IngestionRunner(c, FetchOptions.Default).RunAsync(sources, db, ct);
            summary.Scored = Composition.ScoringRunner(c).ScoreUnscored(db, bundle, manifest, ct);
            summary.ScoringNote = $"Classified {summary.Scored} passage(s) with model {manifest.Version}.";
            summary.Write(c.Output);
            var byLanguage = new DocumentStore(db).CountByLanguage();
            c.Output.WriteLine($"Documents by language: {string.Join(", ", byLanguage.Select(kv => $"{kv.Key} {kv.Value}"))}");
            c.Output.WriteLine();
            var request = new WeeklyReportRequest(null, null, DemoEvent, 5, 7, null, ReportFormat.Table, manifest.Version);
            await new WeeklyReportRunner(c.Log<WeeklyReportRunner>()).WriteAsync(db, request, c.Output, ct);
            c.Output.WriteLine();
            c.Output.WriteLine($"Database: {dbPath}. Try: nlp report weekly --db {dbPath} --event \"{DemoEvent}\" --language ru --format csv");
            return summary.AllFailed ? ExitCodes.Failed : ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>
    /// Starts fresh, but only ever deletes a database that is ours (an NlpPipeline file), that no run is using (its
    /// lease is free), and that holds nothing but an earlier demo's documents: a mistyped --db never costs a corpus.
    /// </summary>
    private static void DeleteDemoDatabase(string path, IReadOnlyList<Core.Domain.Source> demoSources, CliContext c)
    {
        if (!File.Exists(path)) return;
        using (var db = c.OpenDatabase(path))   // throws StorageException if the file is not an NlpPipeline database
        {
            var demoIds = demoSources.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
            var others = new RunStore(db).SourcesWithDocuments().Where(id => !demoIds.Contains(id)).ToList();
            if (others.Count > 0)
                throw new UsageException($"{path} holds documents of sources that are not the demo's ({string.Join(", ", others.Take(5))}" +
                                         $"{(others.Count > 5 ? ", …" : "")}). 'nlp demo' starts from an empty database and deletes the one it is given, " +
                                         "so it refuses this one: give it another --db (default " + NlpPaths.DemoDb + ").");
            using (c.AcquireLease(db, "demo")) { }   // refused while a run uses the file
        }
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            if (File.Exists(path + suffix)) File.Delete(path + suffix);
    }
}
