namespace NlpPipeline.Core.Labels;

/// <summary>
/// The three labelling tasks of LABELS.md as a set: a full annotation labels all three; a partial reading (such as the
/// blind topic and sentiment readings of GUIDELINES §9 and §10) labels some of them and is compared on those alone.
/// </summary>
[Flags]
public enum LabelTasks
{
    None = 0,
    Intent = 1,
    Sentiment = 2,
    Topics = 4,
    All = Intent | Sentiment | Topics,
}

public static class LabelTaskNames
{
    private static readonly (LabelTasks Task, string Field)[] Fields =
        [(LabelTasks.Intent, "intent"), (LabelTasks.Topics, "topics"), (LabelTasks.Sentiment, "sentiment")];

    /// <summary>The tasks' field names in an annotated line, in the order LABELS.md writes them.</summary>
    public static IReadOnlyList<string> ToWire(this LabelTasks tasks) =>
        Fields.Where(f => tasks.HasFlag(f.Task)).Select(f => f.Field).ToList();

    /// <summary>"intent, sentiment", "topics", …: the field names joined, for messages and tables.</summary>
    public static string Describe(this LabelTasks tasks) => tasks == LabelTasks.None ? "no labels" : string.Join(", ", tasks.ToWire());
}
