namespace NlpPipeline.Storage;

/// <summary>
/// The near-duplicate band rows of documents stored by <see cref="DocumentStore.SaveAll"/> that are not yet in
/// <c>document_bands</c>, held in memory so lookups see them: band key → the documents with that key, newest first, as
/// chains in flat arrays (about 45 bytes a row, no object per row). <see cref="DocumentStore"/> writes them to
/// <c>document_bands</c> sorted by key, which touches each page of that index once instead of once per row.
/// </summary>
internal sealed class PendingBands
{
    /// <summary>Band key → its newest row: an open-addressed table (linear probing, at most three quarters full) of key and
    /// row + 1 side by side (0: an empty slot), so a look-up in a table of millions of keys is about one cache miss, where a
    /// <see cref="Dictionary{TKey, TValue}"/> took two for the look-up and two again to set the head.</summary>
    private Slot[] _slots = new Slot[InitialSlots];
    private int _used;

    private const int InitialSlots = 4096;

    private struct Slot
    {
        public long Key;
        public int HeadPlusOne;
    }

    /// <summary>The slot of <paramref name="key"/>: the one holding it, or the empty one where it goes. Keys are 64-bit hashes
    /// already, so their low bits (mixed with the high ones) pick the slot.</summary>
    private int SlotOf(long key)
    {
        var mask = _slots.Length - 1;
        var i = (int)((ulong)key ^ ((ulong)key >> 32)) & mask;
        while (_slots[i].HeadPlusOne != 0 && _slots[i].Key != key) i = (i + 1) & mask;
        return i;
    }

    private int HeadOf(long key) => _slots[SlotOf(key)].HeadPlusOne - 1;
    private long[] _keys = new long[4096];
    private long[] _documents = new long[4096];
    private int[] _next = new int[4096];

    public int Count { get; private set; }

    /// <summary>Adds a document's band keys; a key it already has is not added twice (as INSERT OR IGNORE would not).</summary>
    public void Add(long documentId, IReadOnlyList<long> keys)
    {
        foreach (var key in keys)
        {
            var slot = SlotOf(key);
            var head = _slots[slot].HeadPlusOne - 1;
            if (head >= 0 && _documents[head] == documentId) continue;   // a document's rows are added together, so its own row is the head
            if (Count == _keys.Length) Grow();
            _keys[Count] = key;
            _documents[Count] = documentId;
            _next[Count] = head;
            _slots[slot] = new Slot { Key = key, HeadPlusOne = Count + 1 };
            Count++;
            if (head < 0 && ++_used > _slots.Length / 4 * 3) GrowSlots();
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
            if (seen) continue;
            for (var row = HeadOf(key); row >= 0; row = _next[row]) shared[_documents[row]] = shared.GetValueOrDefault(_documents[row]) + 1;
        }
    }

    /// <summary>Adds every pending key to <paramref name="filter"/>.</summary>
    public void AddKeysTo(BandKeyFilter filter)
    {
        for (var i = 0; i < Count; i++) filter.Add(_keys[i]);
    }

    /// <summary>Every pending row, sorted by band key, then document id (the primary key order of <c>document_bands</c>).
    /// A large set is sorted as two halves, one of them on a pool thread, merged as the rows are read: the flush at the end of
    /// a load has the second core to itself.</summary>
    public SortedBandRows Sorted()
    {
        var keys = _keys.AsSpan(0, Count).ToArray();
        var documents = _documents.AsSpan(0, Count).ToArray();
        if (Count < ParallelSortRows)
        {
            SortedBandRows.SortRun(keys, documents, 0, Count);
            return new SortedBandRows(keys, documents, Count);
        }
        var half = Count / 2;
        var second = Task.Run(() => SortedBandRows.SortRun(keys, documents, half, keys.Length - half));
        SortedBandRows.SortRun(keys, documents, 0, half);
        second.GetAwaiter().GetResult();
        return new SortedBandRows(keys, documents, half);
    }

    /// <summary>Rows from which <see cref="Sorted"/> sorts on two threads; below, starting a task costs more than it saves.</summary>
    internal const int ParallelSortRows = 100_000;

    public void Clear()
    {
        _slots = new Slot[InitialSlots];
        _used = 0;
        _keys = new long[4096];
        _documents = new long[4096];
        _next = new int[4096];
        Count = 0;
    }

    /// <summary>Doubles the table and puts every key back (each key's head row moves with it).</summary>
    private void GrowSlots()
    {
        var old = _slots;
        _slots = new Slot[old.Length * 2];
        foreach (var slot in old)
            if (slot.HeadPlusOne != 0) _slots[SlotOf(slot.Key)] = slot;
    }

    private void Grow()
    {
        Array.Resize(ref _keys, _keys.Length * 2);
        Array.Resize(ref _documents, _documents.Length * 2);
        Array.Resize(ref _next, _next.Length * 2);
    }
}
