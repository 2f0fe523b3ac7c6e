using Microsoft.Extensions.DependencyInjection;
using Portal.Mail;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Mail;

public class OutboxMailSenderTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Without_SMTP_each_email_is_an_eml_file_in_the_outbox()
    {
        var sender = factory.Services.GetRequiredService<IMailSender>();
        var to = TestAccounts.NewEmail();

        await sender.SendAsync(new OutgoingMail(to, "Uji: pelatihan dibuka", "Halo, pelatihan barista dibuka hari Senin."), CancellationToken.None);

        Assert.IsType<OutboxMailSender>(sender);
        var message = factory.Outbox.Latest(to, "pelatihan dibuka");
        Assert.Equal("Halo, pelatihan barista dibuka hari Senin.", message.TextBody?.Trim());
        Assert.Equal("no-reply@pelatihan.serangkota.go.id", message.From.Mailboxes.Single().Address);
    }
}

/// <summary>An SMTP server that refuses connections (port 1 on this machine): messages must not be lost.</summary>
public class UnreachableSmtpFactory : PortalFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Portal:Mail:Smtp:Host"] = "127.0.0.1",
        ["Portal:Mail:Smtp:Port"] = "1",
        ["Portal:Mail:Smtp:UseStartTls"] = "false",
    };
}

public class SmtpMailSenderTests(UnreachableSmtpFactory factory) : IClassFixture<UnreachableSmtpFactory>
{
    [Fact]
    public async Task A_message_the_SMTP_server_does_not_take_is_kept_in_the_outbox()
    {
        var sender = factory.Services.GetRequiredService<IMailSender>();
        var to = TestAccounts.NewEmail();

        await sender.SendAsync(new OutgoingMail(to, "Uji SMTP", "Isi pesan."), CancellationToken.None);

        Assert.IsType<SmtpMailSender>(sender);

        // Delivery runs in the background; wait (bounded) for its outcome, the file.
        for (var i = 0; i < 300 && factory.Outbox.To(to).Count == 0; i++)
        {
            await Task.Delay(100);
        }

        Assert.Equal("Uji SMTP", factory.Outbox.Latest(to, "Uji SMTP").Subject);
    }
}
