namespace Portal.Shared;

public sealed class SiteOptions
{
    public const string Section = "Portal:Site";

    /// <summary>The configuration key of <see cref="PublicBaseUrl"/>, as an operator writes it.</summary>
    public const string PublicBaseUrlKey = Section + ":" + nameof(PublicBaseUrl);

    [Required]
    public string Name { get; set; } = "Portal Pelatihan Kerja Kota Serang";

    /// <summary>
    /// The portal's public address (e.g. "https://pelatihan.serangkota.go.id"): every emailed,
    /// canonical, feed and sitemap link is built from it, and requests naming another host are
    /// refused. Required outside Development, because the alternative — the request's Host
    /// header — is chosen by whoever sends the request: a password-reset email built from it
    /// hands the reset code to an attacker's server. Empty in Development only: the request's address.
    /// </summary>
    public string PublicBaseUrl { get; set; } = string.Empty;

    /// <summary>
    /// Further host names the portal answers to besides <see cref="PublicBaseUrl"/>'s (an old
    /// address during a move, say). Loopback names are always accepted, for health checks and
    /// metrics scraped on the machine itself; no link is ever built from any of them.
    /// </summary>
    public string[] AdditionalHosts { get; set; } = [];

    [Required]
    public string OfficeName { get; set; } = "Dinas Tenaga Kerja dan Transmigrasi Kota Serang";

    public string OfficeAddress { get; set; } = string.Empty;

    public string OfficePhone { get; set; } = string.Empty;

    public string OfficeEmail { get; set; } = string.Empty;

    public string OfficeHours { get; set; } = string.Empty;

    /// <summary>The office's WhatsApp (an Indonesian mobile number, as people write it); /kontak links it with wa.me.</summary>
    public string OfficeWhatsApp { get; set; } = string.Empty;

    /// <summary>A map of the office (https); empty: a Google Maps search for <see cref="OfficeAddress"/>.</summary>
    public string OfficeMapUrl { get; set; } = string.Empty;

    /// <summary>
    /// Where complaints go: SP4N-LAPOR!, the national public-service complaint channel every
    /// government office is connected to (Perpres 76/2013). Empty leaves it off /kontak.
    /// </summary>
    public string ComplaintUrl { get; set; } = "https://www.lapor.go.id";

    /// <summary>The map link /kontak shows: the configured one, else a search for the address, else none.</summary>
    public string? OfficeMapLink =>
        !string.IsNullOrWhiteSpace(OfficeMapUrl) ? OfficeMapUrl.Trim()
        : string.IsNullOrWhiteSpace(OfficeAddress) ? null
        : "https://www.google.com/maps/search/?api=1&query=" + Uri.EscapeDataString($"{OfficeName}, {OfficeAddress}".Trim());

    /// <summary>The public address as a URI, or null when it is not set (Development) or not valid.</summary>
    public Uri? PublicBaseUri =>
        Uri.TryCreate(PublicBaseUrl.Trim(), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment) && string.IsNullOrEmpty(uri.UserInfo)
            ? uri
            : null;
}
