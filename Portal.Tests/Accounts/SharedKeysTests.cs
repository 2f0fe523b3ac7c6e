using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace Portal.Tests.Accounts;

/// <summary>
/// Two nodes on one PostgreSQL database, each with its own data folder, behind a load balancer
/// that sends a person's next request to either: the data-protection keys are in the database, so
/// what one node signed (the sign-in cookie, a password-reset link) opens on the other.
/// </summary>
[Trait("Database", "PostgreSqlOnly")]
public sealed class SharedKeysTests : IDisposable
{
    private readonly SharedDatabase _database = new();

    [Fact]
    public async Task A_sign_in_and_an_emailed_link_made_by_one_node_work_on_the_other()
    {
        using var nodeA = new ClusterNodeFactory(_database.Path, "node-a");
        using var nodeB = new ClusterNodeFactory(_database.Path, "node-b");
        var user = await nodeA.CreateJobSeekerAsync();
        var browser = new CookieContainer();
        using var onA = Client(nodeA, browser);
        using var onB = Client(nodeB, browser);

        using (var signedIn = await onA.SignInAsync(user.Email!))
        {
            Assert.Equal(AccountLinks.Profile, signedIn.RequestMessage!.RequestUri!.AbsolutePath);
        }

        using (var profileOnB = await onB.GetAsync(new Uri(AccountLinks.Profile, UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, profileOnB.StatusCode);
            Assert.Equal(AccountLinks.Profile, profileOnB.RequestMessage!.RequestUri!.AbsolutePath);
            Assert.NotNull((await Html.ParseAsync(profileOnB)).QuerySelector($"form[action='{AccountLinks.SignOut}']"));
        }

        // Signed out, in another browser: the reset asked for on node A, opened on node B.
        var anotherBrowser = new CookieContainer();
        using var forgetfulOnA = Client(nodeA, anotherBrowser);
        using var forgetfulOnB = Client(nodeB, anotherBrowser);
        var forgot = (await forgetfulOnA.GetPageAsync(AccountLinks.ForgotPassword)).MainForm();
        using (await forgetfulOnA.SubmitAsync(forgot, new Dictionary<string, string> { ["Input.Email"] = user.Email! }))
        {
        }

        // Whichever node sent it (one at a time sends the queue), the link was made by node A.
        var email = Assert.Single(nodeA.Outbox.To(user.Email!).Concat(nodeB.Outbox.To(user.Email!)), m => m.Subject!.Contains("Atur ulang", StringComparison.Ordinal));
        var resetPage = await forgetfulOnB.GetPageAsync(OutboxReader.LinkTo(email, AccountLinks.ResetPassword));
        const string newPassword = "teh-manis-di-taktakan";
        using (var reset = await forgetfulOnB.SubmitAsync(resetPage.MainForm(), new Dictionary<string, string>
        {
            ["Input.Password"] = newPassword,
            ["Input.ConfirmPassword"] = newPassword,
        }))
        {
            Assert.Equal(AccountLinks.SignIn, reset.RequestMessage!.RequestUri!.AbsolutePath);
            Assert.Contains("sudah diganti", (await Html.ParseAsync(reset)).Text(".status-message"), StringComparison.Ordinal);
        }

        using var signedInOnB = await forgetfulOnB.SignInAsync(user.Email!, newPassword);
        Assert.Equal(AccountLinks.Profile, signedInOnB.RequestMessage!.RequestUri!.AbsolutePath);
    }

    public void Dispose() => _database.Dispose();

    /// <summary>A browser's tab on one node: the cookies are the browser's, whichever node answers.</summary>
    private static HttpClient Client(PortalFactory node, CookieContainer browser) =>
        node.CreateDefaultClient(new RedirectHandler(), new CookieContainerHandler(browser));
}
