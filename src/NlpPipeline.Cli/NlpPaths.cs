namespace NlpPipeline.Cli;

/// <summary>
/// Every default location, in one place. Precedence: command-line option, then environment variable,
/// then the default, which is relative to the current directory (never to the binary).
/// </summary>
public static class NlpPaths
{
    public const string DbVariable = "NLP_DB";
    public const string ModelsVariable = "NLP_MODELS";

    public const string DefaultDb = "data/nlp.db";
    public const string DemoDb = "data/demo.db";
    public const string DefaultModels = "models";
    public const string DefaultAnnotated = "corpora/annotated";
    public const string DefaultEvents = "corpora/events.json";
    public const string DefaultDemo = "corpora/demo";
    public const string DemoSources = "sources.json";
    /// <summary>The throw-away database of `nlp bench ingest`.</summary>
    public const string DefaultBenchIngestDb = "data/bench-ingest.db";

    public const string DefaultLangIdTest = "corpora/langid/test.jsonl";

    /// <summary>The folded n-gram counts of the language identifier, embedded in the Classification assembly at build time.</summary>
    public const string DefaultFoldedNgrams = "src/NlpPipeline.Classification/Languages/FoldedNgrams.tsv.gz";

    /// <summary>The feed-parser test suite beside the checkout; only `nlp bench feeds` reads it, when present.</summary>
    public const string DefaultFeedSuite = "../shared/benchmarks/feeds";

    public static string Db(string? option) => Pick(option, DbVariable, DefaultDb);

    public static string Models(string? option) => Pick(option, ModelsVariable, DefaultModels);

    private static string Pick(string? option, string variable, string fallback)
    {
        if (!string.IsNullOrWhiteSpace(option)) return option;
        var env = Environment.GetEnvironmentVariable(variable);
        return string.IsNullOrWhiteSpace(env) ? fallback : env;
    }
}
