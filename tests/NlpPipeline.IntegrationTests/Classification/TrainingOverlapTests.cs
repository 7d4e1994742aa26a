using Microsoft.ML;
using NlpPipeline.Classification.Schema;
using NlpPipeline.Classification.Training;
using NlpPipeline.IntegrationTests.Infrastructure;

namespace NlpPipeline.IntegrationTests.Classification;

/// <summary>
/// Issue 5 (training time): <c>nlp train</c> fits its final model's learners alongside the cross-validation folds and sets their
/// topic sigmoids afterwards. That must give exactly the model of one <see cref="ModelFitter.Fit"/> with those sigmoids, and the
/// cross-validation must give the same outcome on one thread or two, with or without the extra job.
/// </summary>
public sealed class TrainingOverlapTests
{
    private static readonly Lazy<(List<string> Ids, List<TrainingRow> Rows)> Data = new(() => TrainingSample.EveryNth(12));

    private static readonly ClassifierConfig Chosen = ClassifierConfig.Chosen;

    [Fact]
    public void FitLearnersThenComplete_GivesTheModelOfOneFit_WithTheOutOfFoldSigmoids()
    {
        var (ids, rows) = Data.Value;
        var cv = CrossValidator.Run(ids, rows, Chosen, folds: 2, seed: 1, parallelism: 1);
        Assert.NotNull(cv.TopicPlatt);
        Assert.True(CrossValidator.GivesTopicPlatt(Chosen));

        var oneFit = ModelFitter.Fit(new MLContext(1), rows, Chosen, topicPlatt: cv.TopicPlatt);
        var pending = ModelFitter.FitLearners(new MLContext(1), rows, Chosen, outOfFoldCalibration: true);
        Assert.True(pending.NeedsTopicPlatt);
        var twoSteps = pending.Complete(cv.TopicPlatt);

        Assert.Equal(oneFit.TopicSigmoids, twoSteps.TopicSigmoids);
        var texts = rows.Take(200).Select(r => (r.Text, r.Kind)).ToList();
        var a = ModelFitter.Predict(new MLContext(1), oneFit, texts);
        var b = ModelFitter.Predict(new MLContext(1), twoSteps, texts);
        for (var i = 0; i < texts.Count; i++)
        {
            Assert.Equal(a[i].IntentScores, b[i].IntentScores);
            Assert.Equal(a[i].SentimentScores, b[i].SentimentScores);
            Assert.Equal(a[i].TopicProbs, b[i].TopicProbs);
        }
        // The out-of-fold sigmoids are really applied: the model with its training-score sigmoids alone scores topics differently.
        var trainingSigmoids = ModelFitter.Predict(new MLContext(1), ModelFitter.Fit(new MLContext(1), rows, Chosen), texts);
        Assert.Contains(Enumerable.Range(0, texts.Count), i => !trainingSigmoids[i].TopicProbs.SequenceEqual(b[i].TopicProbs));
        Assert.Throws<InvalidOperationException>(() => pending.Complete(cv.TopicPlatt));
        Assert.Throws<ArgumentNullException>(() => ModelFitter.FitLearners(new MLContext(1), rows, Chosen, outOfFoldCalibration: true).Complete());
    }

    [Fact]
    public void CrossValidation_OneThreadOrTwo_WithTheFinalFitAlongside_SameOutcome()
    {
        var (ids, rows) = Data.Value;
        var alone = CrossValidator.Run(ids, rows, Chosen, folds: 3, seed: 1, parallelism: 1);
        var ran = 0;
        ModelFitter.PendingFit? pending = null;
        var together = CrossValidator.Run(ids, rows, Chosen, folds: 3, seed: 1, parallelism: 2, alongside: () =>
        {
            Interlocked.Increment(ref ran);
            pending = ModelFitter.FitLearners(new MLContext(1), rows, Chosen, outOfFoldCalibration: true);
        });
        Assert.Equal(1, ran);
        Assert.Equal(alone.Thresholds, together.Thresholds);
        Assert.Equal(alone.TopicPlatt, together.TopicPlatt);
        Assert.Equal(alone.Result.Mean, together.Result.Mean);
        Assert.Equal(alone.Result.StdDev, together.Result.StdDev);
        Assert.Equal(alone.Result.TopicCalibration, together.Result.TopicCalibration);
        Assert.Equal(alone.Result.ByLanguage, together.Result.ByLanguage);
        Assert.Equal(alone.Result.UnknownKind!.Pooled, together.Result.UnknownKind!.Pooled);
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Equal(alone.OutOfFold[i].IntentScores, together.OutOfFold[i].IntentScores);
            Assert.Equal(alone.OutOfFold[i].TopicProbs, together.OutOfFold[i].TopicProbs);
        }
        // The final fit made alongside is the one made after.
        var after = ModelFitter.Fit(new MLContext(1), rows, Chosen, topicPlatt: alone.TopicPlatt);
        var texts = rows.Take(100).Select(r => (r.Text, r.Kind)).ToList();
        var x = ModelFitter.Predict(new MLContext(1), after, texts);
        var y = ModelFitter.Predict(new MLContext(1), pending!.Complete(together.TopicPlatt), texts);
        Assert.Equal(x.Select(o => o.TopicProbs), y.Select(o => o.TopicProbs));
        Assert.Equal(x.Select(o => o.IntentScores), y.Select(o => o.IntentScores));
    }

}
