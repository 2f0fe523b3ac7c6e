using System.Globalization;

namespace Portal.Search;

/// <summary>
/// Addresses of /cari with its query-string names, in one place: the page binds them and every
/// filter, sort and page link is built here, so a shared link reproduces the same results.
/// </summary>
public sealed record SearchAddress(string Text, SearchFilters Filters, bool NewestFirstOrder)
{
    public const string Path = "/cari";
    public const string Query = "q";
    public const string Kind = "jenis";
    public const string Programme = "program";
    public const string Year = "tahun";
    public const string Sort = "urut";
    public const string Page = Pager.Parameter;
    public const string NewestFirst = "terbaru";

    public static string For(string text) => Build(text, new SearchFilters(null, null, null), false, 1);

    public string WithPage(int page) => Build(Text, Filters, NewestFirstOrder, page);

    public string WithKind(string? kind) => Build(Text, Filters with { Kind = kind }, NewestFirstOrder, 1);

    public string WithProgramme(string? programme) => Build(Text, Filters with { Programme = programme }, NewestFirstOrder, 1);

    public string WithYear(string? year) => Build(Text, Filters with { Year = year }, NewestFirstOrder, 1);

    public string WithOrder(bool newestFirst) => Build(Text, Filters, newestFirst, 1);

    private static string Build(string text, SearchFilters filters, bool newestFirst, int page)
    {
        var parts = new List<string> { $"{Query}={Uri.EscapeDataString(text)}" };
        Add(parts, Kind, filters.Kind);
        Add(parts, Programme, filters.Programme);
        Add(parts, Year, filters.Year);
        Add(parts, Sort, newestFirst ? NewestFirst : null);
        Add(parts, Page, page > 1 ? page.ToString(CultureInfo.InvariantCulture) : null);
        return $"{Path}?{string.Join('&', parts)}";
    }

    private static void Add(List<string> parts, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            parts.Add($"{name}={Uri.EscapeDataString(value)}");
        }
    }
}
