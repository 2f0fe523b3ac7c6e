using Microsoft.AspNetCore.Identity;

namespace Portal.Accounts;

/// <summary>
/// Refuses passwords from a list of the most common ones (common-passwords.txt, English and
/// Indonesian), also with digits or symbols added at the end, and the email address itself.
/// Length plus a block list is the current advice (NIST SP 800-63B), rather than rules about
/// capitals and symbols that push people to "Password1!".
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<PortalUser>
{
    public const string ErrorCode = "CommonPassword";

    private static readonly Lazy<HashSet<string>> Common = new(Load);

    public Task<IdentityResult> ValidateAsync(UserManager<PortalUser> manager, PortalUser user, string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return Task.FromResult(IdentityResult.Success);
        }

        if (IsCommon(password))
        {
            return Task.FromResult(Fail("Kata sandi ini terlalu umum dan mudah ditebak. Pilih yang lain, misalnya gabungan tiga kata yang hanya Anda ketahui."));
        }

        var email = user.Email ?? string.Empty;
        var localPart = email.Split('@')[0];
        var trimmed = password.Trim();
        if (trimmed.Equals(email, StringComparison.OrdinalIgnoreCase) || (localPart.Length > 0 && trimmed.Equals(localPart, StringComparison.OrdinalIgnoreCase)))
        {
            return Task.FromResult(Fail("Kata sandi tidak boleh sama dengan alamat email."));
        }

        return Task.FromResult(IdentityResult.Success);
    }

    public static bool IsCommon(string password)
    {
        var lowered = password.Trim().ToLowerInvariant();
        var stem = lowered.TrimEnd("0123456789!@#$%^&*.,-_?~ ".ToCharArray());
        return Common.Value.Contains(lowered) || (stem.Length > 0 && Common.Value.Contains(stem));
    }

    private static IdentityResult Fail(string description) =>
        IdentityResult.Failed(new IdentityError { Code = ErrorCode, Description = description });

    private static HashSet<string> Load()
    {
        using var stream = typeof(CommonPasswordValidator).Assembly.GetManifestResourceStream("Portal.Accounts.common-passwords.txt")
            ?? throw new InvalidOperationException("common-passwords.txt is not embedded in the assembly");
        using var reader = new StreamReader(stream);
        var passwords = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            var entry = line.Trim().ToLowerInvariant();
            if (entry.Length > 0 && !entry.StartsWith('#'))
            {
                passwords.Add(entry);
            }
        }

        return passwords;
    }
}
