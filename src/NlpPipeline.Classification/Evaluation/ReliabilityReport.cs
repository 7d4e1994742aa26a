using System.Text.Json.Serialization;
using NlpPipeline.Core.Corpora;
using NlpPipeline.Core.Labels;

namespace NlpPipeline.Classification.Evaluation;

/// <summary>One second-annotation file as the report names it: its short name, path, annotators, passages and the tasks it labels.</summary>
public sealed record SecondAnnotationSummary(string Name, string Path, IReadOnlyList<string> Annotators, int Passages,
    [property: JsonIgnore] LabelTasks Tasks = LabelTasks.All)
{
    /// <summary>The tasks' field names (<c>intent</c>, <c>topics</c>, <c>sentiment</c>), as the JSON report gives them.</summary>
    public IReadOnlyList<string> Labels => Tasks.ToWire();
}

/// <summary>
/// The model beside one second annotation on the same text: the file's passages that are in the corpus's fixed
/// test part now (<see cref="CorpusSplit"/>; the model never trained on them), the second annotator against the
/// corpus on those and the model against the corpus on those. <see cref="NotInTestPart"/> counts the file's
/// passages left out because they are not in the test part (the split moves at a stratum's edge as the corpus
/// grows). Both comparisons are null when none is left.
/// </summary>
public sealed record ModelOnSample(string File, int Passages, int InTestPart, int NotInTestPart, LabelAgreement? Annotator, LabelAgreement? Model);

/// <summary>The model's side of the report: its version and, per second-annotation file, <see cref="ModelOnSample"/>.</summary>
public sealed record ModelSide(string Version, IReadOnlyList<ModelOnSample> PerFile);

/// <summary>
/// What <c>nlp corpus agreement</c> reports: each second annotation against the corpus's labels (the first
/// annotation), every pair of second annotations on the passages both labelled (the first file of the pair as the
/// reference), and optionally the model against the corpus on the same passages.
/// </summary>
public sealed record ReliabilityReport(string Corpus, int Resamples, int Seed, IReadOnlyList<SecondAnnotationSummary> Files,
    IReadOnlyList<LabelAgreement> AgainstCorpus, IReadOnlyList<LabelAgreement> BetweenFiles, ModelSide? Model)
{
    /// <summary>The name the corpus's own labels go by in every comparison.</summary>
    public const string CorpusName = "corpus";

    /// <summary>The name the model's labels go by (its version is in <see cref="ModelSide.Version"/>).</summary>
    public const string ModelName = "model";
}
