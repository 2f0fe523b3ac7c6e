using Portal.Shared;

namespace Portal.Training;

/// <summary>Consistency rules for a batch's dates and eligibility, shared by the importer and the staff forms.</summary>
public static class BatchRules
{
    public static string? CheckDates(DateTime opensUtc, DateTime closesUtc, DateOnly trainingStarts, DateOnly trainingEnds)
    {
        if (closesUtc <= opensUtc)
        {
            return "registration must close after it opens";
        }

        if (Wib.DateOf(closesUtc.AddTicks(-1)) >= trainingStarts)
        {
            return "registration must close before the first training day";
        }

        return trainingEnds < trainingStarts ? "training cannot end before it starts" : null;
    }

    public static string? CheckAges(int? minAge, int? maxAge)
    {
        if (minAge is < 0 or > 100 || maxAge is < 0 or > 100)
        {
            return "ages must be between 0 and 100";
        }

        return minAge > maxAge ? "min_age cannot be above max_age" : null;
    }
}
