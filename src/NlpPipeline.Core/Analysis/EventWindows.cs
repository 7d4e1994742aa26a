namespace NlpPipeline.Core.Analysis;

/// <summary>
/// The weeks compared around an event: "before" is the <c>weeksBefore</c> ISO weeks ending the week before the
/// event's first week; "after" runs from the event's first week through <c>weeksAfter</c> weeks after its last
/// week (an open-ended event's last week is its first), so the event's own weeks count as "after".
/// </summary>
public sealed record EventWindows(ResearchEvent Event, Week BeforeFirst, Week BeforeLast, Week AfterFirst, Week AfterLast)
{
    public static EventWindows Around(ResearchEvent e, int weeksBefore, int weeksAfter)
    {
        if (weeksBefore < 1 || weeksAfter < 0) throw new ArgumentOutOfRangeException(nameof(weeksBefore), "at least one week before, none or more after");
        var start = Week.Of(e.Start);
        return new EventWindows(e, start.AddWeeks(-weeksBefore), start.AddWeeks(-1), start, Week.Of(e.End ?? e.Start).AddWeeks(weeksAfter));
    }

    public bool IsBefore(Week w) => w >= BeforeFirst && w <= BeforeLast;
    public bool IsAfter(Week w) => w >= AfterFirst && w <= AfterLast;
}
