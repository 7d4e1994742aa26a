using NlpPipeline.Core.Text;
using Xunit;

namespace NlpPipeline.Tests.Core.Text;

public class SentenceSplitterTests
{
    [Fact]
    public void Split_ThreeSentences_ReturnsEachWithItsPunctuation()
    {
        var result = SentenceSplitter.Split("Цены снова выросли. Что будет дальше? Никто не знает!");
        Assert.Equal(["Цены снова выросли.", "Что будет дальше?", "Никто не знает!"], result);
    }

    [Fact]
    public void Split_KazakhSentences_SplitAtEnds()
    {
        var result = SentenceSplitter.Split("Біз шетелге кетеміз. Құжаттарды тапсырдық… Ұшақ ертең!");
        Assert.Equal(["Біз шетелге кетеміз.", "Құжаттарды тапсырдық…", "Ұшақ ертең!"], result);
    }

    [Fact]
    public void Split_ClosingQuoteAfterDot_StaysWithSentence()
    {
        var result = SentenceSplitter.Split("Он сказал: «Мы уезжаем.» Потом он ушёл.");
        Assert.Equal(["Он сказал: «Мы уезжаем.»", "Потом он ушёл."], result);
    }

    [Fact]
    public void Split_RunOfMarks_EndsOnce()
    {
        var result = SentenceSplitter.Split("Серьёзно?! Да.");
        Assert.Equal(["Серьёзно?!", "Да."], result);
    }

    [Fact]
    public void Split_NextStartsWithDigitOrDash_Splits()
    {
        Assert.Equal(["Итоги года.", "2022 год был трудным."], SentenceSplitter.Split("Итоги года. 2022 год был трудным."));
        Assert.Equal(["Он замолчал.", "— Уезжаем, — сказала она."], SentenceSplitter.Split("Он замолчал. — Уезжаем, — сказала она."));
    }

    [Theory]
    [InlineData("Власти перенесли столицу, т.е. Астана стала главным городом.")]
    [InlineData("Цены выросли, т.к. Нацбанк ослабил тенге.")]
    [InlineData("Он родился в 1990 г. В Алматы тогда было спокойно.")]
    [InlineData("Ол 1991 ж. Алматыда туған.")]
    [InlineData("Университет им. Абая открылся.")]
    [InlineData("Mr. Smith left Almaty in 2022.")]
    [InlineData("Статью написал А. Иванов из Караганды.")]
    [InlineData("Dr. Brown and Prof. Green disagree.")]
    [InlineData("Редакция находится на ул. Абая, дом 10.")]
    [InlineData("Мақаланы жазған Ж. Сұлтанов.")]
    public void Split_AbbreviationOrInitial_DoesNotEndSentence(string text)
    {
        Assert.Equal([text], SentenceSplitter.Split(text));
    }

    [Fact]
    public void Split_InitialsInsideText_SentenceCountRight()
    {
        var result = SentenceSplitter.Split("Об этом сообщил А. Б. Иванов. Он уехал в Прагу.");
        Assert.Equal(["Об этом сообщил А. Б. Иванов.", "Он уехал в Прагу."], result);
    }

    [Theory]
    [InlineData("Смотрите сайт example.com и всё.")]
    [InlineData("Было 3.5 млн человек.")]
    [InlineData("Он ушёл. потом вернулся.")]
    public void Split_DotNotFollowedBySpaceAndCapital_NoSplit(string text)
    {
        Assert.Single(SentenceSplitter.Split(text));
    }

    [Fact]
    public void Split_NoEndMark_ReturnsWholeTrimmedText()
    {
        Assert.Equal(["без точки в конце"], SentenceSplitter.Split("  без точки в конце  "));
    }

    [Fact]
    public void Split_Empty_ReturnsNothing()
    {
        Assert.Empty(SentenceSplitter.Split(""));
        Assert.Empty(SentenceSplitter.Split("   "));
    }
}
