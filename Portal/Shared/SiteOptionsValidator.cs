using Portal.Accounts;

namespace Portal.Shared;

/// <summary>
/// Refuses to start without a public address outside Development (see
/// <see cref="SiteOptions.PublicBaseUrl"/> for why), and with one that is not a plain http(s) address.
/// </summary>
public sealed class SiteOptionsValidator(IHostEnvironment environment) : IValidateOptions<SiteOptions>
{
    public ValidateOptionsResult Validate(string? name, SiteOptions options)
    {
        var contact = ContactProblems(options).ToList();
        if (contact.Count > 0)
        {
            return ValidateOptionsResult.Fail(contact);
        }

        if (string.IsNullOrWhiteSpace(options.PublicBaseUrl))
        {
            return environment.IsDevelopment()
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail(
                    $"{SiteOptions.PublicBaseUrlKey} belum diisi: isi dengan alamat publik portal, misalnya https://pelatihan.serangkota.go.id " +
                    $"(variabel lingkungan Portal__Site__PublicBaseUrl). Tautan di email dan halaman dibuat dari alamat ini, bukan dari header Host permintaan.");
        }

        if (options.PublicBaseUri is not { } uri)
        {
            return ValidateOptionsResult.Fail(
                $"{SiteOptions.PublicBaseUrlKey} = \"{options.PublicBaseUrl}\" bukan alamat http(s) yang sah: tulis seperti https://pelatihan.serangkota.go.id, tanpa ? atau #.");
        }

        // Password-reset and confirmation links carry a code that signs in as their owner: over
        // plain HTTP anyone on the way reads it. Plain HTTP only for a portal on this machine.
        return uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback && !environment.IsDevelopment()
            ? ValidateOptionsResult.Fail(
                $"{SiteOptions.PublicBaseUrlKey} = \"{options.PublicBaseUrl}\" memakai http: alamat publik harus https (tautan di email membawa kode masuk), kecuali untuk localhost.")
            : ValidateOptionsResult.Success;
    }

    /// <summary>
    /// The office's contact (/kontak, the footer): each value is optional, but one that is set must
    /// work when a citizen taps it, so a typo stops the start instead of shipping a dead link.
    /// </summary>
    private static IEnumerable<string> ContactProblems(SiteOptions options)
    {
        const string Key = SiteOptions.Section + ":";
        if (Filled(options.OfficePhone) && PhoneNumbers.TelephoneUri(options.OfficePhone) is null)
        {
            yield return $"{Key}{nameof(SiteOptions.OfficePhone)} = \"{options.OfficePhone}\" bukan nomor telepon Indonesia: tulis seperti (0254) 123456 atau +62 254 123456.";
        }

        if (Filled(options.OfficeWhatsApp) && !PhoneNumbers.TryNormalize(options.OfficeWhatsApp, out _))
        {
            yield return $"{Key}{nameof(SiteOptions.OfficeWhatsApp)} = \"{options.OfficeWhatsApp}\" bukan nomor seluler Indonesia: tulis seperti 0812-3456-7890 atau +62 812-3456-7890.";
        }

        if (Filled(options.OfficeEmail) && !new EmailAddressAttribute().IsValid(options.OfficeEmail.Trim()))
        {
            yield return $"{Key}{nameof(SiteOptions.OfficeEmail)} = \"{options.OfficeEmail}\" bukan alamat email yang sah.";
        }

        foreach (var (setting, value) in new[] { (nameof(SiteOptions.OfficeMapUrl), options.OfficeMapUrl), (nameof(SiteOptions.ComplaintUrl), options.ComplaintUrl) })
        {
            if (Filled(value) && !(Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps))
            {
                yield return $"{Key}{setting} = \"{value}\" bukan alamat https yang sah.";
            }
        }
    }

    private static bool Filled(string? value) => !string.IsNullOrWhiteSpace(value);
}
