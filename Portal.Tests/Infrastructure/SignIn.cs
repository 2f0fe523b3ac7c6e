using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.Options;

namespace Portal.Tests.Infrastructure;

/// <summary>
/// Signed-in test clients. The account is real (UserManager, roles in the database) and so is the
/// session: the app's own SignInManager builds the principal and the app's own cookie options
/// protect it, exactly what a sign-in would set. Every request then goes through the real cookie
/// handler, security-stamp check and authorization policies. This does not depend on the sign-in
/// page (/akun/masuk) and skips its password hashing, which keeps the role matrix quick; that
/// page has tests of its own (TestAccounts.SignedInClientAsync signs in through it).
/// </summary>
public static class SignIn
{
    public const string Password = "Uji-Sandi-2025!";

    /// <summary>A new account with the given staff roles; none makes a job seeker.</summary>
    public static async Task<PortalUser> CreateUserAsync(this PortalFactory factory, params string[] roles)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var email = $"{TestData.Unique("akun")}@contoh.go.id";
        var user = new PortalUser { UserName = email, Email = email, EmailConfirmed = true, CreatedAtUtc = factory.Clock.GetUtcNow().UtcDateTime };
        var created = await users.CreateAsync(user, Password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        if (roles.Length > 0)
        {
            var added = await users.AddToRolesAsync(user, roles);
            Assert.True(added.Succeeded, string.Join("; ", added.Errors.Select(e => e.Description)));
        }

        return user;
    }

    /// <summary>A client signed in as a new account with the given role (null: a job seeker).</summary>
    public static async Task<HttpClient> ClientInRoleAsync(this PortalFactory factory, string? role, bool followRedirects = true) =>
        await factory.SignedInClientAsync(await factory.CreateUserAsync(role is null ? [] : [role]), followRedirects);

    public static async Task<HttpClient> SignedInClientAsync(this PortalFactory factory, PortalUser user, bool followRedirects = true)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<PortalUser>>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var principal = await signIn.CreateUserPrincipalAsync((await users.FindByIdAsync(user.Id))!);
        var cookie = factory.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        var now = factory.Clock.GetUtcNow();
        var ticket = new AuthenticationTicket(principal, new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now.AddDays(14) }, IdentityConstants.ApplicationScheme);

        var baseAddress = new Uri("http://localhost");
        var cookies = new CookieContainer();
        cookies.Add(baseAddress, new Cookie(cookie.Cookie.Name!, cookie.TicketDataFormat.Protect(ticket)) { Path = "/" });
        DelegatingHandler[] handlers = followRedirects
            ? [new RedirectHandler(), new CookieContainerHandler(cookies)]
            : [new CookieContainerHandler(cookies)];
        return factory.CreateDefaultClient(baseAddress, handlers);
    }

    /// <summary>Roles as the role matrix names them; "anonymous" and "jobseeker" have none.</summary>
    public static async Task<HttpClient> ClientAsAsync(this PortalFactory factory, string who, bool followRedirects = false) => who switch
    {
        "anonymous" => factory.CreatePortalClient(followRedirects),
        "jobseeker" => await factory.ClientInRoleAsync(null, followRedirects),
        _ => await factory.ClientInRoleAsync(who, followRedirects),
    };
}
