namespace NlpPipeline.Classification.Schema;

/// <summary>
/// A training row with every task's label: intent and sentiment by wire name, one boolean per topic
/// (LABELS.md order), so the text is featurized once and every learner reads its own label column.
/// </summary>
internal class LabelledText
{
    public string Text { get; set; } = "";
    public string Intent { get; set; } = "";
    public string Sentiment { get; set; } = "";
    public bool Topic00 { get; set; }
    public bool Topic01 { get; set; }
    public bool Topic02 { get; set; }
    public bool Topic03 { get; set; }
    public bool Topic04 { get; set; }
    public bool Topic05 { get; set; }
    public bool Topic06 { get; set; }
    public bool Topic07 { get; set; }
    public bool Topic08 { get; set; }
    public bool Topic09 { get; set; }
    public bool Topic10 { get; set; }

    public static string TopicColumn(int index) => $"Topic{index:D2}";

    public bool HasTopic(int index) => index switch
    {
        0 => Topic00, 1 => Topic01, 2 => Topic02, 3 => Topic03, 4 => Topic04, 5 => Topic05,
        6 => Topic06, 7 => Topic07, 8 => Topic08, 9 => Topic09, 10 => Topic10,
        _ => throw new ArgumentOutOfRangeException(nameof(index), "LABELS.md has 11 topics"),
    };

    public void SetTopic(int index, bool value)
    {
        switch (index)
        {
            case 0: Topic00 = value; break;
            case 1: Topic01 = value; break;
            case 2: Topic02 = value; break;
            case 3: Topic03 = value; break;
            case 4: Topic04 = value; break;
            case 5: Topic05 = value; break;
            case 6: Topic06 = value; break;
            case 7: Topic07 = value; break;
            case 8: Topic08 = value; break;
            case 9: Topic09 = value; break;
            case 10: Topic10 = value; break;
            default: throw new ArgumentOutOfRangeException(nameof(index), "LABELS.md has 11 topics");
        }
    }
}

/// <summary>
/// A featurized training row (<c>HashedNgramFeaturizer</c>). The vector column has no slot names: a fitted learner
/// saves the schema it was trained on, so the model stays small.
/// </summary>
internal sealed class FeaturizedText : LabelledText
{
    public Microsoft.ML.Data.VBuffer<float> Features { get; set; }
}

