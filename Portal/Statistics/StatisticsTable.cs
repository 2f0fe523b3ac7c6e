namespace Portal.Statistics;

/// <summary>How a column is shown: plotted (a series), a count that is not plotted (totals, batches, seats), or a rate.</summary>
public enum ColumnKind
{
    Series,
    Count,
    Rate,
}

/// <summary>
/// A column of a statistics table. Counts of people are <see cref="Personal"/> and suppressed when
/// small; batches and seats are facts about the office's offer, not about anyone, and never are.
/// A rate divides two count columns of the same row and is hidden when either is.
/// </summary>
public sealed record StatisticsColumn(string Key, string Title, ColumnKind Kind)
{
    public bool Personal { get; init; } = true;

    public int Numerator { get; init; } = -1;

    public int Denominator { get; init; } = -1;

    /// <summary>This column is the sum of the series columns of its row ("Jumlah").</summary>
    public bool SumsSeries { get; init; }

    public static StatisticsColumn Series(string key, string title) => new(key, title, ColumnKind.Series);

    public static StatisticsColumn Count(string key, string title, bool personal = true) => new(key, title, ColumnKind.Count) { Personal = personal };

    public static StatisticsColumn RowTotal() => new("jumlah", "Jumlah", ColumnKind.Count) { SumsSeries = true };

    public static StatisticsColumn Rate(string key, string title, int numerator, int denominator) =>
        new(key, title, ColumnKind.Rate) { Numerator = numerator, Denominator = denominator, Personal = false };
}

/// <summary>A row as counted; rate and row-total cells are filled in when the table is published.</summary>
public sealed record StatisticsRow(string Label, long[] Counts)
{
    /// <summary>The row's figures are (or include) what the office recorded on paper.</summary>
    public bool Recorded { get; init; }
}

/// <summary>Why a published cell shows no figure.</summary>
public enum Suppression
{
    None,

    /// <summary>A count from 1 to the threshold less one: shown as "&lt; 5".</summary>
    Small,

    /// <summary>
    /// A larger count (or a zero) hidden so that a small one in its row or column cannot be
    /// computed from the total: shown as "x", since "&lt; 5" would be untrue of it.
    /// </summary>
    Complementary,

    /// <summary>A rate whose count is hidden.</summary>
    Rate,
}

/// <summary>One cell as published: a count or a percentage, or nothing when suppressed or undefined (a rate over zero).</summary>
public sealed record PublishedCell(decimal? Value, Suppression Suppression = Suppression.None)
{
    public bool Suppressed => Suppression != Suppression.None;
}

public sealed record PublishedRow(string Label, IReadOnlyList<PublishedCell> Cells, bool Recorded);

/// <summary>A table ready for the page, the CSV and the JSON: every small figure already gone.</summary>
public sealed record PublishedTable(
    string Key, string Title, string LabelHeader, string Chart, IReadOnlyList<StatisticsColumn> Columns,
    IReadOnlyList<PublishedRow> Rows, PublishedRow? Total, string? Note)
{
    /// <summary>The table's <see cref="StatisticsTable.Groups"/> as published, by key; never shown as rows of this table.</summary>
    public IReadOnlyDictionary<string, PublishedRow> Groups { get; init; } = new Dictionary<string, PublishedRow>();
}

/// <summary>
/// The sum of some rows of a table that is published elsewhere: as a row of another table (the
/// funding table's APBD row is the sum of the APBD batches) or as the total of a narrowed view.
/// </summary>
/// <param name="Key">How the narrowed views find it.</param>
/// <param name="Rows">Indexes into <see cref="StatisticsTable.Rows"/>.</param>
/// <param name="Link">The quantity each column of the sum is in the table that shows it (see <see cref="StatisticsTable.Link"/>), or null.</param>
public sealed record StatisticsRowGroup(string Key, IReadOnlyList<int> Rows, Func<StatisticsColumn, string?> Link);

/// <summary>
/// A table of counts before publication. <see cref="Publish(int?)"/> computes the row totals, the total
/// row and the rates, and suppresses (see <see cref="SmallCellSuppression"/>) with every sum a
/// reader can see: each column against the total row, each row against its "Jumlah", and each
/// nested pair (<see cref="Nested"/>: accepted ⊆ applicants), whose difference is a count of people too.
/// </summary>
public sealed class StatisticsTable
{
    public const string BarChart = "bar";

    public const string LineChart = "line";

    public const string TotalLabel = "Jumlah";

    public required string Key { get; init; }

    public required string Title { get; init; }

