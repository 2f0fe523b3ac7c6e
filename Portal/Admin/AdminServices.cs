using Microsoft.AspNetCore.Identity;
using Portal.Admin.News;
using Portal.Admin.Statistics;
using Portal.Admin.Training;
using Portal.Admin.Users;

namespace Portal.Admin;

public static class AdminServices
{
    /// <summary>
    /// How long a session may keep rights it has lost (a role removed, an account locked) before
    /// the security stamp is checked again. Identity's default is 30 minutes; staff rights are
    /// worth one cheap query a minute per signed-in person.
    /// </summary>
    public static readonly TimeSpan SessionRecheckInterval = TimeSpan.FromMinutes(1);

    public static IServiceCollection AddStaffArea(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder().AddStaffPolicies();
        services.Configure<RazorPagesOptions>(options => options.Conventions.ApplyStaffPolicies());
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = SessionRecheckInterval);
        // Refused access is answered where it happened, with status 403 and the friendly
        // /galat/403 page (status-code pages), instead of a redirect that hides the address.
        services.ConfigureApplicationCookie(options => options.Events.OnRedirectToAccessDenied = context =>
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        });

        services.AddScoped<AuditLog>();
        services.AddScoped<StaffAccounts>();
        services.AddScoped<ArticleEditor>();
        services.AddScoped<TrainingEditor>();
        services.AddScoped<ResultsAnnouncement>();
        services.AddScoped<ApplicantDesk>();
        services.AddScoped<TrainingDashboard>();
        services.AddScoped<ApplicationFunnel>();
        services.AddSingleton<CoverImages>();
        services.AddSingleton<CoverVariants>();
        services.AddHostedService<CoverVariantWorker>();
        services.AddHostedService<StaffStartup>();
        return services;
    }

    /// <summary>Public addresses the staff area adds: the uploaded cover images and their sizes.</summary>
    public static IEndpointRouteBuilder MapStaffArea(this IEndpointRouteBuilder app)
    {
        app.MapGet(CoverImages.RequestPath + "/{file}", (string file, CoverImages covers, HttpContext context) => covers.Serve(file, context));
        return app;
    }
}
