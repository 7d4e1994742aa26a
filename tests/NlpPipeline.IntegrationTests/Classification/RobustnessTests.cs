using NlpPipeline.Classification.Scoring;
using System.Text;
using NlpPipeline.Core.Domain;
using NlpPipeline.Core.Labels;
using NlpPipeline.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace NlpPipeline.IntegrationTests.Classification;

/// <summary>
/// Issue 5: the same held-out passage with the noise real text has should keep the labels the committed
/// model gives the clean passage. Reports the share of passages whose intent, sentiment and topic set
/// all stay the same, per perturbation; the floors are what the committed model measured, less a margin.
/// </summary>
[Collection(CommittedModelCollection.Name)]
public sealed class RobustnessTests(CommittedModelFixture model, ITestOutputHelper output)
{
    // Measured with model 20261129-87f07303 on the 8,527-passage test part (docs/classifier.md, session 16; attributions made
    // generic, disputed passages read again): typos 0.869, all caps 1.000, emoji 0.965, url 1.000, Kazakh in the 2021 Latin
    // alphabet 0.958 and typed without Kazakh letters 0.944 (1,704 Cyrillic kk passages). Model 20261129-fff9ce55 (session 15;
    // sentiment by the middle of three readings): typos 0.874, all caps 1.000, emoji 0.968, url 1.000, Kazakh in the 2021 Latin alphabet
    // 0.957 and typed without Kazakh letters 0.941 (1,704 Cyrillic kk passages). Model 20261129-a0599aa4 on the
    // 8,494-passage test part (session 14; topics by the majority of three readings): typos 0.868, all caps 1.000, emoji 0.964, url 1.000, Kazakh in the 2021 Latin alphabet
    // 0.959 and typed without Kazakh letters 0.944 (1,671 Cyrillic kk passages). Model 20261129-24517840 (session 13): typos 0.866, all
    // caps 1.000, emoji 0.962, url 1.000, Kazakh in the 2021 Latin alphabet 0.950 and typed without Kazakh letters 0.932 (1,671
    // Cyrillic kk passages). Model 20261129-bce8328b on the 7,196-passage test part: typos 0.870, all caps 1.000,
    // emoji 0.967, url 1.000, Kazakh in the 2021 Latin alphabet 0.957 and typed without Kazakh letters ("kazir", "zhumys
    // zhok") 0.934 (1,457 Cyrillic kk passages): Latin Kazakh is read in the alphabet of the whole text with й restored, and
    // the model folds Kazakh-only letters (session 12; with the previous model and the new reading, 0.959 and 0.489).
    // Model 20261129-b8bb5a3c on the 6,176-passage test part: typos 0.874, all caps
    // 1.000, emoji 0.968, url 1.000, Kazakh in the 2021 Latin alphabet 0.733 (1,160 Cyrillic kk passages). Model
    // 20261129-6594fead (4,792 passages): 0.876 / 1.000 / 0.973 / 1.000 / 0.753 (797). Model
    // 20261129-0ab3b6d3 (4,455 passages): 0.868 / 1.000 / 0.963 / 1.000 / 0.767 (678). Model
    // 20261129-4dc50d8c (3,336 passages): 0.837 / 1.000 / 0.945 / 1.000 / 0.722. Model 20261128-02863fbd (2,890 passages): 0.834 / 1.000 / 0.952 / 1.000 / 0.708. Model 20261128-3fdec877 (2,682 passages): 0.831 / 1.000 / 0.962 / 1.000 / 0.697. Model 20261128-d9501cc8 (2,266 passages): 0.826 / 1.000 / 0.948 / 1.000 / 0.719; links, e-mails, @mentions and phones are
    // left out of the classifier's text since that model (0.889 kept labels with a link for 20261128-c6217677, trained on
    // the same corpus with them as tokens, never committed); floors a few points below (kept from model 20261128-e2071fe2,
    // which measured 0.834 / 1.000 / 0.916 / 0.940 / 0.684).
    [Theory]
    [InlineData("typos", 0.80)]
    [InlineData("all caps", 0.97)]
    [InlineData("emoji", 0.88)]
    [InlineData("url", 0.99)]
    [InlineData("kazakh latin", 0.90)]
    [InlineData("kazakh latin informal", 0.88)]
    public void Issue5_PerturbedHeldOutPassages_MostlyKeepTheirLabels(string perturbation, double floor)
    {
        var passages = perturbation.StartsWith("kazakh latin", StringComparison.Ordinal)
            ? model.Test.Where(p => p.Language == Language.Kazakh && IsCyrillic(p.Text)).ToList()
            : model.Test;
        Assert.True(passages.Count >= 100, $"{passages.Count} passages");
        var clean = model.Bundle.Score(passages.Select(p => new ScoringInput(p.Text, p.SourceKind)).ToList(), "clean");
        var random = new Random(5);
        var noisy = model.Bundle.Score(passages.Select(p => new ScoringInput(Perturb(perturbation, p.Text, random), p.SourceKind)).ToList(), "noisy");
        var kept = clean.Zip(noisy).Count(x => x.First.Intent == x.Second.Intent && x.First.Sentiment == x.Second.Sentiment
            && x.First.Topics.ToHashSet().SetEquals(x.Second.Topics));
        var share = kept / (double)passages.Count;
        output.WriteLine($"{perturbation}: {kept}/{passages.Count} = {share:0.000} keep intent, sentiment and topics");
        Assert.True(share >= floor, $"{perturbation}: only {share:0.000} of passages keep their labels (floor {floor})");
    }

