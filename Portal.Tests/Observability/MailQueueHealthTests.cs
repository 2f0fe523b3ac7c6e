using System.Diagnostics.Metrics;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Portal.Mail;
using Portal.Tests.Mail;

namespace Portal.Tests.Observability;

public class MailQueueHealthTests(UnreachableSmtpFactory factory) : IClassFixture<UnreachableSmtpFactory>
{
    [Fact]
    public async Task An_SMTP_server_that_refuses_makes_the_email_check_degraded_and_counts_the_failure()
    {
        var failed = 0L;
        var queued = 0L;
        using var listener = new MeterListener();
        var meters = factory.Services.GetRequiredService<IMeterFactory>();
        listener.InstrumentPublished = (instrument, l) =>
        {
            // Only this app's meter: other test apps in the process count for themselves.
            if (instrument.Meter.Scope == meters && instrument.Name is "portal.emails.failed" or "portal.emails.queued")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
            Interlocked.Add(ref instrument.Name == "portal.emails.failed" ? ref failed : ref queued, value));
        listener.Start();
        var to = TestAccounts.NewEmail();

        await factory.QueueAsync(new OutgoingMail(to, "Uji antrean", "Isi."));
        await Eventually.TrueAsync(async () => (await factory.QueuedToAsync(to)).SingleOrDefault() is { LastError: not null }, "the refused attempt recorded");

        var email = await factory.EmailCheckAsync();
        Assert.True(email.Status == HealthStatus.Degraded, $"{email.Status}: {email.Description} {email.Exception}");
        Assert.Equal("smtp", email.Data["delivery"]);
        Assert.True((int)email.Data["failing"] >= 1);
        Assert.True(Interlocked.Read(ref failed) >= 1);
        Assert.True(Interlocked.Read(ref queued) >= 1);
        Assert.DoesNotContain(factory.Logs.Lines, line => line.Contains(to, StringComparison.Ordinal));
    }
}

internal static class EmailHealth
{
    public static async Task<HealthReportEntry> EmailCheckAsync(this PortalFactory factory)
    {
        var report = await factory.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(check => check.Name == "email");
        return report.Entries["email"];
    }
}

public class MailQueueLatenessTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task An_email_waiting_longer_than_ten_minutes_makes_the_email_check_degraded()
    {
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        Assert.Equal(HealthStatus.Healthy, (await factory.EmailCheckAsync()).Status);
        var row = MailTestData.Row(TestAccounts.NewEmail(), "Uji: menunggu", now, dueIn: TimeSpan.FromDays(1));
        await factory.AddAsync(row);

        factory.Clock.Advance(TimeSpan.FromMinutes(9));
        Assert.Equal(HealthStatus.Healthy, (await factory.EmailCheckAsync()).Status);
        factory.Clock.Advance(TimeSpan.FromMinutes(2));
        var late = await factory.EmailCheckAsync();

        Assert.Equal(HealthStatus.Degraded, late.Status);
        Assert.Equal("outbox", late.Data["delivery"]);
        Assert.Equal(1, late.Data["late"]);
    }
}
