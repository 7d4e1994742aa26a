namespace NlpPipeline.Core.Analysis;

/// <summary>One week of one group (null: the whole series).</summary>
public readonly record struct WeekCell(Week Week, string? Group);
