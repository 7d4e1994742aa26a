using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using NlpPipeline.Cli.Benchmarks;
using NlpPipeline.Ingestion.Fetching;

namespace NlpPipeline.Cli.Commands;

internal static class ExtractCommand
{
    public static Command Create(GlobalOptions globals, AppEnvironment env)
    {
        var input = new Option<string>("--in-dir") { Description = "Folder of NAME.html (or NAME.html.gz) pages", HelpName = "DIR", Required = true };
        var output = new Option<string>("--out-dir") { Description = "Folder to write NAME.txt files to (main text, paragraphs separated by blank lines)", HelpName = "DIR", Required = true };
        var command = new Command("extract", "Extract the main text of saved pages, one NAME.txt per NAME.html, with the extractor ingestion uses.")
        {
            input, output,
        };
        command.SetAction(NlpApp.Guard(globals, env, async (pr, c, ct) =>
        {
            var outDir = Directory.CreateDirectory(pr.GetValue(output)!).FullName;
            var extractor = Composition.MainTextExtractor();
            var clock = Stopwatch.StartNew();
            int pages = 0, empty = 0;
            foreach (var (name, bytes) in HtmlFolder.Read(pr.GetValue(input)!))
            {
                ct.ThrowIfCancellationRequested();
                var page = extractor.Extract(CharsetDecoder.Decode(bytes, null), new Uri("https://example.invalid/" + Uri.EscapeDataString(name)));
                if (page.Paragraphs.Count == 0) empty++;
                await File.WriteAllTextAsync(Path.Combine(outDir, name + ".txt"), string.Join("\n\n", page.Paragraphs), ct);
                pages++;
            }
            c.Output.WriteLine(string.Format(CultureInfo.InvariantCulture, "Extracted {0} page(s) into {1} ({2} without main text), {3:0} pages/s.",
                pages, outDir, empty, pages / Math.Max(0.001, clock.Elapsed.TotalSeconds)));
            return ExitCodes.Ok;
        }));
        return command;
    }
}
