namespace Portal.Mail;

/// <summary>How every email to the public ends: the office's name and a warning that replies are not read.</summary>
public static class MailSignature
{
    public static string For(SiteOptions site) => $"""
        Hormat kami,
        {site.OfficeName}
        {site.Name}

        Email ini dikirim otomatis; mohon tidak membalas email ini.
        """;
}
