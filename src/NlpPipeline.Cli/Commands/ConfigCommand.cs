using System.CommandLine;
using System.Text.Json;
using NlpPipeline.Cli.Settings;
using NlpPipeline.Core.Export;

namespace NlpPipeline.Cli.Commands;

/// <summary>nlp config show | init: the effective settings and where each comes from; a complete example settings file.</summary>
internal static class ConfigCommand
{
    public static Command Create(GlobalOptions globals, AppEnvironment env)
    {
        var command = new Command("config",
            "Settings in one place: built-in defaults < settings file (--settings, NLP_SETTINGS, else ./nlp.settings.json if present) < " +
            "NLP_ environment variables < command-line options.");
        command.Subcommands.Add(Show(globals, env));
        command.Subcommands.Add(Init(globals, env));
        return command;
    }

    private static Command Show(GlobalOptions globals, AppEnvironment env)
    {
        var format = new Option<string>("--format") { Description = "table or json", HelpName = "table|json", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var command = new Command("show",
            "Print every setting in force, with where it came from: default, file (FILE:LINE), env (the variable) or command line (the option). " +
            "Secrets are shown as (set). Global options given before or after 'config show' (--db, --log, -v, -q) count as the command line. " +
            "NLP_ variables that are not settings are reported (every command warns of them).")
        {
            format,
        };
        command.SetAction(NlpApp.Guard(globals, env, (pr, c, ct) =>
        {
            var s = c.Settings;
            if (pr.GetValue(format) == "json") WriteJson(c.Output, s);
            else WriteTable(c.Output, s);
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }

    private static void WriteTable(TextWriter w, NlpSettings s)
    {
        w.WriteLine(s.File is null
            ? $"Settings file: none ({NlpPaths.DefaultSettings} not found in the current directory; --settings PATH or NLP_SETTINGS name one)"
            : $"Settings file: {s.File} ({s.FileOrigin})");
        var rows = SettingCatalog.All.Select(x => (x.Key, Value: x.ToDisplay(s[x].Current), From: From(s[x]))).ToList();
        var keyWidth = rows.Max(r => r.Key.Length);
        var valueWidth = Math.Min(60, rows.Max(r => r.Value.Length));
        w.WriteLine($"{"key".PadRight(keyWidth)}  {"value".PadRight(valueWidth)}  from");
        foreach (var r in rows) w.WriteLine($"{r.Key.PadRight(keyWidth)}  {r.Value.PadRight(valueWidth)}  {r.From}");
        w.WriteLine("fetch.*: a sources file's \"fetch\" object applies over the settings file's values (and under NLP_ variables and options).");
    }

    private static string From(NlpSettings.Value v) => v.Source == SettingSource.Default ? "default" : $"{v.Source.ToText()} ({v.Origin})";

    private static void WriteJson(TextWriter w, NlpSettings s)
    {
        using var stream = new MemoryStream();
        using (var j = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            j.WriteStartObject();
            j.WriteString("settings_file", s.File);
            j.WriteString("settings_file_from", s.FileOrigin);
            j.WriteStartArray("settings");
            foreach (var x in SettingCatalog.All)
            {
                var v = s[x];
                j.WriteStartObject();
                j.WriteString("key", x.Key);
                j.WritePropertyName("value");
                if (v.Current is null) j.WriteNullValue();
                else if (x.Secret) j.WriteStringValue("(set)");
                else j.WriteRawValue(x.ToJson(v.Current));
                j.WriteString("source", v.Source.ToText());
                j.WriteString("origin", v.Origin);
                j.WriteString("variable", x.Variable);
                j.WriteEndObject();
            }
            j.WriteEndArray();
            j.WriteStartArray("unknown_variables");
            foreach (var name in s.UnknownVariables) j.WriteStringValue(name);
            j.WriteEndArray();
            j.WriteEndObject();
        }
        w.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static Command Init(GlobalOptions globals, AppEnvironment env)
    {
        var path = new Argument<string>("PATH") { Description = $"Where to write the settings file (e.g. {NlpPaths.DefaultSettings})" };
        var force = new Option<bool>("--force") { Description = "Overwrite PATH if it exists" };
        var command = new Command("init",
            "Write a complete, commented settings file: every setting at its built-in default with its description and environment variable " +
            "(settings without a default commented out). Written whole or not at all; an existing file is kept unless --force.")
        {
            path, force,
        };
        command.SetAction(NlpApp.Guard(globals, env, async (pr, c, ct) =>
        {
            var target = pr.GetValue(path)!;
            if (File.Exists(target) && !pr.GetValue(force)) throw new IOException($"{target} exists; add --force to overwrite it");
            if (Directory.Exists(target)) throw new IOException($"{target} is a directory");
            await AtomicFile.WriteAsync(target, w => w.WriteAsync(SettingsFile.Example()), ct);
            c.Output.WriteLine($"Wrote {target} with every setting at its default. Use it with --settings {target} or NLP_SETTINGS={target}" +
                               $"{(Path.GetFileName(target) == NlpPaths.DefaultSettings ? $", or as {NlpPaths.DefaultSettings} in the directory nlp runs from" : "")}; check it with 'nlp config show'.");
            return ExitCodes.Ok;
        }, readSettings: false));
        return command;
    }
}
