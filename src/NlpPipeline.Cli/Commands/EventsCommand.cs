using System.CommandLine;
using NlpPipeline.Core.Analysis;
using NlpPipeline.Storage;

namespace NlpPipeline.Cli.Commands;

internal static class EventsCommand
{
    public static Command Create(GlobalOptions globals, AppEnvironment env) =>
        new("events", "Dated events that reports mark and centre on.") { Load(globals, env), List(globals, env), Add(globals, env), Remove(globals, env) };

    private static Command Load(GlobalOptions globals, AppEnvironment env)
    {
        var file = new Option<string>("--file") { Description = "Events file (JSON)", HelpName = "PATH", DefaultValueFactory = _ => NlpPaths.DefaultEvents };
        var load = new Command("load", "Load (or update, by name) events from a JSON file into the database.") { file };
        load.SetAction(NlpApp.Guard(globals, env, (pr, c, ct) =>
        {
            var events = EventsFile.Load(pr.GetValue(file)!);
            using var db = c.OpenDatabase();
            new EventStore(db).Upsert(events);
            c.Output.WriteLine($"Loaded {events.Count} event(s) into {db.Path}.");
            return Task.FromResult(ExitCodes.Ok);
        }));
        return load;
    }

    private static Command List(GlobalOptions globals, AppEnvironment env)
    {
        var list = new Command("list", "List the events in the database: start .. end (inclusive local dates, compared with the weeks in the series' time zone), country, name.");
        list.SetAction(NlpApp.Guard(globals, env, (pr, c, ct) =>
        {
            using var db = c.OpenDatabase();
            var events = new EventStore(db).All();
            if (events.Count == 0) c.Output.WriteLine($"No events in {db.Path}; 'nlp events load' reads {NlpPaths.DefaultEvents}, 'nlp events add' adds one.");
            foreach (var e in events)
                c.Output.WriteLine($"{e.Start:yyyy-MM-dd} .. {(e.End is { } end ? end.ToString("yyyy-MM-dd") : "(open)"),-10}  {e.Country ?? "--"}  {e.Name}");
            return Task.FromResult(ExitCodes.Ok);
        }));
        return list;
    }

    private static Command Add(GlobalOptions globals, AppEnvironment env)
    {
        var name = new Option<string>("--name") { Description = "The event's name (unique, letter case aside)", HelpName = "TEXT", Required = true };
        var start = OptionParsers.Date("--start", "First day (inclusive, a local date)");
        start.Required = true;
        var end = OptionParsers.Date("--end", "Last day (inclusive); leave out for an open-ended wave");
        var description = new Option<string?>("--description") { Description = "What happened, in a sentence or two", HelpName = "TEXT" };
        var country = new Option<string?>("--country") { Description = "Where: ISO 3166-1 alpha-2 code (KZ, RU, ...)", HelpName = "CC" };
        var add = new Command("add", "Add one event to the database.") { name, start, end, description, country };
        add.Validators.Add(r =>
        {
            if (string.IsNullOrWhiteSpace(r.GetValue(name))) r.AddError("--name must not be empty");
            if (r.GetValue(start) is { } s && r.GetValue(end) is { } e && e < s) r.AddError($"--end {e:yyyy-MM-dd} is before --start {s:yyyy-MM-dd}");
            if (r.GetValue(country) is { } cc && !ResearchEvent.IsCountryCode(cc)) r.AddError($"--country: '{cc}' is not a two-letter upper-case ISO 3166-1 code such as KZ");
        });
        add.SetAction(NlpApp.Guard(globals, env, (pr, c, ct) =>
        {
            var e = new ResearchEvent(pr.GetValue(name)!.Trim(), pr.GetValue(start)!.Value, pr.GetValue(end), pr.GetValue(description), pr.GetValue(country));
            using var db = c.OpenDatabase();
            var store = new EventStore(db);
            if (store.All().FirstOrDefault(x => string.Equals(x.Name, e.Name, StringComparison.OrdinalIgnoreCase)) is { } existing || !store.Add(e))
            {
                c.Error.WriteLine($"error: an event named \"{e.Name}\" already exists in {db.Path}; remove it first or choose another name.");
                return Task.FromResult(ExitCodes.Failed);
            }
            c.Output.WriteLine($"Added \"{e.Name}\" ({e.Start:yyyy-MM-dd} .. {(e.End is { } d ? d.ToString("yyyy-MM-dd") : "open")}).");
            return Task.FromResult(ExitCodes.Ok);
        }));
        return add;
    }

    private static Command Remove(GlobalOptions globals, AppEnvironment env)
    {
        var name = new Argument<string>("NAME") { Description = "The event's exact name (letter case aside)" };
        var remove = new Command("remove", "Remove one event from the database.") { name };
        remove.SetAction(NlpApp.Guard(globals, env, (pr, c, ct) =>
        {
            var n = pr.GetValue(name)!;
            using var db = c.OpenDatabase();
            var store = new EventStore(db);
            var match = store.All().FirstOrDefault(x => string.Equals(x.Name, n, StringComparison.OrdinalIgnoreCase));
            if (match is null || !store.Remove(match.Name))
            {
                c.Error.WriteLine($"error: no event named \"{n}\" in {db.Path} (see 'nlp events list').");
                return Task.FromResult(ExitCodes.Failed);
            }
            c.Output.WriteLine($"Removed \"{match.Name}\".");
            return Task.FromResult(ExitCodes.Ok);
        }));
        return remove;
    }
}
