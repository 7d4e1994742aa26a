using System.Text.Json.Serialization;
using NlpPipeline.Core.Annotation;
using NlpPipeline.Core.Labels;

namespace NlpPipeline.Classification.Evaluation;

/// <summary>
/// One single-label task (intent or sentiment) between a reference and another labelling of the same passages:
/// observed agreement (the share labelled the same; the accuracy when the reference is gold), Cohen's kappa
/// (null when chance agreement is total) and macro-F1 with the reference as gold, both figures with their
/// 95 % bootstrap intervals.
/// </summary>
public sealed record NominalAgreement(Estimate Observed, double? Kappa, Estimate MacroF1);

/// <summary>One topic as a yes/no decision: how often both, only the reference, only the other, or neither tagged it, and Cohen's kappa.</summary>
public sealed record TopicKappa(string Topic, int Both, int ReferenceOnly, int OtherOnly, int Neither, double? Kappa);

/// <summary>Topics between two labellings: micro- and macro-F1 with the reference as gold (95 % bootstrap intervals), and each topic's kappa.</summary>
public sealed record TopicsAgreement(Estimate MicroF1, Estimate MacroF1, IReadOnlyList<TopicKappa> PerTopic);

/// <summary>Every figure of one group of passages (<c>all</c>, or one language); a task is null when it is not compared
/// (a partial reading on either side leaves it out).</summary>
public sealed record GroupAgreement(string Language, int Passages, NominalAgreement? Intent, NominalAgreement? Sentiment, TopicsAgreement? Topics);

/// <summary>
/// How far <see cref="Other"/> agrees with <see cref="Reference"/> on the same passages: every figure over all of them
/// and per language, and the confusion of reference (rows) against other (columns) for intent and sentiment.
/// F1 takes the reference as gold, as <c>nlp evaluate</c> takes the corpus, so the figures of a second annotator
/// and of the model read side by side; observed agreement and kappa are symmetric. Only the <see cref="Tasks"/> compared
/// (those both sides label: a partial reading gives topics or sentiment alone) have figures; the others, and their
/// confusions, are null.
/// </summary>
public sealed record LabelAgreement(string Reference, string Other, int Passages, [property: JsonIgnore] LabelTasks Tasks, IReadOnlyList<GroupAgreement> Groups,
    ConfusionMatrix? IntentConfusion, ConfusionMatrix? SentimentConfusion)
{
    public const string All = "all";

    [JsonIgnore]
    public GroupAgreement Overall => Groups[0];

    /// <summary>The compared tasks' field names, as the JSON report gives them.</summary>
    public IReadOnlyList<string> Compared => Tasks.ToWire();

    /// <summary>One passage as both labellings give it, with its language (the corpus's).</summary>
    public sealed record Item(Language Language, PassageLabels Reference, PassageLabels Other);

    public static LabelAgreement Measure(string reference, string other, IReadOnlyList<Item> items, int resamples, int seed,
        LabelTasks tasks = LabelTasks.All)
    {
        if (items.Count == 0) throw new ArgumentException("No passages to compare.", nameof(items));
        if (tasks == LabelTasks.None) throw new ArgumentException("No task to compare.", nameof(tasks));
        var groups = new List<GroupAgreement> { Group(All, items, resamples, seed, tasks) };
        groups.AddRange(LabelNames.Languages.All.Select(l => (Language: l, Items: items.Where(i => i.Language == l).ToList()))
            .Where(g => g.Items.Count > 0)
            .Select(g => Group(g.Language.ToWire(), g.Items, resamples, seed, tasks)));
        return new LabelAgreement(reference, other, items.Count, tasks, groups,
            tasks.HasFlag(LabelTasks.Intent) ? ConfusionMatrix.Of(LabelNames.Intents, items.Select(i => (i.Reference.Intent, i.Other.Intent))) : null,
            tasks.HasFlag(LabelTasks.Sentiment) ? ConfusionMatrix.Of(LabelNames.Sentiments, items.Select(i => (i.Reference.Sentiment, i.Other.Sentiment))) : null);
    }

    private static GroupAgreement Group(string language, IReadOnlyList<Item> items, int resamples, int seed, LabelTasks tasks)
    {
        var f = Bootstrap.Estimate(items.Select(i => i.Reference).ToList(), items.Select(i => i.Other).ToList(), resamples, seed);
        return new GroupAgreement(language, items.Count,
            tasks.HasFlag(LabelTasks.Intent)
                ? new NominalAgreement(f.IntentAccuracy, Round(Agreement.CohenKappa(items.Select(i => (i.Reference.Intent, i.Other.Intent)).ToList())), f.IntentMacroF1)
                : null,
            tasks.HasFlag(LabelTasks.Sentiment)
                ? new NominalAgreement(f.SentimentAccuracy, Round(Agreement.CohenKappa(items.Select(i => (i.Reference.Sentiment, i.Other.Sentiment)).ToList())), f.SentimentMacroF1)
                : null,
            tasks.HasFlag(LabelTasks.Topics)
                ? new TopicsAgreement(f.TopicMicroF1, f.TopicMacroF1, LabelNames.Topics.All.Select(t => Topic(t, items)).ToList())
                : null);
    }

    private static TopicKappa Topic(Topic topic, IReadOnlyList<Item> items)
    {
        var pairs = items.Select(i => (A: i.Reference.Topics.Contains(topic), B: i.Other.Topics.Contains(topic))).ToList();
        return new TopicKappa(topic.ToWire(), pairs.Count(p => p.A && p.B), pairs.Count(p => p.A && !p.B), pairs.Count(p => !p.A && p.B),
            pairs.Count(p => !p.A && !p.B), Round(Agreement.CohenKappa(pairs)));
    }

    private static double? Round(double? v) => v is { } x ? Math.Round(x, 4) : null;
}
