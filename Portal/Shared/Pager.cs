using System.Globalization;

namespace Portal.Shared;

/// <summary>Page numbers from the query string (?halaman=), forgiving: anything not a page number is page 1.</summary>
public sealed record Pager(int Page, int PageSize, int TotalItems, Func<int, string> Link)
{
    public int TotalPages => (TotalItems + PageSize - 1) / PageSize;

    public int Skip => (Page - 1) * PageSize;

    public bool IsPastEnd => Page > Math.Max(1, TotalPages);

    public static int ParsePage(string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page is >= 1 and <= 100_000 ? page : 1;
}
