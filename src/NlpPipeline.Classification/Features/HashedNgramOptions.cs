using System.Globalization;
using System.Text.Json.Serialization;

namespace NlpPipeline.Classification.Features;

/// <summary>
/// What <see cref="HashedNgramFeaturizer"/> extracts: word 1–<see cref="WordMax"/>-grams (0 = none) and character
/// <see cref="CharMin"/>–<see cref="CharMax"/>-grams (CharMax 0 = none), each block hashed into its own space of
/// 2^<see cref="Bits"/> slots; term frequency (raw counts, or 1 + ln(count) when <see cref="Sublinear"/>). The model
/// then keeps the slots hit in at least <see cref="MinCount"/> training passages, L2-normalises each block and the
/// whole vector. <see cref="SourceKind"/> adds the source-kind block after the text's features (featurizer v2;
/// <see cref="SourceKindFeatures.None"/> is v1). <see cref="ConceptWeight"/> above 0 adds the concept block (featurizer v3,
/// <see cref="ConceptLexicon"/>). <see cref="FoldKazakh"/> reads each Kazakh-only letter as the letter a phone keyboard
/// without Kazakh letters puts in its place (<see cref="KazakhFolding"/>; featurizer v3), so "kazir" and "қазір" meet the
/// same n-grams and concepts. Recorded in the model manifest: a model is scored only with the options and featurizer
/// version it was trained with.
/// </summary>
public sealed record HashedNgramOptions(int Bits = 20, int WordMax = 2, int CharMin = 2, int CharMax = 5, bool Sublinear = false, int MinCount = 2,
    SourceKindFeatures SourceKind = SourceKindFeatures.None)
{
    public const int MinBits = 10;
    public const int MaxBits = 24;

    public int Dimension => 1 << Bits;

    /// <summary>
    /// Above 0: one slot per concept of the <see cref="ConceptLexicon"/> after the character block, counts of the concepts'
    /// terms in the text (TF as the text blocks), the block L2-normalised to this weight (featurizer v3); 0: no concepts.
    /// Left out of a manifest when 0, so the manifests of v1 and v2 models read as before.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public float ConceptWeight { get; init; }

    /// <summary>The highest <see cref="ConceptWeight"/> accepted.</summary>
    public const float MaxConceptWeight = 4;

    /// <summary>
    /// Kazakh-only letters read as their fold (<see cref="KazakhFolding"/>) before n-grams and concepts (featurizer v3).
    /// Left out of a manifest when false, so the manifests of v1 and v2 models read as before.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool FoldKazakh { get; init; }

    /// <summary>What <see cref="FoldKazakh"/> does, as the model card says it.</summary>
    public const string KazakhFolding = "ә→а, ғ→г, қ→к, ң→н, ө→о, ұ→у, ү→у, һ→х, і→и";

    /// <summary>A lower-case letter as <see cref="FoldKazakh"/> reads it (<see cref="KazakhFolding"/>); any other character as it is.</summary>
    public static char FoldKazakhLetter(char c) => c switch
    {
        'ә' => 'а', 'ғ' => 'г', 'қ' => 'к', 'ң' => 'н', 'ө' => 'о', 'ұ' => 'у', 'ү' => 'у', 'һ' => 'х', 'і' => 'и',
        _ => c,
    };

    public IEnumerable<string> Validate()
    {
        if (Bits is < MinBits or > MaxBits) yield return $"bits must be {MinBits}–{MaxBits}, not {Bits}";
        if (WordMax is < 0 or > 3) yield return $"word n-grams go up to 0–3 words, not {WordMax}";
        if (CharMax < 0 || CharMax > 8 || (CharMax > 0 && (CharMin < 1 || CharMin > CharMax)))
            yield return $"character n-grams {CharMin}–{CharMax} are not a range within 1–8";
        if (WordMax == 0 && CharMax == 0) yield return "a feature set needs word or character n-grams";
        if (MinCount < 1) yield return $"the minimum count of a kept slot must be at least 1, not {MinCount}";
        if (!Enum.IsDefined(SourceKind)) yield return $"unknown source-kind features {SourceKind}";
        if (SourceKind == SourceKindFeatures.BiasAndWords && WordMax == 0) yield return "kind × word features need word n-grams";
        if (!(ConceptWeight is >= 0 and <= MaxConceptWeight)) yield return $"the concept block's weight must be 0–{MaxConceptWeight}, not {ConceptWeight}";
    }

    public override string ToString()
    {
        var parts = new List<string>();
        if (WordMax > 0) parts.Add(WordMax == 1 ? "word unigrams" : $"word 1–{WordMax}-grams");
        if (CharMax > 0) parts.Add($"char {CharMin}–{CharMax}-grams");
        return string.Join(" + ", parts) + string.Create(CultureInfo.InvariantCulture, $", each hashed into 2^{Bits} slots") +
               (FoldKazakh ? ", Kazakh-only letters folded first (" + KazakhFolding + ")" : "") +
               (Sublinear ? ", TF 1 + ln(count)" : ", TF") + string.Create(CultureInfo.InvariantCulture, $", slots hit in fewer than {MinCount} training passages dropped") +
               ", each block and the whole vector L2-normalised" + SourceKind switch
               {
                   SourceKindFeatures.Bias => "; plus the source kind (news, social, unknown) as one bias slot per kind, value 1",
                   SourceKindFeatures.BiasAndWords => "; plus the source kind (news, social, unknown) as one bias slot per kind, value 1, " +
                       "and word unigrams conjoined with the known kind (kept like the others, L2-normalised to 1/√2)",
                   _ => "",
               } + (ConceptWeight > 0
                   ? string.Create(CultureInfo.InvariantCulture, $"; plus one slot per concept of the cross-lingual concept lexicon (its terms' hits in the text, TF as above, L2-normalised to {ConceptWeight:0.###})")
                   : "");
    }
}
