using NlpPipeline.Core.Labels;

namespace NlpPipeline.Tests.Classification;

/// <summary>Per-topic vectors in the order of <see cref="LabelNames.Topics"/>, for tests of topic decisions.</summary>
internal static class TopicVectors
{
    public static List<Topic> All { get; } = [.. LabelNames.Topics.All];

    /// <summary>A probability per topic: the given ones, 0 elsewhere.</summary>
    public static float[] Probs(params (Topic Topic, float P)[] set)
    {
        var p = new float[All.Count];
        foreach (var (topic, value) in set) p[All.IndexOf(topic)] = value;
        return p;
    }
}
