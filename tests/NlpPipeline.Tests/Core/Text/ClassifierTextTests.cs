using NlpPipeline.Core.Text;

namespace NlpPipeline.Tests.Core.Text;

public sealed class ClassifierTextTests
{
    private static readonly LanguageIdentifier Languages = new();

    private static string Prepare(string s) => ClassifierText.Prepare(s, Languages);

    [Fact]
    public void Prepare_UrlsMentionsEmailsAndPhones_AreLeftOut()
    {
        var s = Prepare("Пишите на info@almaty-help.kz или @aidos_88, звоните +7 (701) 123-45-67, подробности https://t.me/s/kanal?x=1 и на krisha.kz/a/show/123");
        Assert.Equal(["пишите", "на", "или", "звоните", "подробности", "и", "на"], s.Split(' ').Where(w => w.Any(char.IsLetterOrDigit)));
        Assert.DoesNotContain("almaty", s);
        Assert.DoesNotContain("kanal", s);
        Assert.DoesNotContain("aidos", s);
        Assert.DoesNotContain("701", s);
        Assert.DoesNotContain("t.me", s);
        Assert.DoesNotContain("krisha", s);
    }

    [Fact]
    public void Prepare_KazakhLocalPhoneWith8_IsLeftOut()
    {
        var s = Prepare("Хабарласыңыз: 8 777 555 12 34, кешке дейін.");
        Assert.DoesNotContain("555", s);
        Assert.Contains("кешке дейін", s);
    }

    [Fact]
    public void Prepare_YearsAndPrices_AreNotTakenForPhones()
    {
        var s = Prepare("В 2022 году газ подорожал с 60 до 120 тенге, а зарплата 250 000.");
        Assert.Contains("2022", s);
        Assert.Contains("с 60 до 120", s);
        Assert.Contains("250 000", s);
    }

    [Fact]
    public void Prepare_EmojiGluedToWords_BecomeTokensOfTheirOwn()
    {
        var s = Prepare("Керемет!😂😂 Тағы барамыз🔥");
        Assert.Contains(" 😂 ", " " + s + " ");
        Assert.Contains("барамыз 🔥", s);
    }

    [Fact]
    public void Prepare_OfficialLatinKazakh_MeetsTheCyrillicSpelling()
    {
        var latin = Prepare("Bızdıñ auylda jūmys joq, jastar qalağa ketıp jatyr.");
        var cyrillic = Prepare("Біздің ауылда жұмыс жоқ, жастар қалаға кетіп жатыр.");
        Assert.Equal(cyrillic, latin);
    }

    [Fact]
    public void Prepare_InformalLatinKazakh_IsTransliterated()
    {
        var s = Prepare("Kazir bizde zharyk zhok, barlygy shetelge ketip jatyr, kaitip omir suremiz?");
        Assert.Contains("жарык", s);
        Assert.Contains("жок", s);
        Assert.Contains("шетелге", s);
        Assert.DoesNotContain("zh", s);
    }

    [Fact]
    public void Prepare_EnglishText_StaysLatin()
    {
        var s = Prepare("Two years in Prague now and no regrets, the salaries here are fair.");
        Assert.Equal("two years in prague now and no regrets, the salaries here are fair.", s);
    }

    [Fact]
    public void Prepare_RussianText_OnlyNormalised()
    {
        Assert.Equal("ещё".Replace('ё', 'е') + " раз \"про\" цены - опять!", Prepare("Ещё раз «про» цены — опять!"));
    }

    [Theory]
    [InlineData("我们明年打算搬到哈萨克斯坦的阿拉木图去工作和生活")]
    [InlineData("우리는 내년에 알마티로 이사할 계획입니다 정말로요")]
    public void Identify_TextInAnotherScript_IsOther(string text) =>
        Assert.Equal(NlpPipeline.Core.Labels.Language.Other, Languages.Identify(text));

    [Theory]
    [InlineData("qazaqstan", "қазақстан")]
    [InlineData("şeteldık", "шетелдік")]
    [InlineData("ūlt", "ұлт")]
    [InlineData("sözı", "сөзі")]
    public void ToCyrillic_OfficialAlphabet_MapsLetters(string latin, string cyrillic) =>
        Assert.Equal(cyrillic, KazakhTransliterator.ToCyrillic(latin));

    [Theory]
    [InlineData("zhumys", "жумыс")]
    [InlineData("shetel", "шетел")]
    [InlineData("kazir", "казір")]
    [InlineData("samolyot", "самолет")]
    [InlineData("qala", "қала")]
    public void ToCyrillic_InformalSpelling_MapsDigraphs(string latin, string cyrillic) =>
        Assert.Equal(cyrillic, KazakhTransliterator.ToCyrillic(latin));

    [Theory]
    [InlineData("oilap", "ойлап")]
    [InlineData("jağdai,", "жағдай,")]
    [InlineData("üi", "үй")]
    [InlineData("aiaq", "аяқ")]
    [InlineData("aziia", "азия")]
    [InlineData("qiyn", "қиын")]
    [InlineData("auyl", "ауыл")]
    [InlineData("ūiym", "ұйым")]
    [InlineData("chempion", "чемпион")]
    [InlineData("ashana", "асхана")]
    public void ToCyrillic_OfficialAlphabet_RestoresShortIAndDigraphs(string latin, string cyrillic) =>
        Assert.Equal(cyrillic, KazakhTransliterator.ToCyrillic(latin, official: true));

    [Theory]
    [InlineData("qalay", "қалай")]
    [InlineData("oilap", "ойлап")]
    [InlineData("ayaq", "аяқ")]
    [InlineData("biz", "біз")]
    [InlineData("auyl", "ауыл")]
    [InlineData("syilyq", "сыйлық")]
    [InlineData("oyyn", "ойын")]
    [InlineData("siyr", "сіыр")]
    public void ToCyrillic_InformalSpelling_RestoresShortI(string latin, string cyrillic) =>
        Assert.Equal(cyrillic, KazakhTransliterator.ToCyrillic(latin, official: false));

    [Fact]
    public void Prepare_OfficialLatinKazakh_ReadsUnmarkedWordsInTheSameAlphabet()
    {
        // "oilap" and "men" carry no mark of the 2021 alphabet; the text's other words decide how they are read.
        Assert.Equal(Prepare("Біз шетелге көшуді ойлап жүрміз, жағдай қиын, мен де."),
            Prepare("Bız şetelge köşudı oilap jürmız, jağdai qiyn, men de."));
    }

    [Fact]
    public void Prepare_AUrlAppended_GivesTheSameText()
    {
        const string text = "Жалақы төмен, баға өсіп жатыр. Кетемін!";
        Assert.Equal(Prepare(text), Prepare(text + " https://t.me/kz_channel/48213"));
        Assert.Equal(Prepare(text), Prepare("@aidos_88 " + text));
    }
}
