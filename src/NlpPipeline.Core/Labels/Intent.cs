namespace NlpPipeline.Core.Labels;

/// <summary>Emigration intent of a passage (LABELS.md). Strength order lives in <see cref="IntentNames.Strength"/>.</summary>
public enum Intent { None, Discussion, Considering, Planning, Departed, Staying }
