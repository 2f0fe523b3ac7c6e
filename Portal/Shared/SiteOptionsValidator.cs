namespace Portal.Shared;

/// <summary>
/// Refuses to start without a public address outside Development (see
/// <see cref="SiteOptions.PublicBaseUrl"/> for why), and with one that is not a plain http(s) address.
/// </summary>
public sealed class SiteOptionsValidator(IHostEnvironment environment) : IValidateOptions<SiteOptions>
{
    public ValidateOptionsResult Validate(string? name, SiteOptions options)
    {
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
}
