using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Portal.Admin.Users;
using Portal.Tests.Admin.Users;

namespace Portal.Tests.Observability;

/// <summary>
/// In Development, where the demo accounts are made and where the outbox once logged each email's
/// link, registering and resetting a password leave no address, token or password in the log.
/// </summary>
public class LogPrivacyTests(DevelopmentPortalFactory factory) : IClassFixture<DevelopmentPortalFactory>
{
    [Fact]
    public async Task Registering_and_resetting_a_password_log_no_address_token_or_password()
    {
        var email = TestAccounts.NewEmail();
        const string password = "jalan-pagi-di-cipocok";
        const string newPassword = "sore-hari-di-walantaka";
        var client = factory.CreatePortalClient();

        (await client.RegisterAsync(email, password)).Dispose();
        var confirm = OutboxReader.LinkTo(factory.Outbox.Latest(email, "Konfirmasi"), AccountLinks.ConfirmEmail);
        await client.GetPageAsync(confirm);
        var forgot = (await client.GetPageAsync(AccountLinks.ForgotPassword)).MainForm();
        (await client.SubmitAsync(forgot, new Dictionary<string, string> { ["Input.Email"] = email })).Dispose();
        var reset = OutboxReader.LinkTo(factory.Outbox.Latest(email, "Atur ulang"), AccountLinks.ResetPassword);
        using (var done = await client.SubmitAsync((await client.GetPageAsync(reset)).MainForm(), new Dictionary<string, string>
        {
            ["Input.Password"] = newPassword,
            ["Input.ConfirmPassword"] = newPassword,
        }))
        {
            Assert.Equal(AccountLinks.SignIn, done.RequestMessage!.RequestUri!.AbsolutePath);
        }

        var lines = factory.Logs.Lines.ToList();
        Assert.Contains(lines, line => line.Contains("registered", StringComparison.Ordinal) && line.Contains("RequestId:", StringComparison.Ordinal));
        // Written by the delivery in the background, after the request: no request of its own.
        Assert.Contains(lines, line => line.Contains("written to", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("Demo staff account a***@contoh.go.id", StringComparison.Ordinal));
        var code = System.Web.HttpUtility.ParseQueryString(new Uri(new Uri("http://localhost"), reset).Query)["kode"]!;
        foreach (var secret in new[] { email, DemoStaffAccounts.All[0].Email, password, newPassword, code, "kode=" })
        {
            Assert.DoesNotContain(lines, line => line.Contains(secret, StringComparison.Ordinal));
        }

        Assert.Empty(lines.SelectMany(LogLeaks.Find));
    }

    [Fact]
    public void Json_log_lines_carry_the_request_id_when_configured()
    {
        var formatter = factory.Services.GetServices<ConsoleFormatter>().Single(f => f.Name == ConsoleFormatterNames.Json);
        var scopes = new LoggerExternalScopeProvider();
        using var request = scopes.Push(new Dictionary<string, object> { ["RequestId"] = "0HNQ-UJI", ["RequestPath"] = "/akun/masuk" });
        using var output = new StringWriter();

        formatter.Write(new LogEntry<string>(LogLevel.Information, "Portal", new EventId(1), "Account 42 registered", null, (s, _) => s), scopes, output);

        using var json = JsonDocument.Parse(output.ToString());
        Assert.Equal("Account 42 registered", json.RootElement.GetProperty("Message").GetString());
        Assert.Contains(json.RootElement.GetProperty("Scopes").EnumerateArray(),
            scope => scope.TryGetProperty("RequestId", out var id) && id.GetString() == "0HNQ-UJI");
        Assert.EndsWith("Z", json.RootElement.GetProperty("Timestamp").GetString(), StringComparison.Ordinal);
    }
}
