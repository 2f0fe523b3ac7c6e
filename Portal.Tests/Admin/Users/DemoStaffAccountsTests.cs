using Microsoft.AspNetCore.Identity;
using Portal.Admin.Users;

namespace Portal.Tests.Admin.Users;

/// <summary>The app as `dotnet run` starts it on a developer's machine.</summary>
public class DevelopmentPortalFactory : PortalFactory
{
    protected override string EnvironmentName => "Development";
}

public class DemoStaffAccountsInDevelopmentTests(DevelopmentPortalFactory factory) : IClassFixture<DevelopmentPortalFactory>
{
    [Fact]
    public async Task Development_has_the_documented_demo_accounts_with_their_roles()
    {
        _ = factory.Server;
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();

        foreach (var (email, role) in DemoStaffAccounts.All)
        {
            var user = await users.FindByEmailAsync(email);
            Assert.NotNull(user);
            Assert.True(await users.CheckPasswordAsync(user, DemoStaffAccounts.Password));
            Assert.Equal([role], await users.GetRolesAsync(user));
        }

        var readme = await File.ReadAllTextAsync(Path.Combine(Portal.Shared.ContentRoot.Resolve(), "README.md"));
        Assert.Contains(DemoStaffAccounts.Password, readme, StringComparison.Ordinal);
        Assert.All(DemoStaffAccounts.All, account => Assert.Contains(account.Email, readme, StringComparison.Ordinal));
    }
}

public class NoDemoAccountsOutsideDevelopmentTests(ProductionPortalFactory factory) : IClassFixture<ProductionPortalFactory>
{
    [Fact]
    public async Task Production_has_no_demo_account_and_no_known_password()
    {
        using var client = factory.CreatePortalClient(followRedirects: false);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode);
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();

        Assert.All(DemoStaffAccounts.All, account => Assert.Null(users.FindByEmailAsync(account.Email).GetAwaiter().GetResult()));
        Assert.Empty(users.Users);
        Assert.All(Roles.All, role => Assert.True(roles.RoleExistsAsync(role).GetAwaiter().GetResult()));
    }
}
