using System.Text;
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using NlpPipeline.Classification;
using NlpPipeline.Classification.Features;
using NlpPipeline.Classification.Schema;
using NlpPipeline.Classification.Training;
using NlpPipeline.Core.Labels;
using NlpPipeline.Core.Text;

namespace NlpPipeline.Tests.Classification;

/// <summary>
/// The cross-lingual concept lexicon (<c>ConceptLexicon.tsv</c>): its format, that its terms are written as prepared text
/// is, its matching, and featurizer v3's concept block.
/// </summary>
public sealed class ConceptLexiconTests
{
    private static readonly ConceptLexicon Lexicon = ConceptLexicon.Default;

    private static byte[] File(params string[] lines) => Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n");

    private const string Header = "concept\tkk\tru\ten";

    /// <summary>The concept names the featurizer's block counts in <paramref name="prepared"/>, with their counts.</summary>
    private static Dictionary<string, float> Hits(ConceptLexicon lexicon, string prepared)
    {
        var f = new HashedNgramFeaturizer(new HashedNgramOptions(WordMax: 1, CharMax: 0) { ConceptWeight = 1 }, new SlotMap([], []), lexicon);
        var (indices, _) = f.FeaturizeUnordered(prepared, null);
        // The block is normalised: the raw counts come from the lexicon's matcher on the same words, checked against the featurizer's slots.
        var counts = new Dictionary<string, float>();
        var s = new ConceptLexicon.Scratch();
        var words = new string(prepared.Select(c => char.IsLetterOrDigit(c) ? c : ' ').ToArray()).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var normal = " " + string.Join(' ', words) + " ";
        var concepts = new int[lexicon.Count];
        var values = new float[lexicon.Count];
        var n = lexicon.Match(normal, s, concepts, values);
        for (var i = 0; i < n; i++) counts[lexicon.Concepts[concepts[i]].Name] = values[i];
        Assert.Equal(counts.Keys.Order(), indices.ToArray().Select(i => lexicon.Concepts[i].Name).Order());
        return counts;
    }

    [Fact]
    public void BuiltInLexicon_HasNoProblems_AndCoversEveryLanguageOfEveryConcept()
    {
        Assert.Empty(ConceptLexicon.Problems(Lexicon.Bytes));
        Assert.InRange(Lexicon.Count, 200, 400);
        Assert.Equal(Lexicon.Count, Lexicon.Concepts.Select(c => c.Name).Distinct().Count());
        foreach (var concept in Lexicon.Concepts)
        {
            Assert.NotEmpty(concept.Kazakh);
            Assert.NotEmpty(concept.Russian);
            Assert.NotEmpty(concept.English);
        }
    }

    /// <summary>
    /// Every word of every term is what preparation makes of it (normalised and lower-cased, ё as е), one word to the
    /// featurizer (no punctuation inside), and of one script: Kazakh and Russian words Cyrillic (or an all-Latin name such
    /// as "ielts", which stays Latin in prepared text), English words Latin.
    /// </summary>
    [Fact]
    public void EveryTermWord_IsWrittenAsPreparedTextIs_InOneScript()
    {
        static bool Cyrillic(string w) => w.All(c => c is >= '\u0400' and <= '\u04FF' || char.IsDigit(c));
        static bool Latin(string w) => w.All(c => c is >= 'a' and <= 'z' || char.IsDigit(c));
        foreach (var concept in Lexicon.Concepts)
            foreach (var (terms, latinLanguage) in new[] { (concept.Kazakh, false), (concept.Russian, false), (concept.English, true) })
                foreach (var term in terms)
                {
                    Assert.Equal(term, TextNormalizer.ForFeatures(term));
                    foreach (var word in term.Split(' ').Select(w => w.TrimEnd('*')))
                    {
                        Assert.True(word.Length > 0 && word.All(char.IsLetterOrDigit), $"{concept.Name}: '{term}'");
                        Assert.True(latinLanguage ? Latin(word) : Cyrillic(word) || Latin(word), $"{concept.Name}: '{word}' mixes scripts");
                    }
                }
    }

