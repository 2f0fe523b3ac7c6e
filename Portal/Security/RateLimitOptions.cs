namespace Portal.Security;

/// <summary>
/// How much one client (address) or one account may ask of the portal. The defaults are meant
/// for production: generous for a person, too little for a script. Tests lower them to see a
/// limit, or raise them so that one test client can sign in hundreds of times.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "Portal:RateLimits";

    /// <summary>
    /// Sign-in form posts per client address per minute, whatever the accounts tried. Generous,
    /// because many phones share one address on a mobile network or the office's Wi-Fi on a
    /// registration day; guessing one account's password is stopped per account and client.
    /// </summary>
    [Range(1, 1_000_000)]
    public int SignInsPerMinute { get; set; } = 30;

    /// <summary>
    /// Wrong passwords for one account from one client address before that client must wait:
    /// below the lockout threshold (AccountServices.LockoutThreshold), so that one client alone
    /// can never lock an account, a staff account included.
    /// </summary>
    [Range(1, 1_000_000)]
    public int FailedSignInsPerAccountAndClient { get; set; } = 3;

    [Range(1, 24 * 60)]
    public int FailedSignInWindowMinutes { get; set; } = 15;

    /// <summary>Registration posts per client address per hour.</summary>
    [Range(1, 1_000_000)]
    public int RegistrationsPerHour { get; set; } = 60;

    /// <summary>Password-reset requests per client address per hour (each address also has its <see cref="EmailsPerAddressPerHour"/>).</summary>
    [Range(1, 1_000_000)]
    public int PasswordResetsPerHour { get; set; } = 30;

    /// <summary>
    /// Account emails a stranger can cause (confirmation, "already registered", reset) per
    /// recipient address per hour, however many clients ask: the portal must not be a way to
    /// flood someone's inbox.
    /// </summary>
    [Range(1, 1_000_000)]
    public int EmailsPerAddressPerHour { get; set; } = 5;

    /// <summary>Application posts per account per hour.</summary>
    [Range(1, 1_000_000)]
    public int ApplicationsPerHour { get; set; } = 20;

    /// <summary>Profile saves per account per hour.</summary>
    [Range(1, 1_000_000)]
    public int ProfileSavesPerHour { get; set; } = 20;

    /// <summary>Different NIKs one account may enter in one day (WIB); see ProfileService.</summary>
    [Range(1, 1_000)]
    public int NikChangesPerDay { get; set; } = 3;

    /// <summary>Searches per client address per minute.</summary>
    [Range(1, 1_000_000)]
    public int SearchesPerMinute { get; set; } = 60;

    /// <summary>Article editor posts (which may carry a cover image to decode and re-encode) per staff account per minute.</summary>
    [Range(1, 1_000_000)]
    public int UploadsPerMinute { get; set; } = 20;
}
