using NlpPipeline.Ingestion.Dates;
using NlpPipeline.Ingestion.Pages;
using Xunit;

namespace NlpPipeline.Tests.Ingestion.Pages;

/// <summary>A feed item's own content, already reduced to the story by the publisher.</summary>
public sealed class ExtractFragmentTests
{
    private readonly MainTextExtractor _extractor = new(new PublishedDateParser(UnitFixture.Almaty));

    [Fact]
    public void ExtractFragment_PlainText_SplitsAtBlankLines()
    {
        var text = "Біздің ауылда интернет әлі де баяу.\n\nМектеп оқушылары сабақты\nтелефоннан тыңдайды.\r\n\r\nӘкімдік уәде берді.";

        Assert.Equal(
            ["Біздің ауылда интернет әлі де баяу.", "Мектеп оқушылары сабақты телефоннан тыңдайды.", "Әкімдік уәде берді."],
            _extractor.ExtractFragment(text));
    }

    [Fact]
    public void ExtractFragment_PlainTextWithManyBlankLines_HasNoEmptyParagraphs()
    {
        var text = "\n\nПервый абзац.\n\n\n\n   \n\nВторой абзац.\n\n";

        Assert.Equal(["Первый абзац.", "Второй абзац."], _extractor.ExtractFragment(text));
    }

    [Fact]
    public void ExtractFragment_PlainTextWithoutBlankLines_IsOneParagraph()
    {
        Assert.Equal(["Одна строка. И вторая строка."], _extractor.ExtractFragment("Одна строка.\nИ вторая строка."));
    }

    [Fact]
    public void ExtractFragment_Html_SplitsAtParagraphs()
    {
        var html = "<p>Цены на хлеб выросли на десять процентов.</p>\n<p>Пекарни ссылаются на <b>подорожание</b> муки.</p>";

        Assert.Equal(
            ["Цены на хлеб выросли на десять процентов.", "Пекарни ссылаются на подорожание муки."],
            _extractor.ExtractFragment(html));
    }

    [Fact]
    public void ExtractFragment_HtmlWithDoubleBr_SplitsThere()
    {
        var html = "Бірінші абзац, ауыл туралы.<br><br>Екінші абзац, мектеп туралы.<br/>\n<br/>Үшінші абзац.";

        Assert.Equal(
            ["Бірінші абзац, ауыл туралы.", "Екінші абзац, мектеп туралы.", "Үшінші абзац."],
            _extractor.ExtractFragment(html));
    }

    [Fact]
    public void ExtractFragment_HtmlWithScriptsAndLinkList_DropsThem()
    {
        var html = """
            <p>Жители Аксая жалуются на ямы во дворах.</p>
            <script>alert("x")</script><style>p{color:red}</style>
            <iframe src="https://video.example.kz/embed/1"></iframe>
            <p><a href="/1">Читайте также: ремонт дорог</a></p>
            <p>Акимат обещает ремонт летом.</p>
            """;

        Assert.Equal(["Жители Аксая жалуются на ямы во дворах.", "Акимат обещает ремонт летом."], _extractor.ExtractFragment(html));
    }

    [Fact]
    public void ExtractFragment_PlainTextWithLessThanSign_StillSplitsAtBlankLines()
    {
        // "<" alone does not make plain text HTML: content_text may say "температура < -30".
        var text = "Ночью температура < -30 градусов.\n\nЗанятия в школах отменены.";

        Assert.Equal(["Ночью температура < -30 градусов.", "Занятия в школах отменены."], _extractor.ExtractFragment(text));
    }

    [Fact]
    public void ExtractFragment_Empty_ReturnsNoParagraphs()
    {
        Assert.Empty(_extractor.ExtractFragment(""));
        Assert.Empty(_extractor.ExtractFragment("<p> </p>"));
    }
}
