using NlpPipeline.Core.Text;

namespace NlpPipeline.Tests.Core.Text;

public sealed class ScriptFoldingTests
{
    [Theory]
    [InlineData("Маған да жібер")]      // Kazakh Cyrillic
    [InlineData("Маган да жибер")]      // the same typed on a Russian keyboard
    [InlineData("magan da zhiber")]     // phone Latin
    [InlineData("Mağan da jıber")]      // 2021 alphabet
    public void KazakhSpellings_FoldToOneForm(string text) => Assert.Equal("magan da zhiber", ScriptFolding.Fold(text));

    [Fact]
    public void KazakhOnlyLetters_FoldOntoTheirPlainNeighbours() =>
        Assert.Equal("aggknoouuih", ScriptFolding.Fold("ӘҒғҚҢӨөҰҮІҺ"));

    [Fact]
    public void Russian_IsTransliteratedAndSignsDropped() =>
        Assert.Equal("shuchinsk podezd vyuga", ScriptFolding.Fold("Щучинск, подъезд — вьюга!"));

    [Fact]
    public void NonLetters_BecomeSingleSpaces_NoEdges() =>
        Assert.Equal("ok zhok", ScriptFolding.Fold("  «OK» 🙂 12:30 — жоқ!!! "));

    [Fact]
    public void OtherScripts_AndEmptyText_FoldToNothing()
    {
        Assert.Equal("", ScriptFolding.Fold("你好 ☀️ 2024"));
        Assert.Equal("", ScriptFolding.Fold(""));
        Assert.Equal(0, ScriptFolding.Letters(""));
        Assert.Equal(7, ScriptFolding.Letters("zhok bar"));
    }

    [Fact]
    public void Folding_IsIdempotent()
    {
        var once = ScriptFolding.Fold("Қазір біздің ауылда жарық жоқ, свет отключили.");
        Assert.Equal(once, ScriptFolding.Fold(once));
    }
}
