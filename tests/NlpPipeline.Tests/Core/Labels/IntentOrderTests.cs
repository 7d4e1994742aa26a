using NlpPipeline.Core.Labels;
using Xunit;

namespace NlpPipeline.Tests.Core.Labels;

public class IntentOrderTests
{
    [Fact]
    public void Strength_SpecOrder_StrictlyIncreases()
    {
        Intent[] order = [Intent.None, Intent.Discussion, Intent.Staying, Intent.Considering, Intent.Planning, Intent.Departed];
        var strengths = order.Select(IntentOrder.Strength).ToList();
        Assert.Equal([0, 1, 2, 3, 4, 5], strengths);
        Assert.Equal(Enum.GetValues<Intent>().Length, order.Length);
    }

    [Fact]
    public void Strength_UndefinedValue_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => IntentOrder.Strength((Intent)42));
    }

    [Theory]
    [InlineData(new[] { Intent.Staying, Intent.Considering }, Intent.Considering)]
    [InlineData(new[] { Intent.Discussion, Intent.Staying }, Intent.Staying)]
    [InlineData(new[] { Intent.Departed, Intent.Planning, Intent.Considering }, Intent.Departed)]
    [InlineData(new[] { Intent.Planning, Intent.None, Intent.Discussion }, Intent.Planning)]
    [InlineData(new[] { Intent.None, Intent.None }, Intent.None)]
    public void Strongest_MixedIntents_ReturnsFurthestAlong(Intent[] intents, Intent expected)
    {
        Assert.Equal(expected, IntentOrder.Strongest(intents));
    }

    [Fact]
    public void Strongest_Empty_ReturnsNone()
    {
        Assert.Equal(Intent.None, IntentOrder.Strongest([]));
    }

    [Fact]
    public void Strongest_DoesNotUseEnumNumbering_StayingBelowConsidering()
    {
        // Staying has the highest enum value but sits between discussion and considering.
        Assert.True((int)Intent.Staying > (int)Intent.Departed);
        Assert.Equal(Intent.Planning, IntentOrder.Strongest([Intent.Staying, Intent.Planning]));
    }
}
