using NlpPipeline.Classification.Scoring;
using NlpPipeline.Core.Corpora;
using NlpPipeline.Core.Domain;
using NlpPipeline.Core.Labels;

namespace NlpPipeline.Classification.Evaluation;

/// <summary>
/// Builds a <see cref="ReliabilityReport"/>. The model comes in as a scoring function (passages → labels), so the
/// measurement does not depend on how a model is loaded; <see cref="Scoring(ModelBundle, string)"/> gives one for a bundle.
/// </summary>
public static class LabelReliability
{
    public sealed record ModelScoring(string Version, Func<IReadOnlyList<AnnotatedPassage>, IReadOnlyList<PassageLabels>> Score);

    public static ModelScoring Scoring(ModelBundle bundle, string version) =>
        new(version, passages => bundle.Score(passages.Select(p => new ScoringInput(p.Text, p.SourceKind)).ToList(), version).Select(PassageLabels.Of).ToList());

    public static ReliabilityReport Measure(string corpusName, IReadOnlyList<AnnotatedPassage> corpus, IReadOnlyList<SecondAnnotationFile> files,
        ModelScoring? model, int resamples = HeldOutEvaluator.DefaultResamples, int seed = 1)
    {
        var byId = corpus.ToDictionary(p => p.Id, StringComparer.Ordinal);
        var summaries = files.Select(f => new SecondAnnotationSummary(f.Name, f.Path, f.Annotators, f.Lines.Count, f.Tasks)).ToList();

        var againstCorpus = files.Select(f => LabelAgreement.Measure(ReliabilityReport.CorpusName, f.Name,
            f.Lines.Select(l => Item(byId[l.Id], PassageLabels.Of(byId[l.Id]), Labels(l, byId))).ToList(), resamples, seed, f.Tasks)).ToList();

        var pairs = new List<LabelAgreement>();
        for (var i = 0; i < files.Count; i++)
            for (var j = i + 1; j < files.Count; j++)
            {
                // Two partial readings of different tasks (topics and sentiment) have nothing to compare.
                var tasks = files[i].Tasks & files[j].Tasks;
                if (tasks == LabelTasks.None) continue;
                var other = files[j].Lines.ToDictionary(l => l.Id, StringComparer.Ordinal);
                var common = files[i].Lines.Where(l => other.ContainsKey(l.Id))
                    .Select(l => Item(byId[l.Id], Labels(l, byId), Labels(other[l.Id], byId))).ToList();
                if (common.Count > 0)
                    pairs.Add(LabelAgreement.Measure(files[i].Name, files[j].Name, common, resamples, seed, tasks));
            }

        return new ReliabilityReport(corpusName, resamples, seed, summaries, againstCorpus, pairs,
            model is null ? null : ModelOnSamples(corpus, byId, files, model, resamples, seed));
    }

    private static ModelSide ModelOnSamples(IReadOnlyList<AnnotatedPassage> corpus, Dictionary<string, AnnotatedPassage> byId,
        IReadOnlyList<SecondAnnotationFile> files, ModelScoring model, int resamples, int seed)
    {
        var split = CorpusSplit.Assign(corpus);
        // Every passage the model is asked about is scored once, however many files hold it.
        var toScore = files.SelectMany(f => f.Lines).Select(l => l.Id).Where(id => split[id] == Split.Test)
            .Distinct(StringComparer.Ordinal).Select(id => byId[id]).ToList();
        var scored = model.Score(toScore);
        if (scored.Count != toScore.Count) throw new InvalidOperationException($"The model gave {scored.Count} labels for {toScore.Count} passages.");
        var predicted = toScore.Select((p, i) => (p.Id, Labels: scored[i])).ToDictionary(x => x.Id, x => x.Labels, StringComparer.Ordinal);

        var perFile = new List<ModelOnSample>();
        foreach (var f in files)
        {
            var inTest = f.Lines.Where(l => split[l.Id] == Split.Test).ToList();
            LabelAgreement? annotator = null, modelAgreement = null;
            if (inTest.Count > 0)
            {
                annotator = LabelAgreement.Measure(ReliabilityReport.CorpusName, f.Name,
                    inTest.Select(l => Item(byId[l.Id], PassageLabels.Of(byId[l.Id]), Labels(l, byId))).ToList(), resamples, seed, f.Tasks);
                modelAgreement = LabelAgreement.Measure(ReliabilityReport.CorpusName, ReliabilityReport.ModelName,
                    inTest.Select(l => Item(byId[l.Id], PassageLabels.Of(byId[l.Id]), predicted[l.Id])).ToList(), resamples, seed);
            }
            perFile.Add(new ModelOnSample(f.Name, f.Lines.Count, inTest.Count, f.Lines.Count - inTest.Count, annotator, modelAgreement));
        }
        return new ModelSide(model.Version, perFile);
    }

    private static PassageLabels Labels(SecondAnnotation l, Dictionary<string, AnnotatedPassage> byId) => PassageLabels.Of(l, PassageLabels.Of(byId[l.Id]));

    private static LabelAgreement.Item Item(AnnotatedPassage p, PassageLabels reference, PassageLabels other) => new(p.Language, reference, other);
}
