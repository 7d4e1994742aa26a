using NlpPipeline.Classification.Features;
using NlpPipeline.Classification.Training;
using NlpPipeline.Core.Text;
using Xunit;

namespace NlpPipeline.Tests.Classification;

/// <summary>
/// The splitter behind sentence-level topic scoring (<see cref="PreparedSentenceSplitter"/>), on prepared text in the three languages
/// (lower-cased, as <see cref="ClassifierText.Prepare"/> gives it), on abbreviations and numbers, and on text without punctuation.
/// </summary>
public sealed class PreparedSentenceSplitterTests
{
    private static IReadOnlyList<string> Split(string raw) => PreparedSentenceSplitter.Split(ClassifierText.Prepare(raw, new LanguageIdentifier()));

    [Fact]
    public void Russian_SplitsAtSentenceEnds_NotAtAbbreviationsOrNumbers()
    {
        var pieces = Split("В Павлодарской обл. начался сезон уборки, урожайность 14.2 центнера с гектара. Цены на хлеб выросли на 20% за год! " +
                           "Кто уезжал по рабочей визе, отпишитесь?");
        Assert.Equal(
        [
            "в павлодарской обл. начался сезон уборки, урожайность 14.2 центнера с гектара.",
            "цены на хлеб выросли на 20% за год!",
            "кто уезжал по рабочей визе, отпишитесь?",
        ], pieces);
    }

    [Fact]
    public void Kazakh_SplitsAtSentenceEnds_AndKeepsInitialsAndYearAbbreviations()
    {
        var pieces = Split("2022 ж. қаңтар оқиғаларынан кейін көп адам елден кетті. А. Серікбаев жалақының төмендігін айтты. Баға күн сайын өсіп жатыр...");
        Assert.Equal(
        [
            "2022 ж. қаңтар оқиғаларынан кейін көп адам елден кетті.",
            "а. серікбаев жалақының төмендігін айтты.",
            "баға күн сайын өсіп жатыр...",
        ], pieces);
    }

    [Fact]
    public void English_SplitsAfterClosingQuotes_NotAfterTitlesOrDottedAbbreviations()
    {
        var pieces = Split("Mr. Akhmetov said the U.S. embassy had stopped issuing visas. \"We cannot wait any longer.\" " +
                           "Rents in Almaty doubled since 2022, e.g. in the Bostandyk district.");
        Assert.Equal(
        [
            "mr. akhmetov said the u.s. embassy had stopped issuing visas.",
            "\"we cannot wait any longer.\"",
            "rents in almaty doubled since 2022, e.g. in the bostandyk district.",
        ], pieces);
    }

    [Fact]
    public void ShortPieces_AreJoinedToTheNext_AndALastShortPieceToTheOneBefore()
    {
        Assert.Equal(["wow. prices are up again in astana this week.", "i am leaving for good next spring. sad."],
            PreparedSentenceSplitter.Split("wow. prices are up again in astana this week. i am leaving for good next spring. sad."));
        Assert.Equal(["ok. fine."], PreparedSentenceSplitter.Split("ok. fine."));
    }

    [Fact]
    public void TextWithoutPunctuation_IsCutIntoWindows_AndShortTextStaysWhole()
    {
        var words = Enumerable.Range(1, 100).Select(i => $"w{i}").ToArray();
        var pieces = PreparedSentenceSplitter.Split(string.Join(' ', words));
        // 100 words: two windows of 40, then the last 20 (not shorter than half a window) on their own.
        Assert.Equal([40, 40, 20], pieces.Select(p => p.Split(' ').Length));
        var longer = PreparedSentenceSplitter.Split(string.Join(' ', words.Take(95)));
        Assert.Equal([40, 55], longer.Select(p => p.Split(' ').Length));   // 15 left would be under half a window: joined
        Assert.Equal(["no punctuation at all in this post"], PreparedSentenceSplitter.Split("no punctuation at all in this post"));
        Assert.Empty(PreparedSentenceSplitter.Split(""));
    }

    [Fact]
    public void Pairs_AddEachTwoAdjacentSentences_OnlyWhenThereAreMoreThanTwo()
    {
        const string three = "prices went up again this month. my salary stayed the same as last year. so we are thinking of leaving.";
        Assert.Equal(
        [
            "prices went up again this month.", "my salary stayed the same as last year.", "so we are thinking of leaving.",
            "prices went up again this month. my salary stayed the same as last year.",
            "my salary stayed the same as last year. so we are thinking of leaving.",
        ], SentenceTopicScores.Of(three, pairs: true));
        Assert.Equal(3, SentenceTopicScores.Of(three, pairs: false).Count);
        const string two = "prices went up again this month. my salary stayed the same as last year.";
        Assert.Equal(PreparedSentenceSplitter.Split(two), SentenceTopicScores.Of(two, pairs: true));
    }

    [Theory]
    [InlineData("цены растут. зарплаты нет. уезжаем в следующем году, решено окончательно! а вы?")]
    [InlineData("one. two. three four five six seven eight nine ten eleven twelve. " +
                "a b c d e f g h i j k l m n o p q r s t u v w x y z a b c d e f g h i j k l m n o p q r s t u v w x y z end.")]
    [InlineData("...")]
    [InlineData("т.е. всё как всегда… и т.д.")]
    public void Pieces_JoinedBySpaces_GiveTheTextBack(string prepared) =>
        Assert.Equal(prepared, string.Join(' ', PreparedSentenceSplitter.Split(prepared)));
}
