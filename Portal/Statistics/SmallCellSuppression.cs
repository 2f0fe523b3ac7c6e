namespace Portal.Statistics;

/// <summary>
/// One count in a table about people, as the suppression sees it. A published cell is shown (or
/// replaced by "&lt; 5"); an unpublished one is a difference the reader could compute from two
/// published cells (applicants less participants: the people not accepted) and must be protected
/// like a shown one.
/// </summary>
/// <remarks>
/// <see cref="Forced"/>: hidden whatever its value, because another table shows the same quantity
/// and hides it there (linked tables: a figure hidden in one and shown in another is not hidden).
/// </remarks>
public readonly record struct SuppressionCell(long Value, bool Published = true, bool Forced = false);

/// <summary>
/// A sum a reader knows: the <see cref="Parts"/> add up to <see cref="Total"/> (indexes into the
/// cells). A row with its "Jumlah" column, a column with its total row, or a nested pair
/// (participants + not accepted = applicants).
/// </summary>
public sealed record SuppressionLine(IReadOnlyList<int> Parts, int Total);

/// <summary>
/// Statistical disclosure control for the published figures, as one pure rule so it can be tested
/// cell by cell:
/// <list type="number">
/// <item>Primary: a count from 1 to threshold − 1 is suppressed, a total included.</item>
/// <item>Complementary: in any sum where a cell that needs protecting (a suppressed cell, or a
/// small difference the reader cannot see) could be worked out (see <see cref="Exposed"/>), the
/// smallest other published cell of that sum is suppressed too, so subtraction cannot give it away.
/// Repeated until nothing changes, because a cell suppressed for a row may leave its column with one.</item>
/// <item>Zero is published: it describes no one, so it cannot single anyone out, and "no applicant
/// from Kasemen" is exactly what a DPRD member needs to see. A zero is the last choice for a
/// complementary cell (hiding a zero protects as well, but costs a true figure).</item>
/// </list>
/// </summary>
public static class SmallCellSuppression
{
    /// <summary>Which published cells to show as "&lt; threshold" (false for every unpublished cell).</summary>
    public static bool[] Suppress(IReadOnlyList<SuppressionCell> cells, IReadOnlyList<SuppressionLine> lines, int threshold)
    {
        var suppressed = new bool[cells.Count];
        for (var i = 0; i < cells.Count; i++)
        {
            suppressed[i] = cells[i].Published && (cells[i].Forced || IsSmall(cells[i].Value, threshold));
        }

        bool changed;
        do
        {
            changed = false;
            foreach (var line in lines)
            {
                int[] members = [.. line.Parts, line.Total];
                var unknown = members.Where(i => suppressed[i] || !cells[i].Published).ToList();
                if (!unknown.Any(i => NeedsProtection(cells[i], suppressed[i], threshold)) || !Exposed(line, unknown, cells, threshold))
                {
                    continue;
                }

                var partner = members
                    .Where(i => cells[i].Published && !suppressed[i])
                    .OrderBy(i => cells[i].Value == 0 ? 1 : 0)
                    .ThenBy(i => cells[i].Value)
                    .ThenBy(i => i)
                    .Cast<int?>()
                    .FirstOrDefault();
                if (partner is { } p)
                {
                    suppressed[p] = true;
                    changed = true;
                }
            }
        }
        while (changed);

        return suppressed;
    }

    private static bool IsSmall(long value, int threshold) => value > 0 && value < threshold;

    /// <summary>
    /// Whether a reader can pin down a hidden cell of the line. One hidden cell is the total less the
    /// others. Several hidden parts under a shown total add up to a known sum, and the marks bound
    /// each part: "&lt; 5" is 1 to 4, "x" (hidden to protect another) is 0 or at least 5, since a
    /// smaller one would be marked "&lt; 5", and a figure the table never shows (a difference) is
    /// anything. The line is exposed when that leaves a "&lt; 5" cell one possible value ("&lt; 5" and
    /// "&lt; 5" adding up to 2 are 1 and 1; "&lt; 5" and "x" adding up to 6 are 1 and 5). A hidden
    /// total leaves only a difference of hidden cells, which bounds nothing the marks do not.
    /// </summary>
    private static bool Exposed(SuppressionLine line, List<int> unknown, IReadOnlyList<SuppressionCell> cells, int threshold)
    {
        if (unknown.Count == 1)
        {
            return true;
        }

        if (unknown.Contains(line.Total))
        {
            return false;
        }

        var small = unknown.Count(i => cells[i].Published && IsSmall(cells[i].Value, threshold));
        if (small == 0)
        {
            return false;
        }

        var free = unknown.Any(i => !cells[i].Published);
        var marked = unknown.Any(i => cells[i].Published && !IsSmall(cells[i].Value, threshold));
        var sum = unknown.Sum(i => cells[i].Value);
        var (otherLow, otherHigh) = (small - 1L, (small - 1L) * (threshold - 1));

        // The values one "< 5" cell may have, given the others' marks and the sum.
        var possible = Enumerable.Range(1, threshold - 1).Count(value =>
        {
            var rest = sum - value;
            return free ? rest >= otherLow
                : (rest >= otherLow && rest <= otherHigh) || (marked && rest >= otherLow + threshold);
        });
        return possible < 2;
    }

    /// <summary>A suppressed cell always (derived, it would undo the suppression); a hidden difference only when small.</summary>
    private static bool NeedsProtection(SuppressionCell cell, bool suppressed, int threshold) =>
        cell.Published ? suppressed : IsSmall(cell.Value, threshold);
}
