namespace NlpPipeline.Core.Labels;

/// <summary>
/// The document-level strength order of LABELS.md:
/// none &lt; discussion &lt; staying &lt; considering &lt; planning &lt; departed.
/// Written out explicitly; never the enum's numbering.
/// </summary>
public static class IntentOrder
{
    public static int Strength(Intent intent) => intent switch
    {
        Intent.None => 0,
        Intent.Discussion => 1,
        Intent.Staying => 2,
        Intent.Considering => 3,
        Intent.Planning => 4,
        Intent.Departed => 5,
        _ => throw new ArgumentOutOfRangeException(nameof(intent), intent, null),
    };

    public static Intent Strongest(IEnumerable<Intent> intents)
    {
        var best = Intent.None;
        foreach (var i in intents)
            if (Strength(i) > Strength(best)) best = i;
        return best;
    }
}