    [Fact]
    public void Perturb_KazakhLatin_WritesThe2021Alphabet()
    {
        Assert.Equal("Bız şetelge köşudı oilap jürmız, jağdai qiyn.", ToKazakhLatin("Біз шетелге көшуді ойлап жүрміз, жағдай қиын.", Latin2021));
    }

    [Fact]
    public void Perturb_KazakhLatinInformal_WritesPhoneSpelling()
    {
        Assert.Equal("Biz shetelge koshudi oylap zhurmiz, zhagday kiyn.", ToKazakhLatin("Біз шетелге көшуді ойлап жүрміз, жағдай қиын.", LatinInformal));
    }

    private static string Perturb(string kind, string text, Random random) => kind switch
    {
        "typos" => Typos(text, random),
        "all caps" => text.ToUpperInvariant(),
        "emoji" => text + " 👇👇",
        "url" => text + " https://t.me/kz_channel/48213",
        "kazakh latin" => ToKazakhLatin(text, Latin2021),
        "kazakh latin informal" => ToKazakhLatin(text, LatinInformal),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Swaps two inner letters in about one word in eight (words of five letters or more).</summary>
    private static string Typos(string text, Random random)
    {
        var words = text.Split(' ');
        for (var i = 0; i < words.Length; i++)
        {
            var w = words[i];
            if (w.Length < 5 || !w.All(char.IsLetter) || random.Next(8) != 0) continue;
            var at = 1 + random.Next(w.Length - 3);
            var chars = w.ToCharArray();
            (chars[at], chars[at + 1]) = (chars[at + 1], chars[at]);
            words[i] = new string(chars);
        }
        return string.Join(' ', words);
    }

    private static bool IsCyrillic(string text) => text.Count(c => c is >= '\u0400' and <= '\u04FF') > text.Count(c => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z');

    private static readonly Dictionary<char, string> Latin2021 = new()
    {
        ['а'] = "a", ['ә'] = "ä", ['б'] = "b", ['в'] = "v", ['г'] = "g", ['ғ'] = "ğ", ['д'] = "d", ['е'] = "e", ['ё'] = "io",
        ['ж'] = "j", ['з'] = "z", ['и'] = "i", ['й'] = "i", ['к'] = "k", ['қ'] = "q", ['л'] = "l", ['м'] = "m", ['н'] = "n",
        ['ң'] = "ñ", ['о'] = "o", ['ө'] = "ö", ['п'] = "p", ['р'] = "r", ['с'] = "s", ['т'] = "t", ['у'] = "u", ['ұ'] = "ū",
        ['ү'] = "ü", ['ф'] = "f", ['х'] = "h", ['һ'] = "h", ['ц'] = "ts", ['ч'] = "ch", ['ш'] = "ş", ['щ'] = "şş", ['ъ'] = "",
        ['ы'] = "y", ['і'] = "ı", ['ь'] = "", ['э'] = "e", ['ю'] = "iu", ['я'] = "ia",
    };

    /// <summary>
    /// Kazakh as typed on a phone without Kazakh letters: ә ө ұ ү і қ ң ғ lose what sets them apart (a, o, u, u, i, k,
    /// n, g), ж ш ч х as zh sh ch kh, й as y, ы as y.
    /// </summary>
    private static readonly Dictionary<char, string> LatinInformal = new()
    {
        ['а'] = "a", ['ә'] = "a", ['б'] = "b", ['в'] = "v", ['г'] = "g", ['ғ'] = "g", ['д'] = "d", ['е'] = "e", ['ё'] = "yo",
        ['ж'] = "zh", ['з'] = "z", ['и'] = "i", ['й'] = "y", ['к'] = "k", ['қ'] = "k", ['л'] = "l", ['м'] = "m", ['н'] = "n",
        ['ң'] = "n", ['о'] = "o", ['ө'] = "o", ['п'] = "p", ['р'] = "r", ['с'] = "s", ['т'] = "t", ['у'] = "u", ['ұ'] = "u",
        ['ү'] = "u", ['ф'] = "f", ['х'] = "kh", ['һ'] = "h", ['ц'] = "ts", ['ч'] = "ch", ['ш'] = "sh", ['щ'] = "sh", ['ъ'] = "",
        ['ы'] = "y", ['і'] = "i", ['ь'] = "", ['э'] = "e", ['ю'] = "yu", ['я'] = "ya",
    };

    /// <summary>Cyrillic Kazakh in a Latin spelling (a writer for the test; the pipeline only reads Latin).</summary>
    private static string ToKazakhLatin(string text, Dictionary<char, string> alphabet)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var lower = char.ToLowerInvariant(c);
            if (!alphabet.TryGetValue(lower, out var latin)) { sb.Append(c); continue; }
            sb.Append(c != lower && latin.Length > 0 ? char.ToUpperInvariant(latin[0]) + latin[1..] : latin);
        }
        return sb.ToString();
    }
}
