using System.Globalization;

namespace NlpPipeline.Ingestion.Politeness;

/// <summary>
/// Parses robots.txt (RFC 9309) for one crawler. Groups start with one or more <c>User-agent</c> lines;
/// the groups naming our product token (case-insensitive, version ignored) are merged and used, else the
/// <c>*</c> groups, else nothing applies. Rules before any User-agent line, Sitemap lines, unknown lines
/// and comments are ignored; an empty Disallow allows everything.
/// </summary>
public static class RobotsTxt
{
    private sealed class Group
    {
        public List<string> Agents { get; } = [];
        public List<(string Pattern, bool Allow)> Rules { get; } = [];
        public TimeSpan? CrawlDelay { get; set; }
    }

    public static RobotsRules Parse(string text, string productToken)
    {
        var groups = ReadGroups(text);
        var token = productToken.Trim().ToLowerInvariant();
        var ours = groups.Where(g => g.Agents.Contains(token)).ToList();
        if (ours.Count == 0) ours = groups.Where(g => g.Agents.Contains("*")).ToList();
        if (ours.Count == 0) return RobotsRules.AllowAll("no group for us");
        var delays = ours.Where(g => g.CrawlDelay is not null).Select(g => g.CrawlDelay!.Value).ToList();
        return new RobotsRules(ours.SelectMany(g => g.Rules).ToList(), delays.Count > 0 ? delays.Max() : null, null);
    }

    private static List<Group> ReadGroups(string text)
    {
        var groups = new List<Group>();
        Group? current = null;
        var readingAgents = false;
        foreach (var raw in text.TrimStart('\uFEFF').Split(["\r\n", "\r", "\n"], StringSplitOptions.None))
        {
            var hash = raw.IndexOf('#');
            var line = (hash >= 0 ? raw[..hash] : raw).Trim();
            var colon = line.IndexOf(':');
            if (colon <= 0) continue;
            var key = line[..colon].Trim().ToLowerInvariant();
            var value = line[(colon + 1)..].Trim();
            switch (key)
            {
                case "user-agent" or "useragent" or "user agent":
                    if (current is null || !readingAgents)
                    {
                        current = new Group();
                        groups.Add(current);
                    }
                    current.Agents.Add(AgentToken(value));
                    readingAgents = true;
                    break;
                case "allow" or "disallow":
                    readingAgents = false;
                    if (current is null || value.Length == 0) break;   // an empty rule matches nothing
                    current.Rules.Add((value.StartsWith('/') || value.StartsWith('*') ? value : "/" + value, key == "allow"));
                    break;
                case "crawl-delay":
                    readingAgents = false;
                    if (current is not null && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
                        && seconds >= 0 && !double.IsInfinity(seconds))
                        current.CrawlDelay = TimeSpan.FromSeconds(Math.Min(seconds, 86_400));
                    break;
            }
        }
        return groups;
    }

    /// <summary>"NlpPipeline/0.2" and "nlppipeline" both name the product token "nlppipeline".</summary>
    private static string AgentToken(string value)
    {
        var end = value.IndexOfAny(['/', ' ', '\t']);
        return (end < 0 ? value : value[..end]).ToLowerInvariant();
    }
}
