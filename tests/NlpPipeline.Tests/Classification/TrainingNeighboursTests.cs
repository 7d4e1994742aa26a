using NlpPipeline.Classification.Evaluation;
using Xunit;

namespace NlpPipeline.Tests.Classification;

public sealed class TrainingNeighboursTests
{
    [Fact]
    public void Jaccard_CountsWordsOfFourOrMoreLettersOnce()
    {
        var a = TrainingNeighbours.WordSet("Rent in Almaty rose again, rent rose by a lot");
        var b = TrainingNeighbours.WordSet("Rent rose in Astana");
        Assert.Equal(["rent", "almaty", "rose", "again"], a);
        // Shared: rent, rose; union: rent, almaty, rose, again, astana.
        Assert.Equal(2.0 / 5, TrainingNeighbours.Jaccard(a, b), 6);
        Assert.Equal(0, TrainingNeighbours.Jaccard([], []));
    }

    [Fact]
    public void Nearest_FindsTheMostSimilarTrainingPassageAndZeroWhenNoneSharesAWord()
    {
        string[] training =
        [
            "Unemployment stayed at 4.7 percent in October, the statistics office said",
            "Prices for bread and fuel climbed again this month",
            "My cousin moved to Prague and found work in logistics",
            "Nobody answers at the akimat when the heating fails",
        ];
        string[] test =
        [
            "The statistics office said unemployment stayed at 4.7 percent",
            "Қала әкімдігі жауап бермейді",
            "Fuel climbed again; bread too",
        ];

        var nearest = TrainingNeighbours.Nearest(test, training);

        // unemployment, stayed, percent, statistics, office, said: all six in the first passage's seven (october too; "4.7" is too short).
        Assert.Equal(6.0 / 7, nearest[0], 6);
        Assert.Equal(0, nearest[1]);
        // fuel, climbed, again, bread: all four in the second passage's 7 words (prices, bread, fuel, climbed, again, this, month).
        Assert.Equal(4.0 / 7, nearest[2], 6);
    }
}
