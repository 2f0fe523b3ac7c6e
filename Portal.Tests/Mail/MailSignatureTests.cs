using Microsoft.Extensions.Options;
using Portal.Shared;
using Portal.Training;

namespace Portal.Tests.Mail;

public class MailSignatureTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Account_and_application_emails_end_with_the_office_signature()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var site = scope.ServiceProvider.GetRequiredService<IOptions<SiteOptions>>().Value;
        var batch = TestApplications.OpenBatch();
        var bodies = new[]
        {
            scope.ServiceProvider.GetRequiredService<AccountEmails>().AccountDeleted("warga@example.id").Body,
            scope.ServiceProvider.GetRequiredService<ApplicationEmails>().StatusChanged("warga@example.id", "Siti", batch.Programme!, batch, ApplicationStatus.Diterima, null).Body,
        };

        Assert.All(bodies, body => Assert.EndsWith($"Hormat kami,\n{site.OfficeName}\n{site.Name}\n\nEmail ini dikirim otomatis; mohon tidak membalas email ini.", body.ReplaceLineEndings("\n"), StringComparison.Ordinal));
    }
}
