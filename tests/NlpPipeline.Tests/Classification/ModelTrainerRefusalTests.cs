using Microsoft.Extensions.Logging.Abstractions;
using NlpPipeline.Classification.Training;

namespace NlpPipeline.Tests.Classification;

/// <summary>
/// Configurations compared by cross-validation only have no saved form: <c>nlp train</c> must refuse them before it reads
/// the corpus, rather than save a model that silently lacks the candidate's second stage.
/// </summary>
public sealed class ModelTrainerRefusalTests
{
    [Theory]
    [InlineData("sentmax-mix", "Sentence-level topic scoring")]
    [InlineData("count-hybrid-both", "topic-count model")]
    [InlineData("boost-stack", "boosted second stage")]
    [InlineData("nn-h128-blend", "topic network")]
    public void CrossValidationOnlyConfigurations_AreRefused(string config, string reason)
    {
        var trainer = new ModelTrainer(NullLogger<ModelTrainer>.Instance, TimeProvider.System);
        var error = Assert.Throws<NotSupportedException>(() => trainer.Train([], [], new TrainingOptions(Config: config)));
        Assert.Contains(reason, error.Message);
    }
}
