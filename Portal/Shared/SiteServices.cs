using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.Localization;
using Microsoft.Net.Http.Headers;
using Portal.Caching;

namespace Portal.Shared;

public static class SiteServices
{
    public const string ErrorPath = "/galat";

    public static IServiceCollection AddPortalSite(this IServiceCollection services)
    {
        services.AddOptions<SiteOptions>().BindConfiguration(SiteOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<SiteOptions>, SiteOptionsValidator>();
        services.AddOptions<SitemapOptions>().BindConfiguration(SitemapOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<HostFilteringOptions>().Configure<IOptions<SiteOptions>>(AllowOnlyPublicHost);
        services.AddDeployment();
        services.AddHttpContextAccessor();
        services.AddSingleton<SiteLinks>();
        services.AddRazorPages(options =>
        {
            // Feature folders: a page lives beside its entities and services (Portal/News/Article.cshtml).
            options.RootDirectory = "/";
        }).AddMvcOptions(options => BindingMessages.UseIndonesian(options.ModelBindingMessageProvider));
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = PageCacheRules.AntiforgeryCookie;
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

    /// <summary>
    /// Requests must name the public host (or a loopback one, for health checks on the machine):
    /// the framework's host filtering answers any other Host with 400 before the app runs. Without a
    /// public address (Development only) every host is allowed.
    /// </summary>
    private static void AllowOnlyPublicHost(HostFilteringOptions filtering, IOptions<SiteOptions> site)
    {
        if (site.Value.PublicBaseUri is not { } publicUri)
        {
            return;
        }

        filtering.AllowedHosts = [publicUri.IdnHost, .. site.Value.AdditionalHosts, "localhost", "127.0.0.1", "[::1]"];

        // The framework's failure page is English; an empty 400 is all a wrong host deserves.
        filtering.IncludeFailureMessage = false;
    }

    public static WebApplication UsePortalSite(this WebApplication app)
    {
        app.UseForwardedClient();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler(new ExceptionHandlerOptions
            {
                ExceptionHandlingPath = ErrorPath + "/500",
                // A database out of reach is an outage, not a bug: 503 says "come back later" to
                // people, crawlers and the load balancer alike, and the node recovers by itself.
                StatusCodeSelector = e => DatabaseUnavailable.Is(e) ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError,
            });
            app.UseHttpsOnly();
        }

        app.UseStatusCodePagesWithReExecute(ErrorPath + "/{0}");
        app.Use(AddSecurityHeaders);
        app.UsePortalStaticFiles();
        app.UseRequestLocalization();
        app.UseRouting();
        app.UsePageCache();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
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
