using System.ComponentModel.DataAnnotations;

namespace Portal.Shared;

public sealed class SiteOptions
{
    public const string Section = "Portal:Site";

    [Required]
    public string Name { get; set; } = "Portal Pelatihan Kerja Kota Serang";

    /// <summary>
    /// Public address used in canonical links, the feed and the sitemap (e.g.
    /// "https://pelatihan.serangkota.go.id"). Empty: the address of the request.
    /// </summary>
    public string PublicBaseUrl { get; set; } = string.Empty;

    [Required]
    public string OfficeName { get; set; } = "Dinas Tenaga Kerja dan Transmigrasi Kota Serang";

    public string OfficeAddress { get; set; } = string.Empty;

    public string OfficePhone { get; set; } = string.Empty;

    public string OfficeEmail { get; set; } = string.Empty;

    public string OfficeHours { get; set; } = string.Empty;
}
