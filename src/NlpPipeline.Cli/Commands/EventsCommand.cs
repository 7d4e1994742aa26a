using System.CommandLine;
using NlpPipeline.Core.Analysis;
using NlpPipeline.Storage;

namespace NlpPipeline.Cli.Commands;

internal static class EventsCommand
{
    public static Command Create(GlobalOptions globals, AppEnvironment env)
    {
        var file = new Option<string>("--file") { Description = "Events file (JSON)", HelpName = "PATH", DefaultValueFactory = _ => NlpPaths.DefaultEvents };
        var load = new Command("load", "Load (or update) events from a JSON file into the database.") { file };
        load.SetAction(NlpApp.Guard(globals, env, (pr, c, ct) =>
        {
            var events = EventsFile.Load(pr.GetValue(file)!);
            using var db = c.OpenDatabase();
            new EventStore(db).Upsert(events);
            c.Output.WriteLine($"Loaded {events.Count} event(s) into {db.Path}.");
            return Task.FromResult(ExitCodes.Ok);
        }));
        var list = new Command("list", "List the events in the database.");
        list.SetAction(NlpApp.Guard(globals, env, (pr, c, ct) =>
        {
            using var db = c.OpenDatabase();
            foreach (var e in new EventStore(db).All())
                c.Output.WriteLine($"{e.Start:yyyy-MM-dd} .. {(e.End is { } end ? end.ToString("yyyy-MM-dd") : "(open)"),-10}  {e.Name}");
            return Task.FromResult(ExitCodes.Ok);
        }));
        return new Command("events", "Dated events that reports mark and centre on.") { load, list };
    }
}