    [Fact]
    public void Parse_NamesTheLineOfEachProblem()
    {
        Assert.Contains(ConceptLexicon.Problems(File("# comment", Header, "bribe\tпара*\t\tbribe*")), p => p.StartsWith("line 3:") && p.Contains("no ru term"));
        Assert.Contains(ConceptLexicon.Problems(File(Header, "fear\tқорқ*\tстрах\tfear", "fear\tүрей*\tбоюсь\tafraid")),
            p => p.StartsWith("line 3:") && p.Contains("defined twice"));
        Assert.Contains(ConceptLexicon.Problems(File(Header, "x\tқорқ*\tСтрах\tfear")), p => p.Contains("not lower-case"));
        Assert.Contains(ConceptLexicon.Problems(File(Header, "x\tқорқ*\tвсё\tfear")), p => p.Contains("ё"));
        Assert.Contains(ConceptLexicon.Problems(File(Header, "x\tқо*\tстрах\tfear")), p => p.Contains("stem shorter"));
        Assert.Empty(ConceptLexicon.Problems(File(Header, "x\tпара ал*\tстрах\tfear")));
        Assert.Contains(ConceptLexicon.Problems(File(Header, "x\tқорқ*\tстрах\tdon't")), p => p.Contains("does not keep"));
        Assert.Contains(ConceptLexicon.Problems(File(Header, "x\tқорқ*\tстрах\tfear, ")), p => p.Contains("is empty"));
        Assert.Contains(ConceptLexicon.Problems(File(Header, "x\tқорқ*\tстрах")), p => p.Contains("3 tab-separated fields"));
        Assert.Contains(ConceptLexicon.Problems(File("concept\tru\tkk\ten", "x\tқорқ*\tстрах\tfear")), p => p.Contains("header"));
        Assert.Contains(ConceptLexicon.Problems(File(Header, "Fear\tқорқ*\tстрах\tfear")), p => p.Contains("concept name"));
        Assert.Throws<FormatException>(() => ConceptLexicon.Parse(File(Header, "x\tқорқ*\tстрах, страх\tfear")));
        Assert.Empty(ConceptLexicon.Problems(File("# c", "", Header, "x\tқорқ*\tстрах\tfear")));
    }

    private static readonly ConceptLexicon Small = ConceptLexicon.Parse(File(Header,
        "bribe\tпара бер*, парақор*\tвзятк*, на лапу\tbribe*, kickback*",
        "price\tбаға\tцены, цена\tprice, prices",
        "leave\tкетемін\tуехать, уеду\tleave the country, move abroad"));

    [Fact]
    public void Match_TheSameConceptInEveryLanguage_ExactPrefixAndMultiWordTerms()
    {
        Assert.Equal(new Dictionary<string, float> { ["bribe"] = 1 }, Hits(Small, "әкімге пара берді"));
        Assert.Equal(new Dictionary<string, float> { ["bribe"] = 2 }, Hits(Small, "брал взятки и на лапу"));
        Assert.Equal(new Dictionary<string, float> { ["bribe"] = 2 }, Hits(Small, "bribes and kickbacks"));
        // An exact word matches only itself: "бағалау" (to evaluate) is not "баға" (price); a prefix needs the whole stem.
        Assert.Empty(Hits(Small, "бағалау бағ пар"));
        Assert.Equal(new Dictionary<string, float> { ["price"] = 2 }, Hits(Small, "баға өсті цены растут"));
        // A multi-word term needs its words in a row.
        Assert.Empty(Hits(Small, "leave this country"));
        Assert.Equal(new Dictionary<string, float> { ["leave"] = 3 }, Hits(Small, "we leave the country i will move abroad кетемін"));
        Assert.Empty(Hits(Small, ""));
    }

    [Fact]
    public void Match_CountsAConceptOnceAtAWord_WhereTwoOfItsTermsStart()
    {
        var lexicon = ConceptLexicon.Parse(File(Header, "bribe\tпара*\tвзятк*, взяточ*, взяточник*\tbribe*, briber*, bribe"));
        Assert.Equal(new Dictionary<string, float> { ["bribe"] = 1 }, Hits(lexicon, "взяточник"));
        Assert.Equal(new Dictionary<string, float> { ["bribe"] = 2 }, Hits(lexicon, "bribe briber"));
    }

