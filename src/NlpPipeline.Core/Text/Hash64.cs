using System.Runtime.CompilerServices;

namespace NlpPipeline.Core.Text;

/// <summary>64-bit mixing shared by the hashes of the near-duplicate keys and the store's key filters.</summary>
public static class Hash64
{
    /// <summary>The multipliers of <see cref="Mix"/> (a vectorised copy of it uses them too).</summary>
    public const ulong MixMultiplier1 = 0xBF58476D1CE4E5B9UL, MixMultiplier2 = 0x94D049BB133111EBUL;

    /// <summary>SplitMix64's finaliser: a fast 64-bit mixer with good avalanche.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * MixMultiplier1;
        z = (z ^ (z >> 27)) * MixMultiplier2;
        return z ^ (z >> 31);
    }
}
