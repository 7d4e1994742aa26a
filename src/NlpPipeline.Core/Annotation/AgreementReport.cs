using NlpPipeline.Core.Labels;

namespace NlpPipeline.Core.Annotation;

/// <summary>One annotator's labels of one passage.</summary>
public sealed record AnnotatorLabels(long PassageId, string Annotator, AnnotationLabels Labels);

/// <summary>Cohen's kappa of two annotators on the items both labelled.</summary>
public sealed record PairAgreement(string A, string B, int Items, double? Kappa);

/// <summary>
/// Agreement on one task (or one topic): Krippendorff's alpha over every passage with two or more
/// annotators (<see cref="Items"/> of them) and Cohen's kappa for each pair of annotators.
/// </summary>
public sealed record TaskAgreement(string Task, int Items, double? Alpha, IReadOnlyList<PairAgreement> Pairs);

/// <summary>A passage the annotators labelled differently, with every annotator's labels and the tasks that differ.</summary>
public sealed record Disagreement(long PassageId, IReadOnlyList<string> Tasks, IReadOnlyList<(string Annotator, AnnotationLabels Labels)> Labels);

/// <summary>
/// Agreement per task over passages labelled by two or more annotators. Intent and sentiment are nominal.
/// Topics are multi-label, so each topic is scored as its own yes/no task (is the topic tagged?), and the
/// line <c>topics (pooled)</c> pools those yes/no decisions: every (passage, topic) pair is one unit. That
/// keeps alpha and kappa in their textbook nominal form (no set-distance metric such as MASI) and shows
/// which topics annotators read differently.
/// </summary>
public sealed record AgreementReport(int Passages, IReadOnlyList<string> Annotators, IReadOnlyList<TaskAgreement> Tasks, IReadOnlyList<Disagreement> Disagreements)
{
    public const string IntentTask = "intent";
    public const string SentimentTask = "sentiment";
    public const string TopicsTask = "topics";
    public const string PooledTopics = "topics (pooled)";

    public TaskAgreement Task(string name) => Tasks.First(t => t.Task == name);

    public static AgreementReport From(IEnumerable<AnnotatorLabels> annotations)
    {
        var byPassage = annotations.GroupBy(a => a.PassageId)
            .Where(g => g.Select(a => a.Annotator).Distinct().Count() >= 2)
            .OrderBy(g => g.Key)
            .ToDictionary(g => g.Key, g => g.GroupBy(a => a.Annotator, StringComparer.Ordinal).Select(x => x.Last()).OrderBy(a => a.Annotator, StringComparer.Ordinal).ToList());
        var annotators = byPassage.Values.SelectMany(v => v.Select(a => a.Annotator)).Distinct().Order(StringComparer.Ordinal).ToList();
        var tasks = new List<TaskAgreement>
        {
            Score(IntentTask, byPassage, l => l.Intent.ToWire(), annotators),
            Score(SentimentTask, byPassage, l => l.Sentiment.ToWire(), annotators),
            ScorePooledTopics(byPassage, annotators),
        };
        tasks.AddRange(LabelNames.Topics.All.Select(t => Score($"{TopicsTask}: {t.ToWire()}", byPassage, l => l.Topics.Contains(t) ? "yes" : "no", annotators)));
        var disagreements = new List<Disagreement>();
        foreach (var (passage, labels) in byPassage)
        {
            var differ = new List<string>();
            if (labels.Select(a => a.Labels.Intent).Distinct().Count() > 1) differ.Add(IntentTask);
            if (labels.Select(a => a.Labels.Topics.Count == 0 ? "" : a.Labels.TopicsCell).Distinct().Count() > 1) differ.Add(TopicsTask);
            if (labels.Select(a => a.Labels.Sentiment).Distinct().Count() > 1) differ.Add(SentimentTask);
            if (differ.Count > 0) disagreements.Add(new Disagreement(passage, differ, labels.Select(a => (a.Annotator, a.Labels)).ToList()));
        }
        return new AgreementReport(byPassage.Count, annotators, tasks, disagreements);
    }

    private static TaskAgreement Score(string task, Dictionary<long, List<AnnotatorLabels>> byPassage, Func<AnnotationLabels, string> value, List<string> annotators)
    {
        var alpha = Agreement.KrippendorffAlpha(byPassage.Values.Select(v => (IReadOnlyList<string>)v.Select(a => value(a.Labels)).ToList()));
        return new TaskAgreement(task, byPassage.Count, alpha, Pairs(byPassage, annotators, (a, b) => [(value(a), value(b))]));
    }

    private static TaskAgreement ScorePooledTopics(Dictionary<long, List<AnnotatorLabels>> byPassage, List<string> annotators)
    {
        var units = byPassage.Values.SelectMany(v => LabelNames.Topics.All.Select(t => (IReadOnlyList<bool>)v.Select(a => a.Labels.Topics.Contains(t)).ToList()));
        var pairs = Pairs(byPassage, annotators, (a, b) => LabelNames.Topics.All.Select(t => (a.Topics.Contains(t) ? "yes" : "no", b.Topics.Contains(t) ? "yes" : "no")));
        return new TaskAgreement(PooledTopics, byPassage.Count, Agreement.KrippendorffAlpha(units), pairs);
    }

    private static List<PairAgreement> Pairs(Dictionary<long, List<AnnotatorLabels>> byPassage, List<string> annotators,
        Func<AnnotationLabels, AnnotationLabels, IEnumerable<(string, string)>> values)
    {
        var result = new List<PairAgreement>();
        for (var i = 0; i < annotators.Count; i++)
            for (var j = i + 1; j < annotators.Count; j++)
            {
                var (x, y) = (annotators[i], annotators[j]);
                var both = byPassage.Values
                    .Select(v => (A: v.FirstOrDefault(a => a.Annotator == x), B: v.FirstOrDefault(a => a.Annotator == y)))
                    .Where(p => p.A is not null && p.B is not null).ToList();
                if (both.Count == 0) continue;
                var pairs = both.SelectMany(p => values(p.A!.Labels, p.B!.Labels)).ToList();
                result.Add(new PairAgreement(x, y, both.Count, Agreement.CohenKappa(pairs)));
            }
        return result;
    }
}
