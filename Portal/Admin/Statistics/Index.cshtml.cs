using Portal.Statistics;

namespace Portal.Admin.Statistics;

/// <summary>
/// /admin/statistik: the same figures as /statistik with nothing suppressed, for the office's
/// reports to the Wali Kota and to BBPVP. Operators and Admins only (<see cref="StaffPolicies"/>).
/// </summary>
public class IndexModel(TrainingStatistics statistics) : StatisticsPageModel(statistics)
{
    public override bool Suppressed => false;

    public override string PageName => "/Admin/Statistics/Index";
}
