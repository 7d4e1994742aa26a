namespace NlpPipeline.Core.Analysis;

/// <summary>
/// One ISO week of the weekly series, for all passages (<see cref="Group"/> null) or for one group (a language,
/// outlet or source kind). Every figure is derived from <see cref="Tally"/>, so each share comes with its
/// denominator: sentiment and topic shares and the emigration-related share are of the week's passages, each
/// intent's share is of the emigration-related passages. <see cref="PassageTally.DatedByFetch"/> counts documents
/// placed by fetch time (only when such documents are included); <see cref="UndatedExcluded"/> counts those left
/// out, by the week they were fetched in.
/// </summary>
public sealed record WeeklyRow(Week Week, string? Group, PassageTally Tally, IReadOnlyList<string> Events, long UndatedExcluded = 0)
{
    public long Documents => Tally.Documents;
    public long Passages => Tally.Passages;
}
