using NlpPipeline.Ingestion.Dates;
using NlpPipeline.Ingestion.Pages;
using Xunit;

namespace NlpPipeline.Tests.Ingestion.Pages;

/// <summary>Main text of saved pages in different layouts: exactly the story's paragraphs, in order, and no furniture.</summary>
public sealed class MainTextExtractorTests
{
    private readonly MainTextExtractor _extractor = new(new PublishedDateParser(UnitFixture.Almaty));

    internal static PageContent Extract(MainTextExtractor extractor, string file, string url) =>
        extractor.Extract(UnitFixture.Text("Pages", file), new Uri(url));

    private static void AssertNoneContains(IReadOnlyList<string> paragraphs, params string[] furniture)
    {
        var text = string.Join("\n", paragraphs);
        foreach (var f in furniture)
            Assert.False(text.Contains(f, StringComparison.Ordinal), $"furniture \"{f}\" leaked into the text");
    }

    [Fact]
    public void Extract_ArticleLayout_ReturnsExactlyTheStoryParagraphs()
    {
        var page = Extract(_extractor, "article-layout.html", "https://pavlodar.example.kz/news/proezd-2022");

        Assert.Equal(
            [
                "С 10 января стоимость проезда в городских автобусах Павлодара вырастет со 100 до 120 тенге, сообщили в отделе пассажирского транспорта.",
                "В акимате объясняют решение ростом цен на топливо, запчасти и зарплат водителей, которые не пересматривались три года.",
                "Для школьников, пенсионеров и людей с инвалидностью льготный тариф сохранится на уровне 50 тенге.",
                "«Мы понимаем, что для многих семей это ощутимо, но иначе перевозчики просто уйдут с маршрутов», — сказала руководитель отдела Гульнара Ахметова.",
                "Жители уже собирают подписи против повышения и просят провести публичные слушания.",
            ],
            page.Paragraphs);
    }

    [Fact]
    public void Extract_ArticleLayout_DropsFurniture()
    {
        var page = Extract(_extractor, "article-layout.html", "https://pavlodar.example.kz/news/proezd-2022");

        AssertNoneContains(page.Paragraphs,
            "Экономика", "cookie", "Facebook", "Реклама", "Кредит наличными", "транспорт цены", "Читайте также",
            "Экибастузе", "Комментарии", "Айдос", "Опрос", "Перепечатка", "dataLayer", "schema.org", "Данияр Оспанов");
    }

    [Fact]
    public void Extract_StoryBodyDivWithoutArticle_ReturnsExactlyTheStoryParagraphs()
    {
        var page = Extract(_extractor, "story-body.html", "https://dala.example.kz/kk/news/2025/03/emhana?from=main");

        Assert.Equal(
            [
                "Ақтөбенің Жаңақоныс ауданында күніне 500 адам қабылдайтын жаңа емхана ашылды.",
                "Ғимаратта балалар бөлімі, зертхана және жедел жәрдем бекеті орналасқан, деп хабарлады облыстық денсаулық сақтау басқармасы.",
                "Аудан тұрғыны Әсел Бекмұхамбетова бұрын дәрігерге жету үшін қаланың екінші шетіне бару керек болғанын айтты.",
                "Емханада 120 маман жұмыс істейді, олардың 30-ы жас мамандар.",
            ],
            page.Paragraphs);
        AssertNoneContains(page.Paragraphs, "Басты бет", "Бөлісу", "Жазылыңыз", "жазылыңыз", "Көп оқылған", "бензин", "рұқсатымен");
    }

