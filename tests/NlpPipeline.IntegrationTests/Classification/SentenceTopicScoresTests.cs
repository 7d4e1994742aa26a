using Microsoft.ML;
using NlpPipeline.Classification.Features;
using NlpPipeline.Classification.Training;
using NlpPipeline.Core.Labels;
using NlpPipeline.IntegrationTests.Infrastructure;

namespace NlpPipeline.IntegrationTests.Classification;

/// <summary>
/// Sentence-level topic scoring as the cross-validation computes it (docs/classifier.md, seventh round (b)): the best
/// sentence's raw score of each topic, and the training variant that adds each passage's best sentence as an extra example.
/// </summary>
public sealed class SentenceTopicScoresTests
{
    [Fact]
    public void MaxRaw_IsEachTopicsLargestSentenceScore_AndAPassageOfOneSentenceKeepsItsOwn()
    {
        var (train, test) = Rows();
        var config = ClassifierConfig.Find("chosen-min3")!;
        var ml = new MLContext(1);
        var model = ModelFitter.Fit(ml, train, config);
        var passages = test.Select(r => (r.Text, r.Kind)).ToList();
        var own = ModelFitter.TopicScores(ml, model, passages);
        var max = SentenceTopicScores.MaxRaw(ml, model, passages, own);
        int split = 0, raised = 0;
        for (var i = 0; i < passages.Count; i++)
        {
            var sentences = PreparedSentenceSplitter.Split(passages[i].Text);
            if (sentences.Count < 2)
            {
                Assert.Equal(own[i], max[i]);
                continue;
            }
            split++;
            // Each sentence scored on its own, in a batch of one: the same numbers as in the batch of all pieces.
            var each = ModelFitter.TopicScores(ml, model, sentences.Select(s => (s, passages[i].Kind)).ToList());
            for (var t = 0; t < LabelNames.Topics.All.Count; t++)
            {
                Assert.Equal(each.Max(s => s[t]), max[i][t]);
                if (max[i][t] > own[i][t]) raised++;
            }
        }
        Assert.True(split >= 20, $"{split} of {passages.Count} test passages have two or more sentences");
        Assert.True(raised > 0, "no sentence scored above its passage");
    }

    [Fact]
    public void TrainingOnBestSentences_ChangesTheTopicLearnersOnly()
    {
        var (train, test) = Rows();
        var passages = test.Select(r => (r.Text, r.Kind)).ToList();
        var plain = ModelFitter.Predict(new MLContext(1), ModelFitter.Fit(new MLContext(1), train, ClassifierConfig.Find("chosen-min3")!), passages);
        var withSentences = ModelFitter.Predict(new MLContext(1), ModelFitter.Fit(new MLContext(1), train, ClassifierConfig.Find("sentmax-mix-train")!), passages);
        for (var i = 0; i < passages.Count; i++)
        {
            Assert.Equal(plain[i].IntentScores, withSentences[i].IntentScores);
            Assert.Equal(plain[i].SentimentScores, withSentences[i].SentimentScores);
        }
        var moved = Enumerable.Range(0, passages.Count).Count(i => plain[i].TopicProbs.Zip(withSentences[i].TopicProbs).Any(p => Math.Abs(p.First - p.Second) > 1e-3));
        Assert.True(moved > passages.Count / 4, $"{moved} of {passages.Count} passages' topic probabilities moved");
    }

    /// <summary>Every eighth passage of the training part to fit on, and 60 other passages of it to score.</summary>
    private static (List<TrainingRow> Train, List<TrainingRow> Test) Rows()
    {
        var rows = ModelTrainer.Prepare(TrainingSample.TrainingPart);
        return (rows.Where((_, i) => i % 8 == 0).ToList(), rows.Where((_, i) => i % 8 == 1).Where((_, i) => i % 50 == 0).Take(60).ToList());
    }
}
