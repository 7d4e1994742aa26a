using System.IO.Compression;
using NlpPipeline.Classification.Languages;
using NlpPipeline.Core.Corpora;
using NlpPipeline.Core.Labels;
using NlpPipeline.IntegrationTests.Infrastructure;

namespace NlpPipeline.IntegrationTests.Classification;

public sealed class FoldedNgramModelTests
{
    private static readonly (string, Language)[] Tiny =
    [
        ("Біз ертең ауылға барамыз, апам күтіп отыр.", Language.Kazakh),
        ("Қазір жұмыс жоқ, бәрі қалаға кетіп жатыр.", Language.Kazakh),
        ("Мен сені сағындым, қашан келесің?", Language.Kazakh),
        ("Мы завтра едем в деревню, бабушка ждёт.", Language.Russian),
        ("Сейчас работы нет, все уезжают в город.", Language.Russian),
        ("Я по тебе скучаю, когда приедешь?", Language.Russian),
        ("We are going to the village tomorrow, grandma is waiting.", Language.English),
        ("There is no work now, everyone is leaving for the city.", Language.English),
        ("I miss you, when are you coming back?", Language.English),
    ];

    [Fact]
    public void Read_TellsTheThreeLanguages_InAnyScript_AndCountsClauseLetters()
    {
        var model = FoldedNgramModel.Train(Tiny);
        Assert.Equal(Language.Kazakh, model.Read("Ертең келесің бе?").Whole!.Value.Language);
        Assert.Equal(Language.Kazakh, model.Read("erten kelesin be, sagyndym").Whole!.Value.Language);   // Latin, no Kazakh letters
        Assert.Equal(Language.Russian, model.Read("Когда ты приедешь?").Whole!.Value.Language);
        Assert.Equal(Language.English, model.Read("When is everyone coming?").Whole!.Value.Language);
        Assert.Null(model.Read("🙂 123").Whole);

        var reading = model.Read("Мы завтра едем в деревню, біз ертең ауылға барамыз");
        Assert.Equal(21, reading.ClauseLetters[Language.Russian]);
        Assert.Equal(21, reading.ClauseLetters[Language.Kazakh]);
    }

    [Fact]
    public void Posterior_IsCappedSoLongTextsAreNotCertainByLengthAlone()
    {
        var model = FoldedNgramModel.Train(Tiny);
        var guess = model.Read("Біз ертең ауылға барамыз, апам күтіп отыр, жұмыс жоқ, бәрі қалаға кетіп жатыр.").Whole!.Value;
        Assert.Equal(Language.Kazakh, guess.Language);
        Assert.InRange(guess.Confidence, 0.5, 1.0);
    }

    [Fact]
    public void SaveThenLoad_GivesTheSameFileAndTheSameReadings()
    {
        var model = FoldedNgramModel.Train(Tiny);
        using var first = new MemoryStream();
        model.Save(first);
        first.Position = 0;
        var loaded = FoldedNgramModel.Load(first);
        using var second = new MemoryStream();
        loaded.Save(second);
        Assert.Equal(first.ToArray(), second.ToArray());
        Assert.Equal(model.Vocabulary, loaded.Vocabulary);
        foreach (var (text, _) in Tiny)
            Assert.Equal(model.Read(text).Whole, loaded.Read(text).Whole);
    }

    [Fact]
    public void Load_RefusesAFileThatIsNotAModel()
    {
        Assert.Throws<InvalidDataException>(() => FoldedNgramModel.Load(Gzip("# something else\tkk\tru\ten\n")));
        Assert.Throws<InvalidDataException>(() => FoldedNgramModel.Load(Gzip("# folded character n-gram counts v1\tkk\tru\ten\nab\t1\t2\n")));
        Assert.Throws<InvalidDataException>(() => FoldedNgramModel.Load(Gzip("# folded character n-gram counts v1\tkk\tru\ten\nжо\t1\t2\t3\n")));
    }

