using System.Text.Json;
using System.Text.RegularExpressions;
using NlpPipeline.Core.Labels;
using NlpPipeline.Core.Text;

namespace NlpPipeline.Classification.Evaluation;

/// <summary>
/// The keyword baseline of <c>nlp evaluate</c>: a small hand-written lexicon per language
/// (<c>KeywordLexicon.json</c>, embedded). Intent: the label with the most keyword hits (ties go to the
/// label furthest along considering → planning → departed, then staying, then discussion), none without
/// hits. Sentiment: negative or positive by the larger hit count, neutral on a tie. Topics: every topic
/// with a hit. The lexicons of all three languages are used together; each matches its own language.
/// </summary>
public sealed partial class KeywordBaseline
{
    public const string Description = "hand-written keyword lexicon per language (kk, ru, en), most hits wins";

    private static readonly Intent[] TieOrder = [Intent.Departed, Intent.Planning, Intent.Considering, Intent.Staying, Intent.Discussion];

    private readonly List<(Intent Label, string Key)> _intent = [];
    private readonly List<(Sentiment Label, string Key)> _sentiment = [];
    private readonly List<(Topic Label, string Key)> _topics = [];
    private readonly LanguageIdentifier _languages = new();

    public KeywordBaseline()
    {
        using var stream = typeof(KeywordBaseline).Assembly.GetManifestResourceStream("NlpPipeline.Classification.Evaluation.KeywordLexicon.json")
            ?? throw new InvalidOperationException("The keyword lexicon is not embedded in this build.");
        using var doc = JsonDocument.Parse(stream);
        foreach (var language in doc.RootElement.EnumerateObject().Where(p => !p.Name.StartsWith('_')))
        {
            Read(language.Value.GetProperty("intent"), LabelNames.Intents, _intent);
            Read(language.Value.GetProperty("sentiment"), LabelNames.Sentiments, _sentiment);
            Read(language.Value.GetProperty("topics"), LabelNames.Topics, _topics);
        }
    }

    public int Entries => _intent.Count + _sentiment.Count + _topics.Count;

    private static void Read<T>(JsonElement block, WireNames<T> names, List<(T, string)> into) where T : struct, Enum
    {
        foreach (var label in block.EnumerateObject())
        {
            if (!names.TryParse(label.Name, out var value)) throw new InvalidOperationException($"Keyword lexicon: unknown label '{label.Name}'.");
            into.AddRange(label.Value.EnumerateArray().Select(k => (value, k.GetString()!)));
        }
    }

    public PassageLabels Predict(string text)
    {
        var prepared = " " + string.Join(' ', Words().Split(ClassifierText.Prepare(text, _languages)).Where(w => w.Length > 0)) + " ";
        var intentHits = Count(_intent, prepared);
        var intent = intentHits.Count == 0 ? Intent.None
            : TieOrder.Where(intentHits.ContainsKey).MaxBy(l => intentHits[l]);
        var sentimentHits = Count(_sentiment, prepared);
        var negative = sentimentHits.GetValueOrDefault(Sentiment.Negative);
        var positive = sentimentHits.GetValueOrDefault(Sentiment.Positive);
        var sentiment = negative > positive ? Sentiment.Negative : positive > negative ? Sentiment.Positive : Sentiment.Neutral;
        return new PassageLabels(intent, sentiment, Count(_topics, prepared).Keys.ToHashSet());
    }

    private static Dictionary<T, int> Count<T>(List<(T Label, string Key)> lexicon, string prepared) where T : notnull
    {
        var hits = new Dictionary<T, int>();
        foreach (var (label, key) in lexicon)
        {
            var n = 0;
            for (var at = prepared.IndexOf(" " + key, StringComparison.Ordinal); at >= 0; at = prepared.IndexOf(" " + key, at + 1, StringComparison.Ordinal)) n++;
            if (n > 0) hits[label] = hits.GetValueOrDefault(label) + n;
        }
        return hits;
    }

    [GeneratedRegex(@"[^\p{L}\p{N}\-]+")]
    private static partial Regex Words();
}
