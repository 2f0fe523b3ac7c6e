using Portal.Accounts;

namespace Portal.Training;

public static class TrainingServices
{
    public static IServiceCollection AddTraining(this IServiceCollection services)
    {
        services.AddScoped<TrainingQueries>();
        services.AddScoped<ApplicationService>();
        services.AddScoped<ApplicationEmails>();
        services.Configure<RazorPagesOptions>(options => options.Conventions.AuthorizePage("/Training/Apply", Policies.SignedIn));
        return services;
    }
}
