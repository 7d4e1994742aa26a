using NlpPipeline.Core.Labels;

namespace NlpPipeline.Classification.Scoring;

/// <summary>
/// A passage to classify: its raw text and the kind of its source (news or social, from the corpus record or the stored
/// source), or null when the caller truly has no source (a text given on its own): the model then scores it as of
/// unknown kind. A model whose featurizer reads no kind (v1) ignores it.
/// </summary>
public readonly record struct ScoringInput(string Text, SourceKind? Kind)
{
    /// <summary>A text with no source, scored as of unknown kind.</summary>
    public static ScoringInput OfUnknownKind(string text) => new(text, null);
}
