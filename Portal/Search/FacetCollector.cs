using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Portal.Search;

/// <summary>The chosen filters: kind, programme slug, year; null means any.</summary>
public sealed record SearchFilters(string? Kind, string? Programme, string? Year);

/// <summary>
/// One pass over the matches that counts facets and collects the page. Each facet is counted
/// over the matches that pass the other facets' filters (not its own), so a chosen filter still
/// shows its alternatives with honest counts; only matches passing every filter reach the
/// top-documents collector. Counting reads the ordinals of kind, programme and year per segment
/// (<see cref="SegmentValues"/>), without loading stored fields.
/// </summary>
public sealed class FacetCollector(ICollector top, SearchFilters filters) : ICollector
{
    private static readonly string[] Fields = [SearchSchema.Kind, SearchSchema.Programme, SearchSchema.Year];

    private readonly Dictionary<string, int>[] _counts = [new(StringComparer.Ordinal), new(StringComparer.Ordinal), new(StringComparer.Ordinal)];
    private readonly string?[] _wanted = [filters.Kind, filters.Programme, filters.Year];
    private readonly SortedDocValues?[] _values = new SortedDocValues?[3];
    private readonly int[]?[] _ords = new int[]?[3];
    private readonly int[] _wantedOrds = new int[3];
    private int[][] _segmentCounts = [[], [], []];

    public IReadOnlyDictionary<string, int> Kinds => _counts[0];

    public IReadOnlyDictionary<string, int> Programmes => _counts[1];

    public IReadOnlyDictionary<string, int> Years => _counts[2];

    public int TotalMatching { get; private set; }

    public bool AcceptsDocsOutOfOrder => top.AcceptsDocsOutOfOrder;

    public void SetScorer(Scorer scorer) => top.SetScorer(scorer);

    public void SetNextReader(AtomicReaderContext context)
    {
        FlushSegment();
        for (var f = 0; f < Fields.Length; f++)
        {
            var values = context.AtomicReader.GetSortedDocValues(Fields[f]);
            _values[f] = values;
            _ords[f] = values is null ? null : SegmentValues.Ords(context.AtomicReader, Fields[f]);
            _segmentCounts[f] = new int[(values?.ValueCount ?? 0) + 1];
            // -2: a filter whose value this segment does not have matches nothing here.
            _wantedOrds[f] = _wanted[f] is null ? -1 : values?.LookupTerm(new BytesRef(_wanted[f])) is >= 0 and var ord ? ord : -2;
        }

        top.SetNextReader(context);
    }

    public void Collect(int doc)
    {
        Span<int> ords = stackalloc int[3];
        var failed = 0;
        var failedField = -1;
        for (var f = 0; f < 3; f++)
        {
            ords[f] = _ords[f]?[doc] ?? -1;
            if (_wantedOrds[f] != -1 && ords[f] != _wantedOrds[f])
            {
                failed++;
                failedField = f;
            }
        }

        // A facet counts the document when every other facet's filter passes.
        for (var f = 0; f < 3; f++)
        {
            if ((failed == 0 || (failed == 1 && failedField == f)) && ords[f] >= 0)
            {
                _segmentCounts[f][ords[f]]++;
            }
        }

        if (failed == 0)
        {
            TotalMatching++;
            top.Collect(doc);
        }
    }

    /// <summary>Call after the search, to fold the last segment's counts in.</summary>
    public void Finish() => FlushSegment();

    private void FlushSegment()
    {
        var term = new BytesRef();
        for (var f = 0; f < 3; f++)
        {
            var values = _values[f];
            if (values is null)
            {
                continue;
            }

            var counts = _segmentCounts[f];
            for (var ord = 0; ord < values.ValueCount; ord++)
            {
                if (counts[ord] > 0)
                {
                    values.LookupOrd(ord, term);
                    var key = term.Utf8ToString();
                    _counts[f][key] = _counts[f].GetValueOrDefault(key) + counts[ord];
                }
            }

            _values[f] = null;
        }

        _segmentCounts = [[], [], []];
    }
}
