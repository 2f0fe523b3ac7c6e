namespace Portal.Statistics;

/// <summary>The model of the shared statistics partial: the report, and whether it is the public (suppressed, downloadable) view.</summary>
public sealed record StatisticsView(StatisticsReport Report, bool Public, string PageName);
