using System.ComponentModel.DataAnnotations;

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
