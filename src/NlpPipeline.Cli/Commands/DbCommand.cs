using System.CommandLine;
using System.Globalization;
using NlpPipeline.Storage;
using NlpPipeline.Storage.Search;

namespace NlpPipeline.Cli.Commands;

internal static class DbCommand
{
    public static Command Create(GlobalOptions globals, AppEnvironment env) =>
        new("db", "Look after the database file: online backup, health check, search indexing, vacuum.") { Backup(globals, env), Check(globals, env), Index(globals, env), Vacuum(globals, env) };

    private static Command Backup(GlobalOptions globals, AppEnvironment env)
    {
        var path = new Argument<string>("PATH") { Description = "Where to write the copy (replaced if it exists; written to a temporary file first)" };
        var command = new Command("backup",
            "Copy the database with SQLite's online backup: safe while a run is writing (the copy is a consistent snapshot). " +
            "The copy is checked with integrity_check before it replaces PATH, and is one self-contained file.")
        {
            path,
        };
        command.SetAction(NlpApp.Guard(globals, env, (pr, c, ct) =>
        {
            using var db = c.OpenDatabase();
            var started = c.Time.GetTimestamp();
            var bytes = new DatabaseMaintenance(db).Backup(pr.GetValue(path)!);
            c.Output.WriteLine(string.Format(CultureInfo.InvariantCulture, "Backed up {0} to {1}: {2:N1} MB in {3:N1} s, integrity ok.",
                db.Path, pr.GetValue(path), bytes / 1048576.0, c.Time.GetElapsedTime(started).TotalSeconds));
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }

    private static Command Check(GlobalOptions globals, AppEnvironment env)
    {
        var command = new Command("check",
            "Check the database: integrity_check, foreign_key_check, schema version, row counts, orphans (original documents without passages, " +
            "passages, predictions or duplicates pointing at missing rows, passages missing from the search index), passages waiting to be indexed for search, and the run lease. Exit code 1 when any problem is found.");
        command.SetAction(NlpApp.Guard(globals, env, (pr, c, ct) =>
        {
            using var db = c.OpenDatabase();
            var check = new DatabaseMaintenance(db).Check();
            var w = c.Output;
            w.WriteLine($"Database {db.Path}: schema version {check.SchemaVersion} (this build: {check.LatestSchemaVersion})");
            w.WriteLine("  " + string.Join(", ", check.Counts.Select(kv => string.Format(CultureInfo.InvariantCulture, "{0} {1:N0}", kv.Key, kv.Value))));
            w.WriteLine(check.SearchPending == 0
                ? "  search index: every passage indexed"
                : string.Format(CultureInfo.InvariantCulture, "  search index: {0:N0} passage(s) waiting to be indexed (the next ingest, import or search indexes them; or 'nlp db index')", check.SearchPending));
            w.WriteLine(check.Lease is { } lease ? $"  run lease held by {lease.Describe()}" : "  run lease: free");
            if (check.Problems.Count == 0)
            {
                w.WriteLine("OK: integrity, foreign keys, schema version and orphans checked; no problems.");
                return Task.FromResult(ExitCodes.Ok);
            }
            foreach (var problem in check.Problems) w.WriteLine($"PROBLEM: {problem}");
            c.Error.WriteLine($"error: {check.Problems.Count} problem(s) found in {db.Path}; restore a backup ('nlp db backup') or investigate before the next run.");
            return Task.FromResult(ExitCodes.Failed);
        }));
        return command;
    }

    private static Command Index(GlobalOptions globals, AppEnvironment env)
    {
        var command = new Command("index",
            "Index the passages stored since the last indexing for full-text search. Ingest and import do this when they finish and every " +
            "search does it first, so this is only needed to do it at a time of your choosing (after a bulk load, say). It also finds and indexes " +
            "passages that another program inserted with plain SQL (reads every passage once). Safe while a run is active.");
        command.SetAction(NlpApp.Guard(globals, env, (pr, c, ct) =>
        {
            using var db = c.OpenDatabase();
            var started = c.Time.GetTimestamp();
            var search = new PassageSearchIndex(db);
            if (search.QueueUnqueued() is var found and > 0)
                c.Output.WriteLine(string.Format(CultureInfo.InvariantCulture, "Found {0:N0} passage(s) stored without being queued for search (not by nlp); indexing them too.", found));
            var indexed = search.CatchUp(ct);
            c.Output.WriteLine(string.Format(CultureInfo.InvariantCulture, "Indexed {0:N0} passage(s) for search in {1:N1} s; none waiting.",
                indexed, c.Time.GetElapsedTime(started).TotalSeconds));
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }

    private static Command Vacuum(GlobalOptions globals, AppEnvironment env)
    {
        var command = new Command("vacuum",
            "Rebuild the database file to reclaim free space (takes the run lease: refused while a run is active, and no run starts meanwhile). " +
            "Needs free disk space about the size of the database.");
        command.SetAction(NlpApp.Guard(globals, env, (pr, c, ct) =>
        {
            using var db = c.OpenDatabase();
            using var lease = c.AcquireLease(db, "db vacuum");
            var (before, after) = new DatabaseMaintenance(db).Vacuum();
            c.Output.WriteLine(string.Format(CultureInfo.InvariantCulture, "Vacuumed {0}: {1:N1} MB → {2:N1} MB.", db.Path, before / 1048576.0, after / 1048576.0));
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }
}