    /// <summary>
    /// The fit that lets the hybrid identifier skip Lingua: one sentence in kk (three spellings), ru and en
    /// is typical; the same sentence in German and Uzbek is not (too many unseen 3- and 4-grams, or
    /// too improbable ones), though the model still names its likeliest of the three. The French one sat on the
    /// border after the recount from the 7,878-passage corpus (familiar 0.941 against the typical level 0.94, which
    /// is dev.jsonl's 5th percentile), so the fit alone does not keep it out; the hybrid's foreign-evidence check does
    /// (<see cref="Hybrid_FrenchSentence_IsOther_ThoughItsFitIsBorderline"/>).
    /// </summary>
    [Theory]
    [InlineData("Кеше анама телефон соқтым, бәрі жақсы дейді.", true)]
    [InlineData("Кеше анама телефон согтым, бари жаксы дейди.", true)]
    [InlineData("Keshe anama telefon soqtym, bäri jaqsy deidi.", true)]
    [InlineData("Вчера звонил маме, говорит, всё хорошо.", true)]
    [InlineData("Called my mom yesterday, she says everything is fine.", true)]
    [InlineData("Ich habe gestern meine Mutter angerufen, alles gut.", false)]
    [InlineData("Kecha onamga qo'ng'iroq qildim, hammasi yaxshi dedi.", false)]
    public void EmbeddedModel_Fit_IsTypicalForKazakhRussianEnglishOnly(string text, bool typical)
    {
        var reading = FoldedNgramModel.Embedded.Read(text);
        Assert.NotNull(reading.Whole);
        Assert.Equal(typical, reading.Fit!.Value.IsTypical);
        var (guess, fit) = FoldedNgramModel.Embedded.Guess(text)!.Value;   // read as one clause: the same n-grams
        Assert.Equal(reading.Whole!.Value.Language, guess.Language);
        Assert.Equal(reading.Fit.Value.Familiar, fit.Familiar, 9);
        Assert.Equal(reading.Fit.Value.LogProbability, fit.LogProbability, 9);
    }

    [Fact]
    public void Fit_IsNullWithoutLetters_AndFamiliarIsTheShareOfSeenLongGrams()
    {
        var model = FoldedNgramModel.Train(Tiny);
        Assert.Null(model.Read("🙂 123").Fit);
        Assert.Null(model.Guess("🙂 123"));
        Assert.Equal(1.0, model.Read("Мы завтра едем").Fit!.Value.Familiar);   // every 3- and 4-gram is in the training text
        Assert.Equal(0.0, model.Read("zzfp").Fit!.Value.Familiar);   // " zz", "zzf", "zfp", "fp ", " zzf", "zzfp", "zfp ": none seen
        // "edem" is "едем" folded: its seven 3- and 4-grams are known; "zzfp"'s seven are not.
        var half = model.Read("edem zzfp").Fit!.Value;
        Assert.Equal(0.5, half.Familiar);
        Assert.False(half.IsTypical);
    }

    [Fact]
    public void Hybrid_FrenchSentence_IsOther_ThoughItsFitIsBorderline()
    {
        const string french = "J'ai appelé ma mère hier, tout va bien.";
        // Familiar 0.941 after the 7,878-passage recount, 0.961 after the 22,287-passage one: more English text, more of
        // French's n-grams seen. The fit cannot be what keeps it out.
        Assert.InRange(FoldedNgramModel.Embedded.Read(french).Fit!.Value.Familiar, 0.90, 1.0);
        Assert.Equal(Language.Other, new HybridLanguageIdentifier().Guess(french).Language);
    }

    /// <summary>The embedded counts are exactly what `nlp langid train` makes of the committed corpus.</summary>
    [Fact]
    public void EmbeddedModel_IsTheCommittedCorpusCounted()
    {
        var corpus = AnnotatedCorpusReader.ReadFolder(Path.Combine(TestPaths.RepoRoot, "corpora", "annotated"));
        var retrained = FoldedNgramModel.Train(corpus.Select(p => (p.Text, p.Language)));
        Assert.Equal(Unzipped(retrained), Unzipped(FoldedNgramModel.Embedded));
    }

    private static string Unzipped(FoldedNgramModel model)
    {
        using var stream = new MemoryStream();
        model.Save(stream);
        stream.Position = 0;
        using var gz = new GZipStream(stream, CompressionMode.Decompress);
        return new StreamReader(gz).ReadToEnd();
    }

    private static MemoryStream Gzip(string text)
    {
        var stream = new MemoryStream();
        using (var gz = new GZipStream(stream, CompressionLevel.Fastest, leaveOpen: true))
        using (var w = new StreamWriter(gz)) w.Write(text);
        stream.Position = 0;
        return stream;
    }
}
