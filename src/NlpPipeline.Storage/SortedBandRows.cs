using System.Collections;

namespace NlpPipeline.Storage;

/// <summary>
/// Pending band rows in the primary key order of <c>document_bands</c> (band key, then document id), for a flush: two
/// runs, each sorted, merged as they are read, so the two halves can be sorted on two threads and no merged copy is made.
/// </summary>
internal sealed class SortedBandRows : IEnumerable<(long Key, long DocumentId)>
{
    private readonly long[] _keys;
    private readonly long[] _documents;
    private readonly int _split;

    /// <summary>Rows below <paramref name="split"/> and rows from it on are each sorted by key, then document id.</summary>
    public SortedBandRows(long[] keys, long[] documents, int split)
    {
        if (keys.Length != documents.Length || split < 0 || split > keys.Length) throw new ArgumentException("Runs do not match their rows.");
        (_keys, _documents, _split) = (keys, documents, split);
    }

    public int Count => _keys.Length;

    /// <summary>Sorts rows <paramref name="start"/> to <paramref name="start"/> + <paramref name="length"/> by key, then
    /// document id: by key with the document ids moved along, then the document ids of rows sharing a key (few: band keys
    /// are 64-bit hashes, so rows share one only when documents share a band).</summary>
    public static void SortRun(long[] keys, long[] documents, int start, int length)
    {
        Array.Sort(keys, documents, start, length);
        var end = start + length;
        for (var i = start; i < end;)
        {
            var j = i + 1;
            while (j < end && keys[j] == keys[i]) j++;
            if (j - i > 1) Array.Sort(documents, i, j - i);
            i = j;
        }
    }

    public Enumerator GetEnumerator() => new(this);

    IEnumerator<(long Key, long DocumentId)> IEnumerable<(long Key, long DocumentId)>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Merges the two runs: the smaller head row next.</summary>
    public struct Enumerator(SortedBandRows rows) : IEnumerator<(long Key, long DocumentId)>
    {
        private int _first = 0, _second = rows._split;

        public (long Key, long DocumentId) Current { get; private set; }

        readonly object IEnumerator.Current => Current;

        public bool MoveNext()
        {
            var keys = rows._keys;
            var documents = rows._documents;
            bool firstLeft = _first < rows._split, secondLeft = _second < keys.Length;
            if (!firstLeft && !secondLeft) return false;
            var takeFirst = firstLeft && (!secondLeft || keys[_first] < keys[_second] || (keys[_first] == keys[_second] && documents[_first] <= documents[_second]));
            var i = takeFirst ? _first++ : _second++;
            Current = (keys[i], documents[i]);
            return true;
        }

        public void Reset() => (_first, _second) = (0, rows._split);

        public readonly void Dispose() { }
    }
}