    [Fact]
    public void Extract_OldCmsTextSeparatedByDoubleBr_SplitsIntoParagraphs()
    {
        var page = Extract(_extractor, "old-cms.html", "http://kokshe.example.kz/index.php?id=5123&print=0");

        Assert.Equal(
            [
                "Отопительный сезон начнут раньше",
                "В Кокшетау отопительный сезон в этом году стартует 1 октября, на две недели раньше обычного, сообщили в городском акимате.",
                "Решение приняли после жалоб жителей северных микрорайонов, где по ночам температура уже опускается ниже нуля.",
                "По словам директора теплосети Ерлана Жумабаева, котельные готовы, а опрессовку сетей завершили в августе.",
                "Жителей просят сообщать о холодных батареях по телефону диспетчерской службы, который работает круглосуточно.",
            ],
            page.Paragraphs);
        AssertNoneContains(page.Paragraphs, "Главная", "Форум", "Просмотров", "Copyright");
    }

    [Fact]
    public void Extract_ForumThread_ReturnsOpeningPostOnly()
    {
        var page = Extract(_extractor, "forum-post.html", "https://forum.example.kz/threads/pereezd-v-astanu.8841/page-1");

        Assert.Equal(
            [
                "Нам с женой предложили работу в Астане, зарплата почти в полтора раза выше, чем здесь в Шымкенте.",
                "Но пугает климат, цены на аренду и то, что родители остаются тут одни, им уже за семьдесят.",
                "Кто переезжал с семьёй, расскажите честно, как оно: хватает ли разницы в зарплате на жильё, привыкли ли дети к зиме?",
            ],
            page.Paragraphs);
        AssertNoneContains(page.Paragraphs, "Что нового", "Серик_Т", "Сообщений", "Нравится", "Аренда съест", "онлайн", "Правила форума");
    }

    [Fact]
    public void Extract_GalleryWithCaptionsOnly_HasLessThan80CharsOfText()
    {
        var page = Extract(_extractor, "gallery.html", "https://photo.example.kz/gallery/sneg");

        Assert.True(page.Paragraphs.Sum(p => p.Length) < 80, $"got: {string.Join(" | ", page.Paragraphs)}");
    }

    [Fact]
    public void Extract_MenuOnlyPage_HasNoParagraphs()
    {
        const string html = """
            <html><body><header><a href="/">Главная</a></header>
            <ul class="menu"><li><a href="/a">Политика</a></li><li><a href="/b">Экономика</a></li><li><a href="/c">Общество и культура</a></li></ul>
            <div><a href="/d">Все новости Казахстана за сегодня в одной ленте</a></div></body></html>
            """;

        var page = _extractor.Extract(html, new Uri("https://example.kz/"));

        Assert.Empty(page.Paragraphs);
    }

    [Fact]
    public void Extract_WrapperClassMentionsSidebarButHoldsArticle_KeepsArticle()
    {
        var page = Extract(_extractor, "sidebar-wrapper.html", "https://taraz.example.kz/news/ipoteka");

        Assert.Equal(
            [
                "С понедельника жители Тараза могут подать заявку на льготную ипотеку под семь процентов годовых, сообщили в жилищном центре.",
                "Программа рассчитана на молодые семьи и работников бюджетной сферы, у которых нет собственного жилья в области.",
                "Первые двести квартир в новом микрорайоне будут готовы к заселению осенью, уточнил руководитель центра Нуржан Абенов.",
                "Документы принимают в центрах обслуживания населения и онлайн, рассмотрение занимает до десяти рабочих дней.",
            ],
            page.Paragraphs);
    }

    [Fact]
    public void Extract_HiddenElements_AreDropped()
    {
        var page = Extract(_extractor, "sidebar-wrapper.html", "https://taraz.example.kz/news/ipoteka");

        AssertNoneContains(page.Paragraphs, "скрыт стилем", "атрибутом hidden", "Невидимый блок", "Курс валют", "Публикация");
    }

    [Fact]
    public void Extract_EmptyBody_ReturnsNoParagraphsButKeepsTitle()
    {
        var page = _extractor.Extract("<html><head><title>Пустая страница</title></head><body></body></html>", new Uri("https://example.kz/x"));

        Assert.Empty(page.Paragraphs);
        Assert.Equal("Пустая страница", page.Title);
    }
}
