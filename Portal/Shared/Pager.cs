using System.Globalization;

namespace Portal.Shared;

/// <summary>Page numbers from the query string (?halaman=), forgiving: anything not a page number is page 1.</summary>
public sealed record Pager(int Page, int PageSize, int TotalItems, Func<int, string> Link)
{
    /// <summary>The query name of the page number, on every paged list.</summary>
    public const string Parameter = "halaman";

    public int TotalPages => (TotalItems + PageSize - 1) / PageSize;

    public int Skip => (Page - 1) * PageSize;

    public bool IsPastEnd => Page > Math.Max(1, TotalPages);

    /// <summary>Pages on each side of the current one that the pager links to.</summary>
    public const int Radius = 2;

    /// <summary>
    /// The page numbers the pager shows: the first, the current ±<see cref="Radius"/>, the last, with 0
    /// for a gap (an ellipsis). Linking every page made /berita at 10,000 articles 138 KB of links;
    /// this is at most 9 items whatever the count. A gap that would hide a single page shows that page
    /// instead, since an ellipsis is no shorter. A page past the end centres on the last page.
    /// </summary>
    public IReadOnlyList<int> Window()
    {
        var total = TotalPages;
        if (total <= 1)
        {
            return total == 1 ? [1] : [];
        }

        var current = Math.Clamp(Page, 1, total);
        var from = Math.Max(2, current - Radius);
        var to = Math.Min(total - 1, current + Radius);
        var window = new List<int> { 1 };
        if (from == 3)
        {
            window.Add(2);
        }
        else if (from > 3)
        {
            window.Add(0);
        }

        for (var page = from; page <= to; page++)
        {
            window.Add(page);
        }

        if (to == total - 2)
        {
            window.Add(total - 1);
        }
        else if (to < total - 2)
        {
            window.Add(0);
        }

        window.Add(total);
        return window;
    }

    public static int ParsePage(string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page is >= 1 and <= 100_000 ? page : 1;
}
