using System.Globalization;
using Parquet;
using Parquet.Schema;

namespace NlpPipeline.Core.Export;

/// <summary>
/// One typed column of a flat export table over rows of <typeparamref name="T"/>: its name, its Parquet type and
/// how a row's value is read and written as CSV text. A column holds no state: each Parquet write gets its own
/// buffers (<see cref="CreateBuffer"/>), so one column list can serve any number of exports, even at once.
/// </summary>
public abstract class TableColumn<T>(string name)
{
    public string Name { get; } = name;

    internal abstract DataField Field { get; }

    /// <summary>The value as a CSV field (RFC 4180 quoting is the CSV writer's job); empty for null.</summary>
    public abstract string Text(T row);

    /// <summary>The typed value (long, double, string, DateOnly or DateTimeOffset), or null; for JSON writers.</summary>
    public abstract object? Value(T row);

    /// <summary>A buffer of one row group's values of this column, reused from group to group (memory stays flat).</summary>
    internal abstract ColumnBuffer CreateBuffer();

    internal abstract class ColumnBuffer
    {
        public abstract void Add(T row);

        /// <summary>Writes the buffered values as this column of <paramref name="group"/> and empties the buffer.</summary>
        public abstract Task FlushAsync(ParquetRowGroupWriter group, CancellationToken ct);
    }

    /// <summary>64-bit integer, nullable.</summary>
    public static TableColumn<T> Int64(string name, Func<T, long?> get) =>
        new Typed<long>(name, new DataField<long?>(name), get, v => v.ToString(CultureInfo.InvariantCulture));

    /// <summary>Double, nullable; CSV text rounded to <paramref name="decimals"/> places (the Parquet value is exact).</summary>
    public static TableColumn<T> Double(string name, Func<T, double?> get, int decimals = 6) =>
        new Typed<double>(name, new DataField<double?>(name), get, v => Csv.Number(v, "0." + new string('#', decimals)));

    /// <summary>UTF-8 string, nullable.</summary>
    public static TableColumn<T> String(string name, Func<T, string?> get) => new Strings(name, get);

    /// <summary>
    /// An instant: a Parquet timestamp (milliseconds, adjusted to UTC); in CSV, ISO 8601 with the value's own offset
    /// (so the publisher's local time stays readable).
    /// </summary>
    public static TableColumn<T> Timestamp(string name, Func<T, DateTimeOffset?> get) =>
        new Instants(name, get);

    /// <summary>A calendar date (Parquet DATE); in CSV, yyyy-MM-dd.</summary>
    public static TableColumn<T> Date(string name, Func<T, DateOnly?> get) =>
        new Typed<DateOnly>(name, new DataField<DateOnly?>(name), get, v => v.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    private sealed class Typed<TValue>(string name, DataField parquetField, Func<T, TValue?> get, Func<TValue, string> text)
        : TableColumn<T>(name) where TValue : struct
    {
        internal override DataField Field => parquetField;
        public override string Text(T row) => get(row) is { } v ? text(v) : "";
        public override object? Value(T row) => get(row);
        internal override ColumnBuffer CreateBuffer() => new Values<TValue>(parquetField, get);
    }

    private sealed class Values<TValue>(DataField field, Func<T, TValue?> get) : ColumnBuffer where TValue : struct
    {
        private readonly List<TValue?> _values = [];
        public override void Add(T row) => _values.Add(get(row));

        public override async Task FlushAsync(ParquetRowGroupWriter group, CancellationToken ct)
        {
            await group.WriteAsync<TValue>(field, _values.ToArray().AsMemory(), null, null, ct);
            _values.Clear();
        }
    }

    private sealed class Strings(string name, Func<T, string?> get) : TableColumn<T>(name)
    {
        internal override DataField Field { get; } = new DataField<string>(name, true);
        public override string Text(T row) => get(row) ?? "";
        public override object? Value(T row) => get(row);
        internal override ColumnBuffer CreateBuffer() => new StringValues(Field, get);
    }

    private sealed class StringValues(DataField field, Func<T, string?> get) : ColumnBuffer
    {
        private readonly List<string?> _values = [];
        public override void Add(T row) => _values.Add(get(row));

        public override async Task FlushAsync(ParquetRowGroupWriter group, CancellationToken ct)
        {
            await group.WriteAsync(field, _values!, null);
            _values.Clear();
        }
    }

    private sealed class Instants(string name, Func<T, DateTimeOffset?> get) : TableColumn<T>(name)
    {
        internal override DataField Field { get; } =
            new DateTimeDataField(name, DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Millis, isNullable: true);
        public override string Text(T row) => get(row) is { } v ? v.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture) : "";
        public override object? Value(T row) => get(row);
        internal override ColumnBuffer CreateBuffer() => new Values<DateTime>(Field, row => get(row)?.UtcDateTime);
    }
}
