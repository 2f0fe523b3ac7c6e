namespace Portal.Training;

public static class TrainingServices
{
    public static IServiceCollection AddTraining(this IServiceCollection services)
    {
        services.AddScoped<TrainingQueries>();
        return services;
    }
}
