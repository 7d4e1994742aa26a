using System.Text.Json.Serialization;

namespace NlpPipeline.Classification.Features;

/// <summary>
/// What <see cref="HashedNgramFeaturizer"/> (v2) adds for the passage's source kind (news or social, as its source is
/// recorded; unknown where a caller has no source): nothing (v1 features), a per-kind bias, or the bias and the
/// passage's word unigrams conjoined with the kind (so a word may weigh differently in news and in posts).
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<SourceKindFeatures>))]
public enum SourceKindFeatures
{
    /// <summary>The text alone: featurizer v1, the kind is ignored.</summary>
    [JsonStringEnumMemberName("none")] None,

    /// <summary>One slot per kind (news, social, unknown), value 1: a per-kind bias for every learner.</summary>
    [JsonStringEnumMemberName("bias")] Bias,

    /// <summary>The per-kind bias, and a block of kind × word unigram slots (nothing when the kind is unknown).</summary>
    [JsonStringEnumMemberName("bias_and_words")] BiasAndWords,
}
