using System.Text.Json;
using System.Text.Json.Serialization;
using NlpPipeline.Classification.Evaluation;
using NlpPipeline.Classification.Features;
using NlpPipeline.Classification.Training;

namespace NlpPipeline.Classification;

/// <summary>
/// The model card in machine form (<c>manifest.json</c>): what the model is, what it was trained on,
/// how its outputs are ordered and thresholded, and how well it did on held-out passages.
/// </summary>
public sealed record ModelManifest
{
    public const int CurrentFormat = 2;

    public int Format { get; init; } = CurrentFormat;
    public required string Version { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required int Seed { get; init; }
    public required string TrainingDataSha256 { get; init; }

    /// <summary>SHA-256 of the prepared training text; absent in manifests written before it was recorded.</summary>
    public string? PreparedTextSha256 { get; init; }
    public required CorpusSummary Corpus { get; init; }

    /// <summary>Passages annotated in the database added to the training part (never to the test part); absent in older manifests.</summary>
    public int? StoreAnnotations { get; init; }
    public required string Features { get; init; }

    /// <summary>
    /// The featurizer the model's learners read, with its options and version: a model is scored only by a build whose
    /// featurizer has that name and version (<c>ModelRepository.Load</c>). Absent in manifests of models that carried
    /// ML.NET's text featurizer inside model.zip (before format 2), which this build does not load.
    /// </summary>
    public FeaturizerRecord? Featurizer { get; init; }
    public required string Trainers { get; init; }
    public required IReadOnlyList<string> IntentLabels { get; init; }
    public required IReadOnlyList<string> SentimentLabels { get; init; }
    public required IReadOnlyList<string> TopicLabels { get; init; }
    public required double IntentThreshold { get; init; }
    public required IReadOnlyDictionary<string, double> TopicThresholds { get; init; }
    public required EvaluationReport Metrics { get; init; }

    /// <summary>Cross-validated scores of this configuration on the training part; absent in older manifests.</summary>
    public CrossValidationResult? CrossValidation { get; init; }

    /// <summary>Label counts of the training part (the majority-class baseline); absent in older manifests.</summary>
    public TrainingLabelCounts? TrainingLabels { get; init; }

    /// <summary>Wall-clock seconds of the whole training run; absent in older manifests.</summary>
    public double? TrainingSeconds { get; init; }

    /// <summary>The held-out evaluation with bootstrap intervals and both baselines, as <c>nlp evaluate</c> reports it; absent in older manifests.</summary>
    public HeldOutEvaluation? HeldOut { get; init; }

    /// <summary>The same on the test passages with no close training neighbour (docs/classifier.md, session 14); absent in older manifests.</summary>
    public HeldOutWithoutNeighbours? HeldOutWithoutNeighbours { get; init; }

    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}

/// <summary>
/// Which featurizer computes a model's features: name, version, options, and its fitted slot map (<c>features.bin</c>
/// beside model.zip: how many word, character and kind × word slots it keeps, and the file's SHA-256). Version 1 reads
/// the text alone; version 2 also the passage's source kind (<see cref="HashedNgramOptions.SourceKind"/>); version 3 can
/// fold Kazakh-only letters (<see cref="HashedNgramOptions.FoldKazakh"/>).
/// </summary>
public sealed record FeaturizerRecord(string Name, int Version, HashedNgramOptions Options, int WordSlots, int CharSlots, string SlotsSha256,
    int KindWordSlots = 0)
{
    /// <summary>Version 3: the number of concepts of the lexicon saved beside model.zip (<c>concepts.tsv</c>); 0 (left out) without one.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int Concepts { get; init; }

    /// <summary>Version 3: SHA-256 of <c>concepts.tsv</c>, the concept lexicon the model was trained with; null (left out) without one.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ConceptsSha256 { get; init; }

    public static FeaturizerRecord Of(HashedNgramFeaturizer f) =>
        new(HashedNgramFeaturizer.Name, f.Version, f.Options, f.Slots.Words.Count, f.Slots.Chars.Count, SlotMap.Sha256(f.Slots.ToBytes()), f.Slots.KindWords.Count)
        {
            Concepts = f.Concepts?.Count ?? 0,
            ConceptsSha256 = f.Concepts?.Sha256,
        };

    /// <summary>What the features read, for the model card.</summary>
    public string Describe() => Options.SourceKind switch
    {
        SourceKindFeatures.None => "the passage text only",
        SourceKindFeatures.Bias => "the passage text and its source kind (news, social; unknown when the caller has no source) as a per-kind bias",
        _ => "the passage text and its source kind (news, social; unknown when the caller has no source) as a per-kind bias and kind × word unigrams",
    } + (Options.FoldKazakh ? ", Kazakh-only letters folded (" + HashedNgramOptions.KazakhFolding + ")" : "")
      + (Concepts > 0 ? $", with the hits of {Concepts} cross-lingual concepts (lexicon concepts.tsv, SHA-256 `{ConceptsSha256}`)" : "");
}

public sealed record CorpusSummary(
    IReadOnlyList<string> Files,
    int Passages,
    IReadOnlyDictionary<string, int> ByLanguage,
    IReadOnlyDictionary<string, int> BySplit);
