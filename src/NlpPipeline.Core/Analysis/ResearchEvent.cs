namespace NlpPipeline.Core.Analysis;

/// <summary>
/// A dated event researchers compare around. <see cref="Start"/> and <see cref="End"/> are inclusive
/// local dates in the research time zone; an open-ended event (a wave that began) has no end.
/// </summary>
public sealed record ResearchEvent(string Name, DateOnly Start, DateOnly? End, string? Description)
{
    public bool Overlaps(DateOnly from, DateOnly to) => Start <= to && (End ?? DateOnly.MaxValue) >= from;

    public bool Overlaps(Week week) => Overlaps(week.Monday, week.Sunday);
}
