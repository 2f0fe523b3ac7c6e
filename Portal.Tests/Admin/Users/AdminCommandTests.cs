using Microsoft.AspNetCore.Identity;
using Portal.Admin;
using Portal.Admin.Users;
using Portal.Shared;

namespace Portal.Tests.Admin.Users;

/// <summary>`dotnet run --project Portal -- admin create --email …`, called directly with the app's services.</summary>
public class AdminCommandTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Password = "Admin-Serang-2025!";

    [Fact]
    public async Task The_first_admin_is_created_with_the_password_from_the_environment()
    {
        var email = $"{TestData.Unique("admin")}@contoh.go.id";
        var (console, output, _) = Console(environment: Password);

        var exit = await AdminCommand.RunAsync(["admin", "create", "--email", email], factory.Services, console);

        Assert.Equal(0, exit);
        Assert.Contains($"Akun Admin {email} dibuat", output.ToString(), StringComparison.Ordinal);
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        Assert.True(await users.CheckPasswordAsync(user, Password));
        Assert.Equal([Roles.Admin], await users.GetRolesAsync(user));
        var entry = await factory.WithDbAsync(db => db.AuditEntries.SingleAsync(e => e.Target == email));
        Assert.Equal(AuditAction.StaffAccountCreated, entry.Action);
        Assert.Equal(StaffActor.CommandLine.Name, entry.ActorName);
    }

    [Fact]
    public async Task Without_the_variable_the_password_is_asked_twice_and_must_match()
    {
        var email = $"{TestData.Unique("admin")}@contoh.go.id";
        var (mismatch, _, errors) = Console(answers: [Password, "Lain-2025!"]);

        Assert.Equal(1, await AdminCommand.RunAsync(["admin", "create", $"--email={email}"], factory.Services, mismatch));
        Assert.Contains("tidak sama", errors.ToString(), StringComparison.Ordinal);
        Assert.Null(await FindAsync(email));

        var (matching, _, _) = Console(answers: [Password, Password]);
        Assert.Equal(0, await AdminCommand.RunAsync(["admin", "create", $"--email={email}"], factory.Services, matching));
        Assert.NotNull(await FindAsync(email));
    }

    [Fact]
    public async Task An_existing_account_is_given_the_admin_role_and_keeps_its_password()
    {
        var existing = await factory.CreateUserAsync();
        var (console, output, _) = Console();

        var exit = await AdminCommand.RunAsync(["admin", "create", "--email", existing.Email!], factory.Services, console);

        Assert.Equal(0, exit);
        Assert.Contains("kini berperan Admin", output.ToString(), StringComparison.Ordinal);
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = (await users.FindByIdAsync(existing.Id))!;
        Assert.True(await users.IsInRoleAsync(user, Roles.Admin));
        Assert.True(await users.CheckPasswordAsync(user, SignIn.Password));
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("admin create")]
    [InlineData("admin delete --email a@contoh.go.id")]
    public async Task Anything_else_prints_the_usage(string arguments)
    {
        var (console, _, errors) = Console(environment: Password);

        var exit = await AdminCommand.RunAsync(arguments.Split(' '), factory.Services, console);

        Assert.Equal(2, exit);
        Assert.Contains("Penggunaan: dotnet run --project Portal -- admin create --email", errors.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_weak_password_is_refused_and_nothing_is_created()
    {
        var email = $"{TestData.Unique("admin")}@contoh.go.id";
        var (console, _, errors) = Console(environment: "123");

        Assert.Equal(1, await AdminCommand.RunAsync(["admin", "create", "--email", email], factory.Services, console));
        Assert.NotEmpty(errors.ToString());
        Assert.Null(await FindAsync(email));
    }

    [Fact]
    public void Only_the_admin_verb_is_taken_as_a_command()
    {
        Assert.True(AdminCommand.IsInvoked(["admin", "create"]));
        Assert.False(AdminCommand.IsInvoked([]));
        Assert.False(AdminCommand.IsInvoked(["--urls", "http://localhost:5080"]));
    }

    private static (CommandConsole Console, StringWriter Output, StringWriter Errors) Console(string? environment = null, string[]? answers = null)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var queue = new Queue<string>(answers ?? []);
        var console = new CommandConsole(output, errors,
            _ => queue.TryDequeue(out var answer) ? answer : null,
            name => name == AdminCommand.PasswordVariable ? environment : null);
        return (console, output, errors);
    }

    private async Task<PortalUser?> FindAsync(string email)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(email);
    }
}
