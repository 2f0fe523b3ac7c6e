using Portal.Training;

namespace Portal.Statistics;

/// <summary>What a visitor chose: a year (the year a batch's training starts), and optionally a programme and a funding source.</summary>
public sealed record StatisticsFilter(int Year, string? Programme, FundingSource? Funding)
{
    /// <summary>The query parameter names, the same on the page and on every download.</summary>
    public const string ProgrammeKey = "program";

    public const string FundingKey = "dana";

    public const string YearKey = "tahun";

    /// <summary>Reads "APBD"/"APBN" in any case; empty means both.</summary>
    public static bool TryParseFunding(string? text, out FundingSource? funding)
    {
        funding = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        foreach (var source in Enum.GetValues<FundingSource>())
        {
            if (string.Equals(source.Code(), text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                funding = source;
                return true;
            }
        }

        return false;
    }

    /// <summary>The filter's query values (year excluded when it is part of the path), for links to the same figures.</summary>
    public Dictionary<string, string?> QueryValues() => new()
    {
        [ProgrammeKey] = Programme,
        [FundingKey] = Funding?.Code(),
    };
}
