using NlpPipeline.Core.Labels;

namespace NlpPipeline.Core.Domain;

/// <summary>
/// A unit of classification: one paragraph or post, NFC text of 1–1,500 characters, with its language
/// and the identifier's confidence in it (0–1).
/// </summary>
public sealed record Passage(int Ordinal, string Text, Language Language, double LanguageConfidence);
