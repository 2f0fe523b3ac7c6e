namespace Portal.Mail;

public sealed class MailOptions
{
    public const string Section = "Portal:Mail";

    [Required]
    [EmailAddress]
    public string FromAddress { get; set; } = "no-reply@pelatihan.serangkota.go.id";

    [Required]
    public string FromName { get; set; } = "Portal Pelatihan Kerja Kota Serang";

    /// <summary>Delivery through an SMTP server; with no host, messages go to the outbox folder only.</summary>
    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>
    /// How often the queue is looked at besides the wake-up after each save that queued an email:
    /// for retries that have come due and for emails queued by another node.
    /// </summary>
    [Range(1, 3600)]
    public int PollIntervalSeconds { get; set; } = 15;

    /// <summary>The wait after a first failed attempt, doubled after each further one up to an hour.</summary>
    [Range(1, 3600)]
    public int RetryDelaySeconds { get; set; } = 60;

    /// <summary>
    /// Attempts before giving up on a message: it is then written to data/outbox and logged as an
    /// error, to be sent by hand. Ten take about four hours; the emailed links last 24.
    /// </summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 10;
}

public sealed class SmtpOptions
{
    /// <summary>Empty: no SMTP, every message is written to data/outbox as an .eml file.</summary>
    public string Host { get; set; } = string.Empty;

    public int Port { get; set; } = 587;

    /// <summary>STARTTLS on a plain port (587); set false only for a relay on the same machine.</summary>
    public bool UseStartTls { get; set; } = true;

    public string UserName { get; set; } = string.Empty;

    /// <summary>From an environment variable or user secrets, never from a file in the repository.</summary>
    public string Password { get; set; } = string.Empty;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);
}
