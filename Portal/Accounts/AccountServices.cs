using Microsoft.AspNetCore.Identity;
using Portal.Data;

namespace Portal.Accounts;

public static class AccountServices
{
    public const string SignInPath = "/akun/masuk";
    public const string SignOutPath = "/akun/keluar";

    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddIdentity<PortalUser, IdentityRole>()
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddDefaultTokenProviders();

        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "portal.auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.LoginPath = SignInPath;
            options.LogoutPath = SignOutPath;
            options.AccessDeniedPath = "/galat/403";
            options.SlidingExpiration = true;
        });
        return services;
    }
}