    public required string LabelHeader { get; init; }

    public string Chart { get; init; } = BarChart;

    public required IReadOnlyList<StatisticsColumn> Columns { get; init; }

    public List<StatisticsRow> Rows { get; init; } = [];

    public bool HasTotalRow { get; init; } = true;

    /// <summary>Pairs (subset column, superset column): each row's subset never exceeds its superset.</summary>
    public IReadOnlyList<(int Subset, int Superset)> Nested { get; init; } = [];

    public string? Note { get; set; }

    /// <summary>
    /// Sums of rows that other tables or narrowed views publish. Suppressed with the rows they add up,
    /// so a row hidden here cannot be had by subtracting the rows shown here from a sum shown there.
    /// </summary>
    public List<StatisticsRowGroup> Groups { get; } = [];

    /// <summary>
    /// Names the quantity a cell shows (from the row's label, null for the total row, and the
    /// column) when other tables show the same quantity: the kecamatan table's applicants
    /// are the "Jumlah" column of kecamatan × gender. <see cref="PublishLinked"/> hides such a
    /// quantity in every table once any table hides it. Null for a cell no other table shows.
    /// </summary>
    public Func<string?, StatisticsColumn, string?>? Link { get; init; }

    public StatisticsRow AddRow(string label, params long[] counts)
    {
        var row = new StatisticsRow(label, Padded(counts));
        Rows.Add(row);
        return row;
    }

    public void AddRow(StatisticsRow row) => Rows.Add(row with { Counts = Padded(row.Counts) });

    private long[] Padded(long[] counts)
    {
        var padded = new long[Columns.Count];
        Array.Copy(counts, padded, Math.Min(counts.Length, padded.Length));
        return padded;
    }

