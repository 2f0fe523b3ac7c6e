using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Data;

namespace Portal.Accounts;

public static class AccountServices
{
    public const string SignInPath = AccountLinks.SignIn;
    public const string SignOutPath = AccountLinks.SignOut;

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
                options.Password.RequiredLength = 8;
                options.Password.RequiredUniqueChars = 4;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;

                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);

                options.SignIn.RequireConfirmedEmail = true;
            })
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<IndonesianIdentityErrors>()
            .AddPasswordValidator<CommonPasswordValidator>();

        // The keys that protect sign-in cookies and email links live in data/keys, beside the
        // database: a restart (or a new container) must not sign everyone out or break the links.
        services.AddOptions<KeyManagementOptions>().Configure<DataFolder, ILoggerFactory>((options, folder, loggers) =>
            options.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(folder.Folder(DataFolder.KeysFolder)), loggers));

        // Confirmation and reset links (the default token provider) last a day.
        services.Configure<DataProtectionTokenProviderOptions>(options => options.TokenLifespan = TimeSpan.FromDays(1));

        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "portal.auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.LoginPath = AccountLinks.SignIn;
            options.LogoutPath = AccountLinks.SignOut;
            options.ReturnUrlParameter = AccountLinks.ReturnUrlParameter;
            options.AccessDeniedPath = "/galat/403";
            options.SlidingExpiration = true;
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
