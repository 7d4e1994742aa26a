namespace NlpPipeline.Core.Analysis;

/// <summary>
/// A dated event researchers compare around. <see cref="Start"/> and <see cref="End"/> are inclusive
/// local dates in the research time zone; an open-ended event (a wave that began) has no end. <see cref="Country"/>
/// is where it happened, as an ISO 3166-1 alpha-2 code (KZ, RU), or null when not recorded.
/// </summary>
public sealed record ResearchEvent(string Name, DateOnly Start, DateOnly? End, string? Description, string? Country = null)
{
    public bool Overlaps(DateOnly from, DateOnly to) => Start <= to && (End ?? DateOnly.MaxValue) >= from;

    public bool Overlaps(Week week) => Overlaps(week.Monday, week.Sunday);

    /// <summary>Two upper-case ASCII letters (ISO 3166-1 alpha-2).</summary>
    public static bool IsCountryCode(string s) => s.Length == 2 && s.All(char.IsAsciiLetterUpper);
}
