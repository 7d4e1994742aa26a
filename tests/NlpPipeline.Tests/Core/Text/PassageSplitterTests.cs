using System.Text;
using NlpPipeline.Core.Text;
using Xunit;

namespace NlpPipeline.Tests.Core.Text;

public class PassageSplitterTests
{
    private readonly PassageSplitter _splitter = new();

    [Fact]
    public void Split_ShortParagraphs_OnePassageEach()
    {
        var result = _splitter.Split(["Первый абзац.", "Екінші абзац.", "Third paragraph."]).ToList();
        Assert.Equal(["Первый абзац.", "Екінші абзац.", "Third paragraph."], result);
    }

    [Fact]
    public void Split_EmptyAndInvisibleParagraphs_Dropped()
    {
        var result = _splitter.Split(["", "Бірінші.", "   ", "\u200B\u00A0", "\n", "Екінші."]).ToList();
        Assert.Equal(["Бірінші.", "Екінші."], result);
    }

    [Fact]
    public void Split_RawParagraph_Normalised()
    {
        var result = _splitter.Split(["  Жала\u00ADқы\u00A0\u00A0өте   аз.\n"]).ToList();
        Assert.Equal(["Жалақы өте аз."], result);
    }

    [Fact]
    public void Split_ParagraphOf1500Chars_KeptWhole()
    {
        var paragraph = new string('а', 1499) + ".";
        Assert.Equal([paragraph], _splitter.Split([paragraph]));
    }

    [Fact]
    public void Split_ParagraphOver1500Chars_CutsAtSentenceEnd()
    {
        var sentences = Enumerable.Range(1, 60)
            .Select(i => $"Предложение номер {i:D2} рассказывает о ценах, зарплатах и планах уехать.").ToList();
        var paragraph = string.Join(" ", sentences);
        Assert.True(paragraph.Length > 4000);

        var passages = _splitter.Split(["Короткий абзац.", paragraph, "Последний."]).ToList();

        Assert.Equal("Короткий абзац.", passages[0]);
        Assert.Equal("Последний.", passages[^1]);
        var pieces = passages.Skip(1).SkipLast(1).ToList();
        Assert.True(pieces.Count >= 3, $"expected at least 3 pieces, got {pieces.Count}");
        Assert.All(pieces, p => Assert.InRange(p.Length, 1, PassageSplitter.DefaultMaxLength));
        Assert.All(pieces, p => Assert.EndsWith("уехать.", p));
        Assert.All(pieces, p => Assert.StartsWith("Предложение номер", p));
        Assert.Equal(paragraph, string.Join(" ", pieces));
        // Each piece is as full as it can be: the next sentence would not have fitted.
        for (var i = 0; i < pieces.Count - 1; i++)
            Assert.True(pieces[i].Length + 1 + sentences[0].Length > PassageSplitter.DefaultMaxLength);
    }

    [Fact]
    public void Split_SingleLongSentenceWithoutEnds_CutsAtSpaces()
    {
        var words = Enumerable.Range(0, 501).Select(i => $"сөз{i:D4}").ToList();   // 7 chars + space each
        var sentence = string.Join(" ", words);
        Assert.True(sentence.Length > 4000);

        var pieces = _splitter.Split([sentence]).ToList();

        Assert.Equal(3, pieces.Count);
        Assert.All(pieces, p => Assert.InRange(p.Length, 1, PassageSplitter.DefaultMaxLength));
        Assert.All(pieces, p => Assert.Equal(p.Trim(), p));
        Assert.Equal(words, pieces.SelectMany(p => p.Split(' ')));
    }

    [Fact]
    public void Split_LongTokenWithoutSpaces_CutsHardAtLimit()
    {
        var token = new string('x', 3200);
        var pieces = _splitter.Split([token]).ToList();
        Assert.Equal([1500, 1500, 200], pieces.Select(p => p.Length));
        Assert.Equal(token, string.Concat(pieces));
    }

    [Fact]
    public void Split_CustomLimit_EveryPieceWithinLimit()
    {
        var splitter = new PassageSplitter(100);
        var paragraph = new StringBuilder();
        for (var i = 0; i < 20; i++) paragraph.Append($"Сөйлем {i}, бұл қысқа сөйлем. ");
        var pieces = splitter.Split([paragraph.ToString()]).ToList();
        Assert.True(pieces.Count > 1);
        Assert.All(pieces, p => Assert.InRange(p.Length, 1, 100));
        Assert.Equal(TextNormalizer.Normalize(paragraph.ToString()), string.Join(" ", pieces));
    }

    [Theory]
    [InlineData(99)]
    [InlineData(0)]
    [InlineData(-1)]
    public void Constructor_LimitUnder100_Throws(int limit)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PassageSplitter(limit));
    }

    [Fact]
    public void Constructor_Defaults_MaxLength1500()
    {
        Assert.Equal(1500, new PassageSplitter().MaxLength);
        Assert.Equal(100, new PassageSplitter(100).MaxLength);
    }
}
