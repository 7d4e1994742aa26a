using NlpPipeline.Core.Labels;
using NlpPipeline.Core.Text;
using Xunit;

namespace NlpPipeline.Tests.Core.Text;

public class LanguageIdentifierTests
{
    private readonly LanguageIdentifier _identifier = new();

    [Theory]
    [InlineData("Біз шетелге кетуді ойлап жүрміз, себебі жалақы өте аз.")]
    [InlineData("Қазір жастардың көбі жұмыс таба алмай жүр.")]
    [InlineData("Ертең біз Астанаға барамыз.")]
    [InlineData("Менің ағам Алматыда тұрады.")]
    public void Identify_KazakhCyrillic_ReturnsKk(string text)
    {
        Assert.Equal(Language.Kazakh, _identifier.Identify(text));
    }

    [Theory]
    [InlineData("Бала мектепке барады.")]
    [InlineData("Олар кеше Алматыдан келген.")]
    [InlineData("Олар да шетелге барады.")]
    public void Identify_KazakhCyrillicWithoutKazakhOnlyLetters_ReturnsKk(string text)
    {
        Assert.DoesNotMatch("[әғқңөұүһіӘҒҚҢӨҰҮҺІ]", text);
        Assert.Equal(Language.Kazakh, _identifier.Identify(text));
    }

    [Theory]
    [InlineData("Qazir jastardyñ köbı jūmys taba almai jür.")]
    [InlineData("Bız şetelge ketudı oilap jürmız, sebebı jalaqy öte az.")]
    [InlineData("Bül jyly bağalar qatty östı.")]
    public void Identify_KazakhLatin2021_ReturnsKk(string text)
    {
        Assert.Equal(Language.Kazakh, _identifier.Identify(text));
    }

    [Theory]
    [InlineData("Kazir jastar shetelge ketip jatyr, jumys joq.")]
    [InlineData("Men de ketkim keledi, biraq aksha jok.")]
    [InlineData("Bari kymbat, ailyk az, kaida baramyz?")]
    public void Identify_KazakhInformalLatin_ReturnsKk(string text)
    {
        Assert.Equal(Language.Kazakh, _identifier.Identify(text));
    }

    [Theory]
    [InlineData("Многие молодые люди уезжают из страны, потому что здесь нет работы.")]
    [InlineData("Цены на бензин снова выросли, и это очень заметно.")]
    [InlineData("Мы переехали из Шымкента в Алматы прошлой осенью.")]
    [InlineData("Мы решили остаться и бороться за перемены.")]
    public void Identify_Russian_ReturnsRu(string text)
    {
        Assert.Equal(Language.Russian, _identifier.Identify(text));
    }

    [Theory]
    [InlineData("Many young people are leaving the country because there are no jobs.")]
    [InlineData("Prices keep rising and salaries stay the same.")]
    [InlineData("I moved from Almaty to Prague two years ago and I do not regret it.")]
    public void Identify_English_ReturnsEn(string text)
    {
        Assert.Equal(Language.English, _identifier.Identify(text));
    }

    [Theory]
    [InlineData("Қазір бәрі қымбат, бағалар күн сайын өсіп жатыр, вообще непонятно, что будет дальше и как нам жить.")]
    [InlineData("Мен шетелге кетемін деп шештім, потому что здесь нет никаких перспектив для молодых.")]
    [InlineData("Короче, я уже устал от всего этого, сондықтан биыл шетелге кетуді жоспарлап отырмыз.")]
    [InlineData("Жалақы өте аз, бағалар көтеріліп жатыр. А правительство опять молчит и ничего не делает.")]
    public void Identify_KazakhRussianCodeSwitching_ReturnsMixed(string text)
    {
        Assert.Equal(Language.Mixed, _identifier.Identify(text));
    }

    [Theory]
    [InlineData("ок")]
    [InlineData("👍👍")]
    [InlineData("2022")]
    [InlineData("Да!")]
    [InlineData("Рахмет")]
    [InlineData("!!!???")]
    [InlineData("")]
    public void Identify_TooShort_ReturnsOther(string text)
    {
        Assert.Equal(Language.Other, _identifier.Identify(text));
    }

    [Theory]
    [InlineData("Wir überlegen, nach Deutschland zu ziehen, weil die Löhne hier zu niedrig sind.")]
    [InlineData("Meine Schwester wohnt seit zwei Jahren in Berlin und arbeitet dort als Ärztin.")]
    [InlineData("Gençler daha iyi bir iş bulmak için yurt dışına gitmek istiyor.")]
    [InlineData("Fiyatlar çok yükseldi ve maaşlar yetmiyor.")]
    public void Identify_GermanOrTurkish_IsNeitherKkNorEn(string text)
    {
        var result = _identifier.Identify(text);
        Assert.NotEqual(Language.Kazakh, result);
        Assert.NotEqual(Language.English, result);
    }

    [Fact]
    public void ForDocument_SeventyPercentOneLanguage_ReturnsIt()
    {
        var result = LanguageIdentifier.ForDocument([(new string('қ', 700), Language.Kazakh), (new string('р', 300), Language.Russian)]);
        Assert.Equal(Language.Kazakh, result);
    }

    [Fact]
    public void ForDocument_JustUnderSeventyPercent_ReturnsMixed()
    {
        var result = LanguageIdentifier.ForDocument([(new string('қ', 699), Language.Kazakh), (new string('р', 301), Language.Russian)]);
        Assert.Equal(Language.Mixed, result);
    }

    [Fact]
    public void ForDocument_CharactersSummedPerLanguage_LongestTotalWins()
    {
        // Three short Russian passages outweigh one long Kazakh passage: 750 of 1,000 characters.
        var result = LanguageIdentifier.ForDocument([
            (new string('р', 250), Language.Russian), (new string('қ', 250), Language.Kazakh),
            (new string('р', 250), Language.Russian), (new string('р', 250), Language.Russian)]);
        Assert.Equal(Language.Russian, result);
    }

    [Fact]
    public void ForDocument_PassagesMostlyMixed_ReturnsMixed()
    {
        var result = LanguageIdentifier.ForDocument([(new string('a', 600), Language.English), (new string('b', 400), Language.Mixed)]);
        Assert.Equal(Language.Mixed, result);
    }

    [Fact]
    public void ForDocument_NoPassages_ReturnsOther()
    {
        Assert.Equal(Language.Other, LanguageIdentifier.ForDocument([]));
    }
}