    /// <summary>Latin-script Kazakh (the 2021 alphabet) is transliterated before features: it hits the concepts its Cyrillic spelling hits.</summary>
    [Fact]
    public void LatinScriptKazakh_HitsTheConceptsOfItsCyrillicSpelling()
    {
        var languages = new LanguageIdentifier();
        var cyrillic = Hits(Lexicon, ClassifierText.Prepare("Біз елден кетеміз, жұмыссыздық пен қымбатшылық шаршатты, болашақ жоқ.", languages));
        var latin = Hits(Lexicon, ClassifierText.Prepare("Bız elden ketemız, jūmyssyzdyq pen qymbatşylyq şarşatty, bolaşaq joq.", languages));
        Assert.Contains("leave_country", cyrillic.Keys);
        Assert.Contains("unemployment", cyrillic.Keys);
        Assert.Contains("no_future", cyrillic.Keys);
        Assert.Equal(cyrillic, latin);
    }

    /// <summary>
    /// With Kazakh-only letters folded (featurizer option FoldKazakh), Kazakh typed without them ("jumyssyzdyq", read back as
    /// жумыссыздык) hits the concepts of its Cyrillic spelling; without folding it misses those whose terms have such letters.
    /// </summary>
    [Fact]
    public void FoldKazakh_InformalLatinKazakh_HitsTheConceptsOfItsCyrillicSpelling()
    {
        var languages = new LanguageIdentifier();
        var cyrillic = ClassifierText.Prepare("Жұмыссыздық пен қымбатшылық шаршатты, болашақ жоқ, елден кетеміз.", languages);
        var informal = ClassifierText.Prepare("Zhumyssyzdyk pen kymbatshylyk sharshatty, bolashak zhok, elden ketemiz.", languages);
        var options = new HashedNgramOptions(WordMax: 1, CharMax: 0) { ConceptWeight = 1 };
        List<string> Concepts(HashedNgramOptions o, string text)
        {
            var f = new HashedNgramFeaturizer(o, new SlotMap([], []), Lexicon);
            return f.FeaturizeUnordered(text, null).Indices.ToArray().Select(i => Lexicon.Concepts[i].Name).Order().ToList();
        }
        var folded = Concepts(options with { FoldKazakh = true }, informal);
        Assert.Contains("unemployment", folded);
        Assert.Contains("no_future", folded);
        Assert.Equal(Concepts(options with { FoldKazakh = true }, cyrillic), folded);
        Assert.Equal(Concepts(options, cyrillic), folded);
        Assert.DoesNotContain("unemployment", Concepts(options, informal));
        // The folding featurizer keeps the lexicon's file as it is: a model saves the same concepts.tsv either way.
        var f = new HashedNgramFeaturizer(options with { FoldKazakh = true }, new SlotMap([], []), Lexicon);
        Assert.Equal(Lexicon.Sha256, f.Concepts!.Sha256);
        Assert.True(f.Concepts.FoldsKazakh);
    }

    [Fact]
    public void BuiltIn_OneGrievanceInThreeLanguages_HitsTheSameConcept()
    {
        foreach (var text in new[] { "шенеуніктер пара алады", "чиновники берут взятки", "officials take bribes" })
            Assert.Contains("bribe", Hits(Lexicon, text).Keys);
        foreach (var text in new[] { "ештеңе өзгермейді", "ничего не изменится", "nothing will change" })
            Assert.Contains("nothing_changes", Hits(Lexicon, text).Keys);
        foreach (var text in new[] { "ықтиярхат алдық", "получили вид на жительство", "we got a residence permit" })
            Assert.Contains("residence_permit", Hits(Lexicon, text).Keys);
    }

    private static readonly string[] Texts = ["кетемін бірақ қашан", "reports say prices rose and bribes", "чиновники берут взятки, цены растут", "баға өсті"];

    private static List<(int Index, float Value)> Pairs(VBuffer<float> v) => v.Items().Select(kv => (kv.Key, kv.Value)).ToList();

