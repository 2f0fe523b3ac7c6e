using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace Portal.Accounts;

public static class AccountServices
{
    /// <summary>Wrong passwords in a row that lock an account; the sign-in throttle per client stays below it.</summary>
    public const int LockoutThreshold = 5;

    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    /// <summary>Pages under /akun that a visitor opens without an account.</summary>
    private static readonly string[] AnonymousPages =
    [
        "/Accounts/Register",
        "/Accounts/SignIn",
        "/Accounts/SignOut",
        "/Accounts/ConfirmEmail",
        "/Accounts/ForgotPassword",
        "/Accounts/ResetPassword",
        "/Accounts/Deleted",
    ];

    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddIdentity<PortalUser, IdentityRole>(options =>
            {
                options.User.RequireUniqueEmail = true;

                // The user name is the email address, already checked as one; allow all its characters.
                options.User.AllowedUserNameCharacters = string.Empty;

                // Length and a list of common passwords (CommonPasswordValidator), not composition
                // rules: these push people to "Password1!" and to writing passwords down.
                options.Password.RequiredLength = NewPasswordLengthAttribute.Minimum;
                options.Password.RequiredUniqueChars = 4;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;

                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = LockoutThreshold;
                options.Lockout.DefaultLockoutTimeSpan = LockoutDuration;

                options.SignIn.RequireConfirmedEmail = true;
            })
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<IndonesianIdentityErrors>()
            .AddPasswordValidator<CommonPasswordValidator>();

        // Confirmation and reset links (the default token provider) last a day.
        services.Configure<DataProtectionTokenProviderOptions>(options => options.TokenLifespan = TimeSpan.FromDays(1));

        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "portal.auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.ReturnUrlParameter = AccountAddresses.ReturnUrl;
            options.AccessDeniedPath = SiteServices.ErrorPath + "/403";
            options.SlidingExpiration = true;
        });

        // Read from the pages' routes when the cookie handler first needs them, after the pages are mapped.
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme).Configure<SiteLinks>((options, links) =>
        {
            options.LoginPath = links.Page("/Accounts/SignIn");
            options.LogoutPath = links.Page("/Accounts/SignOut");
        });

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.SignedIn, policy => policy.RequireAuthenticatedUser());

        services.Configure<RazorPagesOptions>(options =>
        {
            options.Conventions.AuthorizeFolder("/Accounts", Policies.SignedIn);
            foreach (var page in AnonymousPages)
            {
                options.Conventions.AllowAnonymousToPage(page);
            }
        });

        services.AddScoped<AccountService>();
        services.AddScoped<AccountEmails>();
        services.AddScoped<ProfileService>();
        services.AddScoped<PersonalDataService>();
        return services;
    }
}
