using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Lucene.Net.Index;

namespace Portal.Search;

/// <summary>
/// Per-document values that every match of a search reads (the news date for the recency boost,
/// kind/programme/year for the facet counts), copied out of a segment's doc values into plain
/// arrays once per segment. Lucene.Net reads doc values from the index files on each call, which
/// measured at about 70 ns a value: for a word found in nearly all of 100,000 articles, reading
/// them took longer than matching the word. A segment never changes, so its arrays stay valid as
/// long as it lives; they are keyed by the segment's core and freed with it after a merge.
/// </summary>
public static class SegmentValues
{
    private static readonly ConditionalWeakTable<object, ConcurrentDictionary<string, object?>> BySegment = [];

    /// <summary>The numeric doc values of a field, 0 where a document has none; null when the segment has none at all.</summary>
    public static long[]? Int64s(AtomicReader segment, string field) =>
        Load(segment, "numeric:" + field, () => segment.GetNumericDocValues(field) is { } values ? Copy(segment.MaxDoc, values.Get) : null);

    /// <summary>The ordinal of each document's value in the field's sorted doc values, -1 for none.</summary>
    public static int[]? Ords(AtomicReader segment, string field) =>
        Load(segment, "sorted:" + field, () => segment.GetSortedDocValues(field) is { } values ? Copy(segment.MaxDoc, values.GetOrd) : null);

    private static T[]? Load<T>(AtomicReader segment, string key, Func<T[]?> copy) =>
        (T[]?)BySegment.GetValue(segment.CoreCacheKey, _ => new ConcurrentDictionary<string, object?>(StringComparer.Ordinal))
            .GetOrAdd(key, _ => copy());

    private static T[] Copy<T>(int documents, Func<int, T> valueOf)
    {
        var values = new T[documents];
        for (var doc = 0; doc < values.Length; doc++)
        {
            values[doc] = valueOf(doc);
        }

        return values;
    }
}