    private static HashedNgramFeaturizer Fit(float conceptWeight, SourceKindFeatures kind = SourceKindFeatures.Bias) =>
        HashedNgramFeaturizer.Fit(new HashedNgramOptions(WordMax: 2, CharMin: 3, CharMax: 5, Sublinear: true, MinCount: 1, SourceKind: kind) { ConceptWeight = conceptWeight },
            Texts.Select((t, i) => (t, (SourceKind?)(i % 2 == 0 ? SourceKind.News : SourceKind.Social))), Small);

    [Fact]
    public void Version3_AddsOneSlotPerConcept_BetweenTextAndKind_TextAndKindFeaturesAsInVersion2()
    {
        var v2 = Fit(0);
        var v3 = Fit(1 / MathF.Sqrt(2));
        Assert.Equal(2, v2.Version);
        Assert.Null(v2.Concepts);
        Assert.Equal(3, v3.Version);
        Assert.Same(Small, v3.Concepts);
        Assert.Equal(v2.Slots.Words, v3.Slots.Words);
        Assert.Equal(v2.Slots.Chars, v3.Slots.Chars);
        Assert.Equal(v2.Dimension + Small.Count, v3.Dimension);
        Assert.Equal(v2.TextDimension + Small.Count, v3.TextDimension);
        var wordsAndChars = v2.TextDimension;
        foreach (var kind in new SourceKind?[] { SourceKind.News, null })
        {
            var plain = Pairs(v2.Featurize(Texts[2], kind));
            var with = Pairs(v3.Featurize(Texts[2], kind));
            // Text features exactly v2's, then the concepts hit (bribe and price), then the kind's bias slot moved up by the block.
            Assert.Equal(plain[..^1], with[..(plain.Count - 1)]);
            var block = with[(plain.Count - 1)..^1];
            Assert.Equal([wordsAndChars + 0, wordsAndChars + 1], block.Select(p => p.Index));
            Assert.Equal(1 / MathF.Sqrt(2), MathF.Sqrt(block.Sum(p => p.Value * p.Value)), 5);
            Assert.Equal((plain[^1].Index + Small.Count, 1f), with[^1]);
        }
        // A text with no concept has exactly v2's features, with the bias slot after the block.
        var none = Pairs(v2.Featurize("бірақ қашан", null));
        var noneV3 = Pairs(v3.Featurize("бірақ қашан", null));
        Assert.True(none.Count > 1);
        Assert.Equal(none[..^1], noneV3[..^1]);
        Assert.Equal((none[^1].Index + Small.Count, 1f), noneV3[^1]);
    }

    [Fact]
    public void Version3_SublinearCounts_WeightScalesTheBlock_UnorderedPathAgrees()
    {
        var heavy = Fit(1, SourceKindFeatures.None);
        var text = "bribes bribes bribes kickbacks and prices";
        var v = Pairs(heavy.Featurize(text, null));
        var block = v.Where(p => p.Index >= heavy.Slots.Words.Count + heavy.Slots.Chars.Count).ToList();
        // bribe: 4 hits, price: 1; TF 1 + ln(count), then normalised to 1.
        var (b, p) = (1 + MathF.Log(4), 1f);
        var norm = MathF.Sqrt(b * b + p * p);
        Assert.Equal(2, block.Count);
        Assert.Equal(b / norm, block[0].Value, 5);
        Assert.Equal(p / norm, block[1].Value, 5);
        var (indices, values) = heavy.FeaturizeUnordered(text, null);
        var unordered = indices.ToArray().Zip(values.ToArray()).OrderBy(x => x.First).ToList();
        Assert.Equal(v.Select(x => x.Index), unordered.Select(x => x.First));
        foreach (var ((_, sorted), (_, any)) in v.Zip(unordered)) Assert.Equal(sorted, any, 6);
    }

