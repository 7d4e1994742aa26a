using Microsoft.ML;
using NlpPipeline.Classification.Features;
using NlpPipeline.Core.Labels;

namespace NlpPipeline.Classification.Training;

/// <summary>
/// Sentence-level topic scores of a fitted model (<see cref="SentenceTopicScoring"/>): each passage's prepared text is split
/// (<see cref="PreparedSentenceSplitter"/>), every piece is featurized with the passage's source kind by the model's featurizer and scored
/// by each topic's uncalibrated linear learner (<see cref="FittedModel.TopicScorers"/>).
/// </summary>
public static class SentenceTopicScores
{
    /// <summary>
    /// Per passage and topic, the largest raw score of the passage's sentences; a passage of one piece gets its own raw score
    /// (<paramref name="passageRaw"/>, [passage][topic]). The caller turns it into log-odds by the topic's training sigmoid, whose
    /// slope is negative for a learner whose score rises with the topic (Platt's p = 1 / (1 + exp(A·s + B)) with A &lt; 0), so the
    /// largest score is also the largest log-odds.
    /// </summary>
    public static float[][] MaxRaw(MLContext ml, FittedModel model, IReadOnlyList<(string Prepared, SourceKind? Kind)> passages, float[][] passageRaw,
        bool pairs = false)
    {
        var (pieces, owner) = Pieces(passages, pairs);
        var scores = pieces.Count == 0 ? [] : ModelFitter.TopicScores(ml, model, pieces);
        var result = passageRaw.Select(r => (float[])r.Clone()).ToArray();
        var seen = new bool[passages.Count];
        for (var j = 0; j < pieces.Count; j++)
        {
            var i = owner[j];
            if (!seen[i]) { scores[j].CopyTo(result[i], 0); seen[i] = true; continue; }
            for (var t = 0; t < scores[j].Length; t++) result[i][t] = Math.Max(result[i][t], scores[j][t]);
        }
        return result;
    }

    /// <summary>
    /// The pieces of every passage that splits into more than one, with their passage's kind, and for each piece the index of its
    /// passage; a passage of one piece contributes none (its sentence score is its own score).
    /// </summary>
    public static (List<(string Prepared, SourceKind? Kind)> Pieces, List<int> Owner) Pieces(IReadOnlyList<(string Prepared, SourceKind? Kind)> passages,
        bool pairs = false)
    {
        var pieces = new List<(string, SourceKind?)>();
        var owner = new List<int>();
        for (var i = 0; i < passages.Count; i++)
        {
            var split = Of(passages[i].Prepared, pairs);
            if (split.Count < 2) continue;
            foreach (var piece in split)
            {
                pieces.Add((piece, passages[i].Kind));
                owner.Add(i);
            }
        }
        return (pieces, owner);
    }

    /// <summary>The sentences of a prepared text, and with <paramref name="pairs"/> (and more than two sentences) each two adjacent ones joined too.</summary>
    public static IReadOnlyList<string> Of(string prepared, bool pairs)
    {
        var sentences = PreparedSentenceSplitter.Split(prepared);
        if (!pairs || sentences.Count < 3) return sentences;
        return [.. sentences, .. Enumerable.Range(0, sentences.Count - 1).Select(j => sentences[j] + " " + sentences[j + 1])];
    }
}
