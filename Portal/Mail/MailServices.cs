namespace Portal.Mail;

public static class MailServices
{
    /// <summary>
    /// Email: the queue that requests write to in their own transaction, the recorder that wakes
    /// the delivery once such a save is committed, and the delivery over one transport.
    /// </summary>
    public static IServiceCollection AddMail(this IServiceCollection services)
    {
        services.AddOptions<MailOptions>().BindConfiguration(MailOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<MailComposer>();
        services.AddSingleton<Outbox>();

        // Chosen once from configuration: SMTP when a host is set, otherwise the outbox folder.
        services.AddSingleton<IMailTransport>(sp => sp.GetRequiredService<IOptions<MailOptions>>().Value.Smtp.IsConfigured
            ? ActivatorUtilities.CreateInstance<SmtpTransport>(sp)
            : ActivatorUtilities.CreateInstance<OutboxTransport>(sp));

        services.AddSingleton<MailSignal>();
        services.AddSingleton<MailQueueRecorder>();
        services.ConfigurePortalDbContext((sp, options) => options.AddInterceptors(sp.GetRequiredService<MailQueueRecorder>()));
        services.AddScoped<Mailer>();
        services.AddHostedService<MailDelivery>();
        services.AddHealthChecks().AddCheck<MailQueueHealthCheck>("email");
        return services;
    }
}
