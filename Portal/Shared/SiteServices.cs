using Microsoft.AspNetCore.Localization;
using Microsoft.Net.Http.Headers;

namespace Portal.Shared;

public static class SiteServices
{
    public const string ErrorPath = "/galat";

    public static IServiceCollection AddPortalSite(this IServiceCollection services)
    {
        services.AddOptions<SiteOptions>().BindConfiguration(SiteOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddHttpContextAccessor();
        services.AddScoped<SiteLinks>();
        services.AddRazorPages(options =>
        {
            // Feature folders: a page lives beside its entities and services (Portal/News/Article.cshtml).
            options.RootDirectory = "/";
        }).AddMvcOptions(options => BindingMessages.UseIndonesian(options.ModelBindingMessageProvider));
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "portal.af";
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.Cookie.SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Strict;
        });
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture(Wib.Culture);
            options.SupportedCultures = [Wib.Culture];
            options.SupportedUICultures = [Wib.Culture];
            options.RequestCultureProviders.Clear();
        });
        return services;
    }

    public static WebApplication UsePortalSite(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler(ErrorPath + "/500");
            app.UseHsts();
        }

        app.UseStatusCodePagesWithReExecute(ErrorPath + "/{0}");
        app.Use(AddSecurityHeaders);
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = context =>
                context.Context.Response.Headers[HeaderNames.CacheControl] = "public,max-age=604800",
        });
        app.UseRequestLocalization();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapRazorPages();
        return app;
    }

    /// <summary>
    /// Defence in depth behind the Markdown sanitizer: no inline script runs, no page is framed,
    /// the browser does not guess content types.
    /// </summary>
    private static Task AddSecurityHeaders(HttpContext context, Func<Task> next)
    {
        var headers = context.Response.Headers;
        headers[HeaderNames.XContentTypeOptions] = "nosniff";
        headers[HeaderNames.XFrameOptions] = "DENY";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers[HeaderNames.ContentSecurityPolicy] =
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
        return next();
    }
}