    [Fact]
    public void Options_ConceptWeightZero_IsLeftOutOfTheManifest_AndVersion3NeedsALexicon()
    {
        var json = JsonSerializer.Serialize(new HashedNgramOptions(), ModelManifest.Json);
        Assert.DoesNotContain("concept", json);
        var withConcepts = new HashedNgramOptions() { ConceptWeight = 0.5f };
        Assert.Equal(0.5f, JsonSerializer.Deserialize<HashedNgramOptions>(JsonSerializer.Serialize(withConcepts, ModelManifest.Json), ModelManifest.Json)!.ConceptWeight);
        Assert.Equal(3, HashedNgramFeaturizer.VersionOf(withConcepts));
        Assert.Throws<ArgumentException>(() => new HashedNgramFeaturizer(withConcepts, new SlotMap([], [])));
        Assert.Contains(new HashedNgramOptions() { ConceptWeight = -1 }.Validate(), p => p.Contains("concept"));
        Assert.Contains("concept lexicon", withConcepts.ToString());
    }
    /// <summary>
    /// chosen-min3-concepts-topics: intent and sentiment learners never see the concept block, so a vector of concept hits alone
    /// scores for them as the empty vector does, while the topic learners read it; with the block shared (chosen-min3-concepts)
    /// intent reads it too. A small synthetic Russian corpus (every label present), slots kept from one passage on.
    /// </summary>
    [Fact]
    public void ConceptsForTopicsOnly_IntentAndSentimentIgnoreTheConceptBlock_TopicsReadIt()
    {
        string[] topicWords = ["взятки", "бюрократия", "безработица", "зарплата", "олигархи", "школа", "арест", "стрельба", "национализм", "язык", "будущее"];
        string[] intentWords = ["погода", "миграция", "уехать", "виза", "живу", "остаюсь"];
        string[] sentimentWords = ["страх", "сегодня", "надежда"];
        var rows = Enumerable.Range(0, 66).Select(i => new TrainingRow(
            $"{topicWords[i % 11]} {intentWords[i % 6]} {sentimentWords[i % 3]} слово{i % 5}", Language.Russian,
            LabelNames.Intents.All[i % 6], LabelNames.Sentiments.All[i % 3], new HashSet<Topic> { LabelNames.Topics.All[i % 11] })).ToList();
        (float[] Intent, float[] Sentiment, float[] Topics) Outputs(ClassifierConfig config, Func<HashedNgramFeaturizer, VBuffer<float>> vector)
        {
            var ml = new MLContext(1);
            var fitted = ModelFitter.Fit(ml, rows, config with { Features = config.Features with { MinCount = 1 } });
            var f = fitted.Featurizer;
            var view = FeatureView.OfVectors(ml, f.Dimension, [new VBuffer<float>(f.Dimension, 0, [], []), vector(f)]);
            var o = ml.Data.CreateEnumerable<ModelOutput>(fitted.Transformer.Transform(view), reuseRowObject: false).ToList();
            return (o[0].IntentScores.Zip(o[1].IntentScores, (a, b) => a - b).ToArray(), o[0].SentimentScores.Zip(o[1].SentimentScores, (a, b) => a - b).ToArray(),
                o[0].TopicProbs.Zip(o[1].TopicProbs, (a, b) => a - b).ToArray());
        }
        // The bribe concept's slot alone (every row's first word hits a concept: bribe, bureaucracy, unemployment, …).
        VBuffer<float> Bribe(HashedNgramFeaturizer f)
        {
            var slot = f.Slots.Words.Count + f.Slots.Chars.Count + ConceptLexicon.Default.Concepts.Select(c => c.Name).ToList().IndexOf("bribe");
            return new VBuffer<float>(f.Dimension, 1, [0.7f], [slot]);
        }
        var topicsOnly = Outputs(ClassifierConfig.Find("chosen-min3-concepts-topics")!, Bribe);
        Assert.All(topicsOnly.Intent, d => Assert.Equal(0f, d));
        Assert.All(topicsOnly.Sentiment, d => Assert.Equal(0f, d));
        Assert.Contains(topicsOnly.Topics, d => d != 0f);
        var shared = Outputs(ClassifierConfig.Find("chosen-min3-concepts")!, Bribe);
        Assert.Contains(shared.Intent.Concat(shared.Sentiment), d => d != 0f);
    }
}
