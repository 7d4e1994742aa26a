using NlpPipeline.Ingestion.Telegram;

namespace NlpPipeline.Tests.Ingestion.Telegram;

/// <summary>The web-preview parser on hand-written pages in the t.me/s markup (kk, ru and en posts).</summary>
public sealed class TelegramPageParserTests
{
    private static readonly TelegramChannel Channel = Parsed("http://tme.example/s/dala_zhanalyq");

    internal static TelegramChannel Parsed(string url) =>
        TelegramChannel.TryParse(new Uri(url), out var channel) ? channel : throw new ArgumentException(url);

    internal static string Page(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Telegram", "pages", name));

    private static Dictionary<long, TelegramMessage> Messages(string page) =>
        TelegramPageParser.Parse(Page(page), Channel).Messages.ToDictionary(m => m.Id);

    [Fact]
    public void Parse_NewestPage_ReadsEveryMessageInPageOrderWithStableUrls()
    {
        var page = TelegramPageParser.Parse(Page("dala-newest.html"), Channel);

        Assert.Equal([140L, 141, 142, 143, 144, 145], page.Messages.Select(m => m.Id));
        Assert.Equal(0, page.Unreadable);
        Assert.Equal(new Uri("http://tme.example/dala_zhanalyq/140"), page.Messages[0].Url);
    }

    [Fact]
    public void Parse_Message_KeepsDateWithOffsetViewsAndParagraphsWithEmoji()
    {
        var m = Messages("dala-newest.html")[140];

        Assert.Equal(new DateTimeOffset(2026, 11, 18, 4, 12, 37, TimeSpan.Zero), m.Published);
        Assert.Equal(TimeSpan.Zero, m.Published!.Value.Offset);
        Assert.Equal(3100L, m.Views);
        Assert.Equal(
            "Коммуналка за ноябрь пришла: отопление 18 400 ₸ за двушку в Павлодаре. Год назад было 12 900.\n\n" +
            "Соседка говорит, что дочь зовёт её к себе в Новосибирск, «там хоть батареи горячие». Пока не решилась 😕",
            m.Text);
        Assert.Null(m.ForwardedFrom);
        Assert.Empty(m.Links);
        Assert.False(m.HasMedia);
    }

    [Fact]
    public void Parse_LineBreaks_BecomeLinesAndBlankLinesParagraphs()
    {
        var m = Messages("dala-before-140.html")[137];

        Assert.Equal(
            "Цены на рынке «Зелёный базар», 16 ноября:\nмолоко 1 л — 650 ₸\nхлеб — 230 ₸\nяйца (10 шт.) — 1 150 ₸\nговядина 1 кг — 4 800 ₸\n\n" +
            "Месяц назад тот же набор стоил на 9% дешевле.",
            m.Text);
        Assert.Equal(8800L, m.Views);
    }

    [Fact]
    public void Parse_Hashtags_KeptAsTextButNotAsLinks()
    {
        var m = Messages("dala-newest.html")[141];

        Assert.EndsWith("\n\n#баға #Шымкент", m.Text);
        Assert.Contains("🥚", m.Text);
        Assert.Empty(m.Links);
        Assert.Equal(1200L, m.Views);
    }

    [Fact]
    public void Parse_Links_TextKeptAndUrlsCollected()
    {
        var m = Messages("dala-newest.html")[145];

        Assert.Contains("Full table from the statistics bureau: stat.gov.kz\n\nTell us", m.Text);
        Assert.Equal([new Uri("https://stat.gov.kz/ru/industries/economy/prices/")], m.Links);
        Assert.Equal(2000L, m.Views);
    }

    [Fact]
    public void Parse_ForwardedFromChannel_NameAndLink()
    {
        var m = Messages("dala-before-134.html")[132];

        Assert.Equal("Qaz Ekonomika", m.ForwardedFrom);
        Assert.Equal(new Uri("https://t.me/qaz_ekonomika/2231"), m.ForwardedFromUrl);
        Assert.Equal([new Uri("https://qaz-ekonomika.example/reports/it-relocation-2026")], m.Links);
        Assert.StartsWith("Опрос среди 1 200 айтишников", m.Text);
    }

    [Fact]
    public void Parse_ForwardedFromHiddenUser_NameWithoutLink()
    {
        var m = Messages("dala-newest.html")[144];

        Assert.Equal("Айгерім Н.", m.ForwardedFrom);
        Assert.Null(m.ForwardedFromUrl);
        Assert.Equal("Мы уехали в Ташкент в сентябре. Аренда однушки в Юнусабаде — 450 долларов, почти как в Алматы, но работу мужу нашли за две недели.\n" +
                     "Скучаю по маме и по нашим горам, но назад пока не тянет.", m.Text);
    }

    [Fact]
    public void Parse_Reply_QuotedTextIsNotPartOfTheMessage()
    {
        var m = Messages("dala-before-140.html")[134];

        Assert.StartsWith("Продолжение истории про аренду", m.Text);
        Assert.DoesNotContain("250 мыңға", m.Text);
    }

    [Fact]
    public void Parse_LinkPreview_CardTextLeftOutAndLinkCountedOnce()
    {
        var m = Messages("dala-before-140.html")[138];

        Assert.EndsWith("and what she misses. Read the story", m.Text);
        Assert.DoesNotContain("night shifts", m.Text);
        Assert.Equal([new Uri("https://steppewire.example/stories/nurse-oral")], m.Links);
    }

    [Fact]
    public void Parse_MediaWithoutText_HasMediaAndNoText()
    {
        var newest = Messages("dala-newest.html");
        var older = Messages("dala-before-140.html");
        var oldest = Messages("dala-before-134.html");

        Assert.True(newest[143].HasMedia);          // video
        Assert.Null(newest[143].Text);
        Assert.Equal(987L, newest[143].Views);
        Assert.True(older[135].HasMedia);           // poll: its question is not the channel's text
        Assert.Null(older[135].Text);
        Assert.True(oldest[131].HasMedia);          // album
        Assert.Null(oldest[131].Text);
        Assert.True(newest[142].HasMedia);          // photo with a caption: media and text
        Assert.StartsWith("Очередь в спецЦОН Уральска", newest[142].Text);
    }

    [Fact]
    public void Parse_ServiceMessage_IsMarked()
    {
        var m = Messages("dala-before-140.html")[139];

        Assert.True(m.IsService);
        Assert.Null(m.Views);
    }

    [Fact]
    public void Parse_KazakhInLatinScriptAndEmoji_Kept()
    {
        var m = Messages("dala-before-140.html")[136];

        Assert.StartsWith("Oqyrmanymyzdan hat: \"Qazir bizde auylda zharyq zhoq", m.Text);
        Assert.EndsWith("zhauap zhoq.\" 🕯", m.Text);
    }

    [Fact]
    public void Parse_RedesignedMarkup_FindsNoMessage()
    {
        var page = TelegramPageParser.Parse(TelegramPageParserTests.Page("baga-redesigned.html"), Parsed("http://tme.example/s/baga_monitor"));

        Assert.Empty(page.Messages);
        Assert.Equal(0, page.Unreadable);
    }

    [Fact]
    public void Parse_MessageWithoutNumericId_CountedUnreadable()
    {
        var html = """
            <div class="tgme_widget_message js-widget_message" data-post="dala_zhanalyq/abc"><div class="tgme_widget_message_text">Сәлем</div></div>
            <div class="tgme_widget_message js-widget_message" data-post="dala_zhanalyq/7"><div class="tgme_widget_message_text">Сәлем, достар</div></div>
            """;

        var page = TelegramPageParser.Parse(html, Channel);

        Assert.Equal(1, page.Unreadable);
        Assert.Equal(7L, Assert.Single(page.Messages).Id);
    }
}
