using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Portal.Mail;
using Portal.Observability;
using Portal.Tests.Infrastructure;
using Portal.Tests.Mail;

namespace Portal.Tests.Observability;

public class MailQueueHealthTests(UnreachableSmtpFactory factory) : IClassFixture<UnreachableSmtpFactory>
{
    [Fact]
    public async Task An_SMTP_server_that_refuses_makes_the_email_check_degraded_and_counts_the_failure()
    {
        var failed = 0L;
        using var listener = new MeterListener();
        var meters = factory.Services.GetRequiredService<IMeterFactory>();
        listener.InstrumentPublished = (instrument, l) =>
        {
            // Only this app's meter: other test apps in the process count for themselves.
            if (instrument.Meter.Scope == meters && instrument.Name == "portal.emails.failed")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref failed, value));
        listener.Start();
        var to = TestAccounts.NewEmail();

        await factory.Services.GetRequiredService<IMailSender>().SendAsync(new OutgoingMail(to, "Uji antrean", "Isi."), CancellationToken.None);
        await Eventually.TrueAsync(() => Task.FromResult(factory.Outbox.To(to).Count == 1), "the refused email kept in the outbox");

        var report = await factory.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(check => check.Name == "email");
        var email = report.Entries["email"];
        Assert.True(email.Status == HealthStatus.Degraded, $"{email.Status}: {email.Description} {email.Exception}");
        Assert.Equal("smtp", email.Data["delivery"]);
        Assert.True((long)email.Data["failed"] >= 1);
        Assert.True((int)email.Data["failuresInARow"] >= 1);
        Assert.True(Interlocked.Read(ref failed) >= 1);
        Assert.DoesNotContain(factory.Logs.Lines, line => line.Contains(to, StringComparison.Ordinal));
    }
}