    /// <summary>
    /// Tables published together, suppressed as one: a figure hidden in one table is hidden in
    /// every table that shows it (<see cref="Link"/>), and each table is suppressed again around
    /// it, until no table hides anything more. Without this, a complementary cell chosen in one
    /// table could be read from another, and the small cell derived after all.
    /// </summary>
    public static List<PublishedTable> PublishLinked(IReadOnlyList<StatisticsTable> tables, int? threshold)
    {
        var hidden = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var found = new HashSet<string>(StringComparer.Ordinal);
            var published = tables.Select(t => t.Publish(threshold, hidden, found)).ToList();
            if (found.IsSubsetOf(hidden))
            {
                return published;
            }

            hidden.UnionWith(found);
        }
    }

    /// <summary>The table alone as shown; <paramref name="threshold"/> null publishes every figure (the staff view).</summary>
    public PublishedTable Publish(int? threshold) => Publish(threshold, new HashSet<string>(), []);

    private PublishedTable Publish(int? threshold, IReadOnlySet<string> hiddenElsewhere, HashSet<string> hiddenHere)
    {
        var rows = Rows.Select(r => r with { Counts = WithRowTotal(r.Counts) }).ToList();
        StatisticsRow? total = null;
        if (HasTotalRow)
        {
            total = new StatisticsRow(TotalLabel, SumOf(rows.Select(r => r.Counts))) { Recorded = rows.Any(r => r.Recorded) };
        }

        var groups = Groups.Select(g => new StatisticsRow(g.Key, SumOf(g.Rows.Select(i => rows[i].Counts))) { Recorded = g.Rows.Any(i => rows[i].Recorded) });
        List<StatisticsRow> all = [.. rows, .. total is null ? Array.Empty<StatisticsRow>() : [total], .. groups];
        var suppressed = threshold is { } t ? Suppressed(all, rows.Count, total is not null, t, hiddenElsewhere, hiddenHere) : new bool[all.Count, Columns.Count];
        var published = all.Select((row, r) => new PublishedRow(row.Label, Cells(row, r, suppressed, threshold), row.Recorded)).ToList();
        var firstGroup = rows.Count + (total is null ? 0 : 1);
        return new PublishedTable(Key, Title, LabelHeader, Chart, Columns,
            published[..rows.Count], total is null ? null : published[rows.Count], Note)
        {
            Groups = Groups.Select((g, i) => (g.Key, Row: published[firstGroup + i])).ToDictionary(g => g.Key, g => g.Row, StringComparer.Ordinal),
        };
    }

    private long[] SumOf(IEnumerable<long[]> counts)
    {
        var sums = new long[Columns.Count];
        foreach (var row in counts)
        {
            for (var c = 0; c < sums.Length; c++)
            {
                sums[c] += row[c];
            }
        }

        return sums;
    }

    private long[] WithRowTotal(long[] counts)
    {
        var copy = (long[])counts.Clone();
        for (var c = 0; c < Columns.Count; c++)
        {
            if (Columns[c].SumsSeries)
            {
                copy[c] = Enumerable.Range(0, Columns.Count).Where(i => Columns[i].Kind == ColumnKind.Series).Sum(i => counts[i]);
            }
        }

        return copy;
    }

    private List<PublishedCell> Cells(StatisticsRow row, int r, bool[,] suppressed, int? threshold) =>
        [.. Columns.Select((column, c) => column.Kind == ColumnKind.Rate
            ? RateCell(row.Counts[column.Numerator], row.Counts[column.Denominator], suppressed[r, column.Numerator] || suppressed[r, column.Denominator])
            : !suppressed[r, c] ? new PublishedCell(row.Counts[c])
            : new PublishedCell(null, row.Counts[c] > 0 && row.Counts[c] < threshold ? Suppression.Small : Suppression.Complementary))];

    /// <summary>A percentage with one decimal; hidden with its counts, undefined (no value) over zero.</summary>
    private static PublishedCell RateCell(long numerator, long denominator, bool suppressed) =>
        suppressed ? new PublishedCell(null, Suppression.Rate)
        : denominator == 0 ? new PublishedCell(null)
        : new PublishedCell(Math.Round(100m * numerator / denominator, 1, MidpointRounding.AwayFromZero));

    /// <summary>Lays the personal counts out as cells and lines for <see cref="SmallCellSuppression"/>.</summary>
    /// <param name="rows">The body rows, then the total row when <paramref name="hasTotal"/>, then one row per group.</param>
    private bool[,] Suppressed(List<StatisticsRow> rows, int body, bool hasTotal, int threshold, IReadOnlySet<string> hiddenElsewhere, HashSet<string> hiddenHere)
    {
        var firstGroup = body + (hasTotal ? 1 : 0);
        string? LinkOf(int r, int c) =>
            r < body ? Link?.Invoke(rows[r].Label, Columns[c])
            : r < firstGroup ? Link?.Invoke(null, Columns[c])
            : Groups[r - firstGroup].Link(Columns[c]);

        var cells = new List<SuppressionCell>();
        var index = new int[rows.Count, Columns.Count];
        for (var r = 0; r < rows.Count; r++)
        {
            for (var c = 0; c < Columns.Count; c++)
            {
                index[r, c] = -1;
                if (Columns[c].Personal && Columns[c].Kind != ColumnKind.Rate)
                {
                    index[r, c] = cells.Count;
                    cells.Add(new SuppressionCell(rows[r].Counts[c], Forced: LinkOf(r, c) is { } link && hiddenElsewhere.Contains(link)));
                }
            }
        }

        var lines = new List<SuppressionLine>();
        var personal = Enumerable.Range(0, Columns.Count).Where(c => Columns[c].Personal && Columns[c].Kind != ColumnKind.Rate).ToList();
        if (hasTotal)
        {
            lines.AddRange(personal.Select(c => new SuppressionLine([.. Enumerable.Range(0, body).Select(r => index[r, c])], index[body, c])));
        }

        for (var g = 0; g < Groups.Count; g++)
        {
            var group = Groups[g];
            lines.AddRange(personal.Select(c => new SuppressionLine([.. group.Rows.Select(r => index[r, c])], index[firstGroup + g, c])));
        }

        var series = personal.Where(c => Columns[c].Kind == ColumnKind.Series).ToList();
        for (var r = 0; r < rows.Count; r++)
        {
            foreach (var c in personal.Where(c => Columns[c].SumsSeries))
            {
                lines.Add(new SuppressionLine([.. series.Select(s => index[r, s])], index[r, c]));
            }

            foreach (var (subset, superset) in Nested)
            {
                var difference = cells.Count;
                cells.Add(new SuppressionCell(rows[r].Counts[superset] - rows[r].Counts[subset], Published: false));
                lines.Add(new SuppressionLine([index[r, subset], difference], index[r, superset]));
            }
        }

        var mask = SmallCellSuppression.Suppress(cells, lines, threshold);
        var result = new bool[rows.Count, Columns.Count];
        for (var r = 0; r < rows.Count; r++)
        {
            for (var c = 0; c < Columns.Count; c++)
            {
                result[r, c] = index[r, c] >= 0 && mask[index[r, c]];
                if (result[r, c] && LinkOf(r, c) is { } link)
                {
                    hiddenHere.Add(link);
                }
            }
        }

        return result;
    }
}
