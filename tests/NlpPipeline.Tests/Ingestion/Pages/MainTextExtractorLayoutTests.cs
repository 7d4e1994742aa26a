using NlpPipeline.Ingestion.Dates;
using NlpPipeline.Ingestion.Pages;
using Xunit;

namespace NlpPipeline.Tests.Ingestion.Pages;

/// <summary>Layouts where furniture outweighs the story: comments longer than the article, CMS class names, tables.</summary>
public sealed class MainTextExtractorLayoutTests
{
    private readonly MainTextExtractor _extractor = new(new PublishedDateParser(UnitFixture.Almaty));

    private PageContent Extract(string file, string url) => MainTextExtractorTests.Extract(_extractor, file, url);

    /// <summary>Every expected paragraph is present, in this order, and nothing else is.</summary>
    private static void AssertStory(IReadOnlyList<string> paragraphs, string[] story, params string[] furniture)
    {
        var text = string.Join("\n", paragraphs);
        foreach (var f in furniture)
            Assert.False(text.Contains(f, StringComparison.Ordinal), $"furniture \"{f}\" leaked into: {text}");
        Assert.Equal(story, paragraphs.Where(story.Contains));
    }

    [Fact]
    public void Extract_WordPressArticleWithTagClassesAndLongerComments_ReturnsStory()
    {
        // WordPress's post_class() writes "tag-<slug>" on <article>; the token "tag" must not make the story junk.
        var page = Extract("wordpress.html", "https://ontustik.example.kz/2024/05/saiabak/");

        Assert.Equal(
            [
                "Шымкент әкімдігі Кеншілер саябағындағы ағаштарды кесу жоспарынан бас тартты, деп хабарлады қалалық экология басқармасы.",
                "Бұған дейін саябақ орнында автотұрақ салу жоспарланған, тұрғындар бұған қарсы петиция жинап, екі мыңнан астам қол қойған.",
                "Енді саябақ қайта жабдықталып, күзге дейін жаңа жарық шамдары мен орындықтар орнатылады.",
            ],
            page.Paragraphs);
    }

    [Fact]
    public void Extract_WordPressPage_ReadsMetadata()
    {
        var page = Extract("wordpress.html", "https://ontustik.example.kz/2024/05/saiabak/?amp");

        Assert.Equal("Шымкентте саябақ ағаштары кесілмейді", page.Title);
        Assert.Equal("https://ontustik.example.kz/2024/05/saiabak/", page.CanonicalUrl?.AbsoluteUri);
        Assert.Equal(new DateTimeOffset(2024, 5, 14, 9, 20, 0, TimeSpan.Zero), page.Published);
        Assert.Equal(TimeSpan.Zero, page.Published?.Offset);
    }

    [Fact]
    public void Extract_CommentsSectionLongerThanArticle_ReturnsArticleNotComments()
    {
        var page = Extract("long-comments.html", "https://vk.example.kz/news/rynok");

        AssertStory(page.Paragraphs,
            [
                "Рынок у железнодорожного вокзала Усть-Каменогорска закроют первого апреля, на его месте построят парковку.",
                "Около ста двадцати продавцов должны до конца марта перевезти товар на новый рынок в микрорайоне Защита.",
                "В акимате обещают первые полгода не брать с них арендную плату.",
            ],
            "Обсуждение", "тридцать лет торгую", "Парковка там действительно нужна", "руки мёрзли");
    }

    [Fact]
    public void Extract_TableLayoutWithTextInCell_LeavesOutLeftColumn()
    {
        var page = Extract("table-layout.html", "http://petro.example.kz/n.php?id=1");

        AssertStory(page.Paragraphs,
            [
                "В этом году в Петропавловске отремонтируют сорок дворов, на это выделено почти два миллиарда тенге из местного бюджета.",
                "Список дворов составили по заявкам жителей, которые подавали их через депутатов городского маслихата с осени прошлого года.",
                "Работы начнутся в мае, подрядчиков выберут на конкурсе до конца апреля, сообщили в отделе жилищно-коммунального хозяйства.",
            ],
            "Главная", "Архив", "Курс валют", "Погода");
    }

    [Fact]
    public void ExtractFragment_LinkOnlyRunBeforeDoubleBr_IsDroppedByItsOwnLinkDensity()
    {
        // Link characters belong to the <br><br> part that holds the link, not spread over the whole run.
        var html = "<a href=\"/news/1\">Читайте также: в Аксае отремонтируют дворы</a><br><br>"
                   + "Жители Аксая жалуются на ямы во дворах, акимат обещает ремонт летом, но денег пока не выделили.";

        Assert.Equal(
            ["Жители Аксая жалуются на ямы во дворах, акимат обещает ремонт летом, но денег пока не выделили."],
            _extractor.ExtractFragment(html));
    }

    [Fact]
    public void Extract_OldCmsMenuLinksAboveTextInSameDiv_AreDropped()
    {
        const string html = """
            <html><body><div id="main">
            <a href="/">Главная</a> | <a href="/news">Все новости</a> | <a href="/arhiv">Архив новостей</a><br><br>
            В Талдыкоргане открыли новый приют для бездомных животных, он рассчитан на двести собак и кошек.<br><br>
            Волонтёры просят горожан приносить корм, старые одеяла и помогать с выгулом по выходным дням.
            </div></body></html>
            """;

        var page = _extractor.Extract(html, new Uri("http://taldyk.example.kz/?p=77"));

        Assert.Equal(
            [
                "В Талдыкоргане открыли новый приют для бездомных животных, он рассчитан на двести собак и кошек.",
                "Волонтёры просят горожан приносить корм, старые одеяла и помогать с выгулом по выходным дням.",
            ],
            page.Paragraphs);
    }
}
