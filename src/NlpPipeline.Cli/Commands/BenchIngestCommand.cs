using System.CommandLine;
using NlpPipeline.Cli.Benchmarks;

namespace NlpPipeline.Cli.Commands;

internal static class BenchIngestCommand
{
    public static Command Create(GlobalOptions globals, AppEnvironment env)
    {
        var items = new Option<int>("--items") { Description = "Articles served and ingested", HelpName = "N", DefaultValueFactory = _ => 100_000 };
        var perFeed = new Option<int>("--per-feed") { Description = "Items per RSS feed (one source per feed)", HelpName = "N", DefaultValueFactory = _ => 500 };
        var hosts = new Option<int>("--hosts") { Description = "Virtual outlets (host names) the feeds are spread over", HelpName = "N", DefaultValueFactory = _ => 8 };
        var parallel = new Option<int>("--parallel-hosts") { Description = "Hosts fetched in parallel (the sources file's max_parallel_hosts)", HelpName = "N", DefaultValueFactory = _ => 4 };
        var db = new Option<string>("--bench-db") { Description = "Database to create (deleted first)", HelpName = "PATH", DefaultValueFactory = _ => NlpPaths.DefaultBenchIngestDb };
        var model = ModelLoading.CreateOption();
        var noClassify = new Option<bool>("--no-classify") { Description = "Only ingest; skip the classification phase" };
        var command = new Command("ingest",
            "A nightly ingest at scale: an in-process loopback server serves N synthetic news articles (ru/kk/en, 250-500 words, page " +
            "furniture included) from RSS feeds on several virtual hosts; the real 'nlp ingest' (politeness 0) stores them and 'nlp classify' " +
            "labels them. Reports items/s, passages/s, database size and the process's peak memory (VmHWM; target under 400 MB).")
        {
            items, perFeed, hosts, parallel, db, model, noClassify,
        };
        command.SetAction(NlpApp.Guard(globals, env, async (pr, c, ct) =>
        {
            if (pr.GetValue(items) < 1 || pr.GetValue(perFeed) < 1 || pr.GetValue(hosts) < 1) throw new UsageException("--items, --per-feed and --hosts must be at least 1");
            if (pr.GetValue(parallel) is < 1 or > 64) throw new UsageException("--parallel-hosts must be between 1 and 64");
            var path = pr.GetValue(db)!;
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            return await IngestBenchmark.RunAsync(new IngestBenchmark.Options(pr.GetValue(items), pr.GetValue(perFeed), pr.GetValue(hosts), pr.GetValue(parallel),
                path, c.Settings.Models, !pr.GetValue(noClassify)), c.Output, c.Error, ct);
        }));
        return command;
    }
}
