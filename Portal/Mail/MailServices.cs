using Microsoft.Extensions.Options;

namespace Portal.Mail;

public static class MailServices
{
    public static IServiceCollection AddMail(this IServiceCollection services)
    {
        services.AddOptions<MailOptions>().BindConfiguration(MailOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<MailComposer>();
        services.AddSingleton<Outbox>();
        services.AddSingleton<OutboxMailSender>();
        services.AddSingleton<SmtpBacklog>();
        services.AddSingleton<SmtpMailSender>();
        services.AddHostedService<SmtpDelivery>();
        services.AddHealthChecks().AddCheck<MailQueueHealthCheck>("email");

        // Chosen once from configuration: SMTP when a host is set, otherwise the outbox folder.
        services.AddSingleton<IMailSender>(sp => sp.GetRequiredService<IOptions<MailOptions>>().Value.Smtp.IsConfigured
            ? sp.GetRequiredService<SmtpMailSender>()
            : sp.GetRequiredService<OutboxMailSender>());
        return services;
    }
}
