using System.Text.Json;
using NlpPipeline.Ingestion.Fetching;

namespace NlpPipeline.Ingestion.Sources;

public static partial class SourcesFile
{
    /// <summary>The keys of the optional <c>"fetch"</c> object; every one may be left out (then its default applies).</summary>
    public static IReadOnlyList<string> FetchSettings { get; } =
    [
        "user_agent", "timeout_seconds", "max_bytes", "per_host_interval_seconds", "retries", "retry_base_delay_seconds",
        "max_retry_after_seconds", "max_crawl_delay_seconds", "host_failure_limit", "max_parallel_hosts",
    ];

    private static FetchOptions ReadFetch(ref Utf8JsonReader r, Context c, int startLine, FetchOptions defaults)
    {
        Expect(ref r, JsonTokenType.StartObject, c, "\"fetch\" must be an object");
        var o = defaults;
        var seen = new HashSet<string>();
        while (Next(ref r) == JsonTokenType.PropertyName)
        {
            var line = c.Line(ref r);
            var key = r.GetString()!;
            if (!FetchSettings.Contains(key))
                throw Error(c.Name, line, $"fetch: unknown key \"{key}\" (allowed: {string.Join(", ", FetchSettings)})");
            if (!seen.Add(key)) throw Error(c.Name, line, $"fetch: \"{key}\" appears twice");
            var token = Next(ref r);
            if (key == "user_agent")
            {
                if (token != JsonTokenType.String) throw Error(c.Name, line, "fetch.user_agent must be a string");
                o = o with { UserAgent = r.GetString()!.Trim() };
                continue;
            }
            if (token != JsonTokenType.Number || !r.TryGetDouble(out var n) || double.IsNaN(n) || double.IsInfinity(n))
                throw Error(c.Name, line, $"fetch.{key} must be a number");
            int Whole() => n == Math.Floor(n) && n is >= int.MinValue and <= int.MaxValue
                ? (int)n : throw Error(c.Name, line, $"fetch.{key} must be a whole number");
            TimeSpan Seconds() => n is >= 0 and <= 86_400 ? TimeSpan.FromSeconds(n) : throw Error(c.Name, line, $"fetch.{key} must be between 0 and 86400");
            o = key switch
            {
                "timeout_seconds" => o with { Timeout = Seconds() },
                "max_bytes" => o with { MaxBytes = Whole() },
                "per_host_interval_seconds" => o with { PerHostInterval = Seconds() },
                "retries" => o with { Retries = Whole() },
                "retry_base_delay_seconds" => o with { RetryBaseDelay = Seconds() },
                "max_retry_after_seconds" => o with { MaxRetryAfter = Seconds() },
                "max_crawl_delay_seconds" => o with { MaxCrawlDelay = Seconds() },
                "host_failure_limit" => o with { HostFailureLimit = Whole() },
                "max_parallel_hosts" => o with { MaxParallelHosts = Whole() },
                _ => throw new System.Diagnostics.UnreachableException(key),
            };
        }
        if (r.TokenType != JsonTokenType.EndObject) throw Error(c.Name, c.Line(ref r), "\"fetch\" must be an object of settings");
        var problem = o.Validate().FirstOrDefault();
        if (problem is not null) throw Error(c.Name, startLine, "fetch." + problem);
        return o;
    }
}
