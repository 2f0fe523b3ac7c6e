namespace Portal.Statistics;

public static class StatisticsServices
{
    public static IServiceCollection AddStatistics(this IServiceCollection services)
    {
        services.AddOptions<StatisticsOptions>().BindConfiguration(StatisticsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<StatisticsCache>();
        services.AddScoped<TrainingStatistics>();
        return services;
    }
}
