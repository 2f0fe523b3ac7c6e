using netDumbster.smtp;
using Portal.Mail;

namespace Portal.Tests.Mail;

/// <summary>An SMTP server that refuses connections (port 1 on this machine): messages must not be lost.</summary>
public class UnreachableSmtpFactory : PortalFactory
{
    public const int MaxAttempts = 2;
    public const int RetryDelaySeconds = 60;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Portal:Mail:Smtp:Host"] = "127.0.0.1",
        ["Portal:Mail:Smtp:Port"] = "1",
        ["Portal:Mail:Smtp:UseStartTls"] = "false",
        ["Portal:Mail:MaxAttempts"] = MaxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Portal:Mail:RetryDelaySeconds"] = RetryDelaySeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

/// <summary>An SMTP server (netDumbster on loopback) that is down until a test starts it.</summary>
public class RecoveringSmtpFactory : PortalFactory
{
    public int SmtpPort { get; } = LoopbackPorts.Free();

    public SimpleSmtpServer? SmtpServer { get; private set; }

    public SimpleSmtpServer StartSmtpServer() => SmtpServer = SimpleSmtpServer.Start(SmtpPort);

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Portal:Mail:Smtp:Host"] = "127.0.0.1",
        ["Portal:Mail:Smtp:Port"] = SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Portal:Mail:Smtp:UseStartTls"] = "false",
        ["Portal:Mail:RetryDelaySeconds"] = "60",
    };

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SmtpServer?.Dispose();
        SmtpServer = null;
    }
}

public class SmtpRetryTests(RecoveringSmtpFactory factory) : IClassFixture<RecoveringSmtpFactory>
{
    [Fact]
    public async Task An_email_the_SMTP_server_could_not_take_is_tried_again_later_and_sent_once_it_is_back()
    {
        var to = TestAccounts.NewEmail();

        await factory.QueueAsync(new OutgoingMail(to, "Uji SMTP kembali", "Isi pesan."));
        await Eventually.TrueAsync(async () => (await factory.QueuedToAsync(to)).SingleOrDefault() is { Attempts: 1, LastError: not null }, "the first attempt failed");
        var server = factory.StartSmtpServer();

        factory.Clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(0, await factory.AnotherDeliveryLoop().DeliverDueAsync(CancellationToken.None));
        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        factory.WakeDelivery();
        await Eventually.TrueAsync(async () => (await factory.QueuedToAsync(to)).Count == 0, "the email left the queue");

        var received = Assert.Single(server.ReceivedEmail);
        Assert.Equal("Uji SMTP kembali", received.Subject);
        Assert.Equal(to, Assert.Single(received.ToAddresses).Address);
        Assert.Empty(factory.Outbox.To(to));
        Assert.DoesNotContain(factory.Logs.Lines, line => line.Contains(to, StringComparison.Ordinal));
    }
}

public class SmtpGiveUpTests(UnreachableSmtpFactory factory) : IClassFixture<UnreachableSmtpFactory>
{
    [Fact]
    public async Task A_message_the_SMTP_server_never_takes_is_kept_in_the_outbox_after_the_last_attempt()
    {
        var to = TestAccounts.NewEmail();

        await factory.QueueAsync(new OutgoingMail(to, "Uji SMTP", "Isi pesan."));

        Assert.IsType<SmtpTransport>(factory.Services.GetService(typeof(IMailTransport)));
        await Eventually.TrueAsync(async () => (await factory.QueuedToAsync(to)).SingleOrDefault() is { Attempts: 1, LastError: not null }, "the first attempt failed");
        Assert.Empty(factory.Outbox.To(to));

        factory.Clock.Advance(TimeSpan.FromSeconds(UnreachableSmtpFactory.RetryDelaySeconds));
        factory.WakeDelivery();
        await Eventually.TrueAsync(async () => (await factory.QueuedToAsync(to)).Count == 0, "the email left the queue after its last attempt");

        Assert.Equal("Uji SMTP", Assert.Single(factory.Outbox.To(to)).Subject);
        Assert.Contains(factory.Logs.Lines, line => line.Contains("after 2 attempts", StringComparison.Ordinal));
        Assert.DoesNotContain(factory.Logs.Lines, line => line.Contains(to, StringComparison.Ordinal));
    }
}
