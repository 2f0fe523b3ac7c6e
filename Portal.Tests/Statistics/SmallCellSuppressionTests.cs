using Portal.Statistics;

namespace Portal.Tests.Statistics;

public class SmallCellSuppressionTests
{
    /// <summary>
    /// A body of counts ("3 7; 10 12") gets a "Jumlah" column and a total row, as the published
    /// tables do; the answer marks each cell of the whole grid, margins included: x suppressed, . shown.
    /// </summary>
    private static string SuppressWithMargins(string body, int threshold = 5)
    {
        var rows = body.Split(';').Select(r => r.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(long.Parse).ToList()).ToList();
        var grid = rows.Select(r => (List<long>)[.. r, r.Sum()]).ToList();
        grid.Add([.. Enumerable.Range(0, grid[0].Count).Select(c => grid.Sum(r => r[c]))]);
        var width = grid[0].Count;
        var cells = grid.SelectMany(r => r.Select(v => new SuppressionCell(v))).ToList();
        int At(int r, int c) => (r * width) + c;
        var lines = new List<SuppressionLine>();
        for (var r = 0; r < grid.Count; r++)
        {
            lines.Add(new SuppressionLine([.. Enumerable.Range(0, width - 1).Select(c => At(r, c))], At(r, width - 1)));
        }

        for (var c = 0; c < width; c++)
        {
            lines.Add(new SuppressionLine([.. Enumerable.Range(0, grid.Count - 1).Select(r => At(r, c))], At(grid.Count - 1, c)));
        }

        var mask = SmallCellSuppression.Suppress(cells, lines, threshold);
        return string.Join("; ", Enumerable.Range(0, grid.Count).Select(r => string.Join(' ', Enumerable.Range(0, width).Select(c => mask[At(r, c)] ? "x" : "."))));
    }

    [Theory]
    [InlineData("10 20; 30 40", ". . .; . . .; . . .")]
    // Zero describes no one: shown, and never needs a partner.
    [InlineData("0 8; 6 9", ". . .; . . .; . . .")]
    // One small cell: its row and its column each lose their next smallest, and the cell where
    // those two meet goes too, so no row or column is left with a single unknown.
    [InlineData("3 7; 10 12", "x x .; x x .; . . .")]
    // One person alone: the cell, its row total, its column total and the grand total all hide it.
    [InlineData("1 0; 0 0", "x . x; . . .; x . x")]
    // A small total is suppressed even when its parts are all there is.
    [InlineData("2 2; 0 0", "x x x; . . .; x x x")]
    // Ties go to the first column; the rest of the table stays.
    [InlineData("3 10 10; 10 10 10", "x x . .; x x . .; . . . .")]
    // Two small cells in a row protect each other there, but each column still needs a partner.
    [InlineData("2 3 20; 30 30 30", "x x . .; x x . .; . . . .")]
    // Two small cells whose sum is known to be 2 are 1 and 1: a third cell of the row goes too.
    [InlineData("1 1 20; 30 30 30", "x x x .; x x x .; . . . .")]
    // "< 5" and "x" adding up to 6 are 1 and 5 (an "x" is 0 or at least 5): the row's total goes too.
    [InlineData("1 5; 30 30", "x x x; x x x; . . .")]
    // A threshold of 10 hides more.
    [InlineData("7 20; 30 40", ". . .; . . .; . . .", 5)]
    [InlineData("7 20; 30 40", "x x .; x x .; . . .", 10)]
    public void Small_cells_and_the_cells_that_would_reveal_them_are_suppressed(string body, string expected, int threshold = 5) =>
        Assert.Equal(expected, SuppressWithMargins(body, threshold));

    [Theory]
    // Applicants 6, participants 5: one applicant was not accepted, which subtraction shows: hide the participants.
    [InlineData(6, 5, new[] { false, true })]
    // Fifteen not accepted is no one in particular; all accepted (a difference of zero) neither.
    [InlineData(20, 5, new[] { false, false })]
    [InlineData(5, 5, new[] { false, false })]
    // A small applicant count goes with its participants, which would equal it.
    [InlineData(3, 3, new[] { true, true })]
    public void A_small_difference_between_nested_counts_is_protected_like_a_cell(long applicants, long participants, bool[] expected)
    {
        SuppressionCell[] cells = [new(applicants), new(participants), new(applicants - participants, Published: false)];
        var mask = SmallCellSuppression.Suppress(cells, [new SuppressionLine([1, 2], 0)], threshold: 5);
        Assert.Equal(expected, mask[..2]);
        Assert.False(mask[2]);
    }

    [Fact]
    public void A_figure_hidden_in_one_table_is_hidden_in_every_table_that_shows_it_and_protected_there()
    {
        static StatisticsTable Table(string key, params (string Label, long Count)[] rows)
        {
            var table = new StatisticsTable
            {
                Key = key,
                Title = key,
                LabelHeader = "Kecamatan",
                Columns = [StatisticsColumn.Series("pendaftar", "Pendaftar")],
                Link = (row, _) => row ?? "*",
            };
            foreach (var (label, count) in rows)
            {
                table.AddRow(label, count);
            }

            return table;
        }

        // Alone, the second table hides nothing; beside the first, Curug's 20 must go (the first
        // hides it to protect Taktakan's 3), and then Serang's 30 with it, or the total gives Curug back.
        var first = Table("pertama", ("Taktakan", 3), ("Curug", 20));
        var second = Table("kedua", ("Curug", 20), ("Serang", 30));
        Assert.DoesNotContain(second.Publish(threshold: 5).Rows, r => r.Cells[0].Suppressed);

        var linked = StatisticsTable.PublishLinked([first, second], threshold: 5);

        Assert.Equal([Suppression.Small, Suppression.Complementary], linked[0].Rows.Select(r => r.Cells[0].Suppression));
        Assert.Equal([Suppression.Complementary, Suppression.Complementary], linked[1].Rows.Select(r => r.Cells[0].Suppression));
        Assert.Equal(50m, linked[1].Total!.Cells[0].Value);
    }
}
