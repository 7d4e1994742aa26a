using System.CommandLine;
using System.Text.Json;
using NlpPipeline.Classification.Scoring;
using NlpPipeline.Cli.Pipeline;
using NlpPipeline.Core.Export;
using NlpPipeline.Core.Labels;
using NlpPipeline.Core.Text;

namespace NlpPipeline.Cli.Commands;

internal static class PredictCommand
{
    private const int BatchSize = 512;

    public static Command Create(GlobalOptions globals, AppEnvironment env)
    {
        var input = new Option<string>("--in") { Description = "JSON Lines input; each line an object with at least \"id\" and \"text\", and optionally \"source_kind\" (news or social; without it the text is scored as of unknown source kind)", HelpName = "IN.jsonl", Required = true };
        var output = new Option<string>("--out") { Description = "JSON Lines output, one line per input line, same order (written only when complete)", HelpName = "OUT.jsonl", Required = true };
        var model = ModelLoading.CreateOption();
        var command = new Command("predict",
            "Label texts from a file without touching the database: language, intent, topics and sentiment with probabilities per label.")
        {
            input, output, model,
        };
        command.SetAction(NlpApp.Guard(globals, env, async (pr, c, ct) =>
        {
            var inPath = pr.GetValue(input)!;
            var items = ReadInput(inPath);
            var (bundle, manifest) = ModelLoading.Load(c.Settings, c.Log<ScoringRunner>());
            await AtomicFile.WriteAsync(pr.GetValue(output)!, async w =>
            {
                for (var start = 0; start < items.Count; start += BatchSize)
                {
                    ct.ThrowIfCancellationRequested();
                    var batch = items.Skip(start).Take(BatchSize).ToList();
                    var scores = bundle.Score(batch.Select(b => new ScoringInput(b.Text, b.Kind)).ToList(), manifest.Version);
                    for (var i = 0; i < batch.Count; i++)
                        await w.WriteLineAsync(PredictionJsonWriter.Line(batch[i].Id, Composition.Languages.Guess(batch[i].Text).Language, scores[i]));
                }
            }, ct);
            c.Output.WriteLine($"Wrote {items.Count} prediction(s) to {pr.GetValue(output)} with model {manifest.Version}.");
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>Reads and checks every line before any work, so a bad line means no output at all.</summary>
    private static List<(JsonElement Id, string Text, SourceKind? Kind)> ReadInput(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Input file not found: {path}");
        var items = new List<(JsonElement, string, SourceKind?)>();
        var lineNo = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNo++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            JsonElement root;
            try { root = JsonDocument.Parse(line).RootElement.Clone(); }
            catch (JsonException ex) { throw new FormatException($"{path}:{lineNo}: invalid JSON ({ex.Message.Split(". ")[0]})", ex); }
            if (root.ValueKind != JsonValueKind.Object) throw new FormatException($"{path}:{lineNo}: expected a JSON object");
            if (!root.TryGetProperty("id", out var id) || id.ValueKind is not (JsonValueKind.String or JsonValueKind.Number))
                throw new FormatException($"{path}:{lineNo}: missing \"id\" (a string or number)");
            if (!root.TryGetProperty("text", out var text) || text.ValueKind != JsonValueKind.String)
                throw new FormatException($"{path}:{lineNo}: missing \"text\" (a string)");
            SourceKind? kind = null;
            if (root.TryGetProperty("source_kind", out var sk) && sk.ValueKind != JsonValueKind.Null)
            {
                if (sk.ValueKind != JsonValueKind.String || !LabelNames.SourceKinds.TryParse(sk.GetString()!, out var parsed))
                    throw new FormatException($"{path}:{lineNo}: \"source_kind\" must be one of {string.Join(", ", LabelNames.SourceKinds.Names)} (or left out when unknown)");
                kind = parsed;
            }
            items.Add((id.Clone(), text.GetString()!, kind));
        }
        return items;
    }
}
