namespace NlpPipeline.Storage;

/// <summary>
/// The near-duplicate band rows of documents stored by <see cref="DocumentStore.SaveAll"/> that are not yet in
/// <c>document_bands</c>, held in memory so lookups see them: band key → the documents with that key, newest first, as
/// chains in flat arrays (about 45 bytes a row, no object per row). <see cref="DocumentStore"/> writes them to
/// <c>document_bands</c> sorted by key, which touches each page of that index once instead of once per row.
/// </summary>
internal sealed class PendingBands
{
    private readonly Dictionary<long, int> _head = [];
    private long[] _keys = new long[4096];
    private long[] _documents = new long[4096];
    private int[] _next = new int[4096];

    public int Count { get; private set; }

    /// <summary>Adds a document's band keys; a key it already has is not added twice (as INSERT OR IGNORE would not).</summary>
    public void Add(long documentId, IReadOnlyList<long> keys)
    {
        foreach (var key in keys)
        {
            var head = _head.TryGetValue(key, out var h) ? h : -1;
            if (head >= 0 && _documents[head] == documentId) continue;   // a document's rows are added together, so its own row is the head
            if (Count == _keys.Length) Grow();
            _keys[Count] = key;
            _documents[Count] = documentId;
            _next[Count] = head;
            _head[key] = Count;
            Count++;
        }
    }

    /// <summary>Adds to <paramref name="shared"/> how many of the distinct <paramref name="keys"/> each pending document has.</summary>
    public void CountShared(IReadOnlyList<long> keys, Dictionary<long, int> shared)
    {
        for (var i = 0; i < keys.Count; i++)
        {
            var key = keys[i];
            var seen = false;
            for (var j = 0; j < i && !seen; j++) seen = keys[j] == key;
            if (seen || !_head.TryGetValue(key, out var row)) continue;
            for (; row >= 0; row = _next[row]) shared[_documents[row]] = shared.GetValueOrDefault(_documents[row]) + 1;
        }
    }

    /// <summary>Adds every pending key to <paramref name="filter"/>.</summary>
    public void AddKeysTo(BandKeyFilter filter)
    {
        for (var i = 0; i < Count; i++) filter.Add(_keys[i]);
    }

    /// <summary>Every pending row, sorted by band key, then document id (the primary key order of <c>document_bands</c>).</summary>
    public (long Key, long DocumentId)[] Sorted()
    {
        var rows = new (long Key, long DocumentId)[Count];
        for (var i = 0; i < Count; i++) rows[i] = (_keys[i], _documents[i]);
        Array.Sort(rows);
        return rows;
    }

    public void Clear()
    {
        _head.Clear();
        _head.TrimExcess();
        _keys = new long[4096];
        _documents = new long[4096];
        _next = new int[4096];
        Count = 0;
    }

    private void Grow()
    {
        Array.Resize(ref _keys, _keys.Length * 2);
        Array.Resize(ref _documents, _documents.Length * 2);
        Array.Resize(ref _next, _next.Length * 2);
    }
}
