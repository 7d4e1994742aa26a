namespace NlpPipeline.Core.Labels;

/// <summary>The language of a passage or document, as LABELS.md defines it.</summary>
public enum Language { Kazakh, Russian, English, Mixed, Other }
