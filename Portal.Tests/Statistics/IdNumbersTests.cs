using Portal.Statistics;

namespace Portal.Tests.Statistics;

public class IdNumbersTests
{
    [Theory]
    [InlineData(0, "0")]
    [InlineData(36, "36")]
    [InlineData(1234, "1.234")]
    [InlineData(100000, "100.000")]
    public void Counts_use_a_dot_between_thousands(long value, string expected) => Assert.Equal(expected, IdNumbers.Count(value));

    [Theory]
    [InlineData("45.6", "45,6%")]
    [InlineData("100", "100,0%")]
    [InlineData("0", "0,0%")]
    public void Rates_use_a_decimal_comma_and_one_decimal(string value, string expected) =>
        Assert.Equal(expected, IdNumbers.Percent(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData(Suppression.Small, ColumnKind.Series, "< 5")]
    [InlineData(Suppression.Complementary, ColumnKind.Series, "x")]
    [InlineData(Suppression.Rate, ColumnKind.Rate, "x")]
    public void Hidden_cells_never_show_their_figure(Suppression suppression, ColumnKind kind, string expected) =>
        Assert.Equal(expected, IdNumbers.Cell(new PublishedCell(null, suppression), kind, threshold: 5));

    [Fact]
    public void A_rate_over_zero_is_a_dash() => Assert.Equal("–", IdNumbers.Cell(new PublishedCell(null), ColumnKind.Rate, threshold: 5));
}
