using Portal.Accounts;

namespace Portal.Training;

public static class TrainingServices
{
    public static IServiceCollection AddTraining(this IServiceCollection services)
    {
        services.AddScoped<TrainingQueries>();
        services.AddScoped<ApplicationService>();
        services.AddScoped<ApplicationEmails>();
        services.AddScoped<BatchReminders>();
        services.AddScoped<BatchReminderEmails>();
        services.AddSingleton<BatchReminderSender>();
        services.AddHostedService(sp => sp.GetRequiredService<BatchReminderSender>());
        services.AddSingleton<BatchCalendar>();
        services.AddSingleton<ProgrammeCards>();
        services.AddScoped<SelectionResults>();
        services.AddOptions<TrainingOptions>().BindConfiguration(TrainingOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        // The database is migrated before the host starts (StartupConfiguration): old applications get their numbers before any request.
        services.AddHostedService<RegistrationNumbering>();
        services.Configure<RazorPagesOptions>(options =>
        {
            options.Conventions.AuthorizePage("/Training/Apply", Policies.SignedIn);
            options.Conventions.AuthorizePage("/Training/Remind", Policies.SignedIn);
        });
        return services;
    }
}
