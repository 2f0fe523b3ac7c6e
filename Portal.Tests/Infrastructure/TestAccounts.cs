using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Identity;
using Portal.Data;

namespace Portal.Tests.Infrastructure;

/// <summary>Job seekers for tests: accounts made straight in the database (fast) and signed in over HTTP (real cookies).</summary>
public static class TestAccounts
{
    /// <summary>Long enough and not common: passes the password policy.</summary>
    public const string Password = "kopi-sablon-serang-2025";

    private static readonly Lazy<string> PasswordHash = new(() => new PasswordHasher<PortalUser>().HashPassword(new PortalUser(), Password));

    public static string NewEmail() => $"{TestData.Unique("pencaker")}@contoh.id";

    /// <summary>
    /// A job seeker account, email confirmed unless said otherwise, with the given profile (or none).
    /// The password hash is computed once per test run: hashing is slow on purpose.
    /// </summary>
    public static async Task<PortalUser> CreateJobSeekerAsync(
        this PortalFactory factory, Func<string, JobSeekerProfile>? profile = null, bool emailConfirmed = true, string? email = null)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        email ??= NewEmail();
        var user = new PortalUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = emailConfirmed,
            PasswordHash = PasswordHash.Value,
            CreatedAtUtc = PortalFactory.DefaultNow.UtcDateTime,
        };
        var created = await users.CreateAsync(user);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        if (profile is not null)
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            db.JobSeekerProfiles.Add(profile(user.Id));
            await db.SaveChangesAsync();
        }

        return user;
    }

    /// <summary>A new client (its own cookies) signed in through the real sign-in form.</summary>
    public static async Task<HttpClient> SignedInClientAsync(this PortalFactory factory, string email, string password = Password)
    {
        var client = factory.CreatePortalClient();
        using var response = await client.SignInAsync(email, password);
        Assert.True(response.StatusCode == HttpStatusCode.OK && response.RequestMessage!.RequestUri!.AbsolutePath != AccountLinks.SignIn,
            $"Signing in as {email} failed: ended at {response.RequestMessage?.RequestUri} with {(int)response.StatusCode}");
        return client;
    }

    /// <summary>Fills and posts the sign-in form; the response is where the browser ends up.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(this HttpClient client, string email, string password = Password)
    {
        var page = await client.GetPageAsync(AccountLinks.SignIn);
        return await client.SubmitAsync(page.MainForm(), new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
    }

    /// <summary>Fills and posts the registration form; the confirmation repeats the password unless told otherwise.</summary>
    public static async Task<HttpResponseMessage> RegisterAsync(this HttpClient client, string email, string password = Password, string? confirmPassword = null)
    {
        var page = await client.GetPageAsync(AccountLinks.Register);
        return await client.SubmitAsync(page.MainForm(), new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = confirmPassword ?? password,
        });
    }

    /// <summary>The page's form inside &lt;main&gt; (the header has the search and sign-out forms).</summary>
    public static IHtmlFormElement MainForm(this IHtmlDocument page, string selector = "main form") =>
        page.QuerySelector(selector) as IHtmlFormElement ?? throw new Xunit.Sdk.XunitException($"No form matches '{selector}' on {page.Url}");

    /// <summary>The validation message beside a field ("Input.Nik"), empty when there is none.</summary>
    public static string FieldError(this IHtmlDocument page, string fieldName) =>
        page.QuerySelector($"[data-valmsg-for='{fieldName}']")?.TextContent.Trim() ?? string.Empty;

    /// <summary>The messages of the form's summary (errors not tied to one field).</summary>
    public static string SummaryErrors(this IHtmlDocument page) =>
        page.QuerySelector(".validation-summary-errors")?.TextContent.Trim() ?? string.Empty;
}
