using Portal.Accounts;
using Portal.Caching;

namespace Portal.Help;

/// <summary>
/// /kontak: how to reach the office and where to complain, all from <see cref="SiteOptions"/>
/// (validated at start, so every link shown works). A value left empty is left off the page.
/// </summary>
[CachedPage]
public class ContactModel(IOptions<SiteOptions> options) : PageModel
{
    public SiteOptions Site => options.Value;

    public string? TelephoneUri => PhoneNumbers.TelephoneUri(Site.OfficePhone);

    public string? WhatsAppUri => PhoneNumbers.WhatsAppChat(Site.OfficeWhatsApp);

    /// <summary>The WhatsApp number as people read it (0812-3456-7890), whatever way it was configured.</summary>
    public string? WhatsAppDisplay => PhoneNumbers.TryNormalize(Site.OfficeWhatsApp, out var number) ? PhoneNumbers.Display(number) : null;

    public string? Email => string.IsNullOrWhiteSpace(Site.OfficeEmail) ? null : Site.OfficeEmail.Trim();

    public string? ComplaintUri => string.IsNullOrWhiteSpace(Site.ComplaintUrl) ? null : Site.ComplaintUrl.Trim();

    public void OnGet()
    {
    }
}
