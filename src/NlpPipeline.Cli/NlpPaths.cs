namespace NlpPipeline.Cli;

/// <summary>
/// Every default location, in one place, relative to the current directory (never to the binary). The operator's
/// choices over these (settings file, NLP_ variables, options) are resolved by <see cref="Settings.NlpSettings"/>.
/// </summary>
public static class NlpPaths
{
    /// <summary>The settings file read when neither --settings nor NLP_SETTINGS names one (only if it exists).</summary>
    public const string DefaultSettings = "nlp.settings.json";

    public const string DefaultDb = "data/nlp.db";
    public const string DemoDb = "data/demo.db";
    public const string DefaultModels = "models";
    /// <summary>Where `nlp schedule` writes the weekly report after each run.</summary>
    public const string DefaultScheduleReport = "data/weekly.csv";
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
}
