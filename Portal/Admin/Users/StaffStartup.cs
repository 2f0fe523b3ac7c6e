using Portal.Accounts;

namespace Portal.Admin.Users;

/// <summary>Demo staff accounts for Development, documented in the README. Never created elsewhere.</summary>
public static class DemoStaffAccounts
{
    public const string Password = "Demo-Serang-2025!";

    public static readonly IReadOnlyList<(string Email, string Role)> All =
    [
        ("admin@contoh.go.id", Roles.Admin),
        ("editor@contoh.go.id", Roles.Editor),
        ("operator@contoh.go.id", Roles.Operator),
    ];

    public static readonly StaffActor Actor = new(null, "penyiapan demo (Development)");
}

/// <summary>
/// At start-up, once the database is migrated (before the host starts): the staff roles exist in
/// every environment; the demo accounts only in Development, so that no known password exists on a
/// real server.
/// </summary>
internal sealed class StaffStartup(IServiceScopeFactory scopes, IHostEnvironment environment, ILogger<StaffStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<StaffAccounts>();
        await accounts.EnsureRolesAsync();
        if (!environment.IsDevelopment())
        {
            return;
        }

        foreach (var (email, role) in DemoStaffAccounts.All)
        {
            var result = await accounts.CreateAsync(email, [role], DemoStaffAccounts.Password, DemoStaffAccounts.Actor);
            if (result.Succeeded)
            {
                logger.LogInformation("Demo staff account {Email} ({Role}) created; the password is in the README", LogRedaction.Email(email), role);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
