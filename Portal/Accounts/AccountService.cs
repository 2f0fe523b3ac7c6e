using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Portal.Mail;
using Portal.Security;

namespace Portal.Accounts;

public enum SignInOutcome
{
    SignedIn,

    /// <summary>Wrong email, wrong password or locked out: one answer for all, so nobody learns which addresses have accounts.</summary>
    Refused,

    /// <summary>The right password for an address not yet confirmed; only the password's owner gets this answer.</summary>
    EmailNotConfirmed,

    /// <summary>This client failed too often for this address: it waits, and the password was not checked.</summary>
    Throttled,
}

/// <summary>
/// What a sign-in attempt came to; <see cref="RetryAfter"/> only when <see cref="SignInOutcome.Throttled"/>,
/// <see cref="IsStaff"/> only when <see cref="SignInOutcome.SignedIn"/> (the request's own user is still anonymous then).
/// </summary>
public sealed record SignInAnswer(SignInOutcome Outcome, TimeSpan RetryAfter = default, bool IsStaff = false);

public enum PasswordCheck
{
    Correct,
    Wrong,
    LockedOut,
}

/// <summary>
/// Registration, sign-in, confirmation and password reset over ASP.NET Core Identity, written so
/// that the answers do not tell whether an address has an account (no enumeration): the pages
/// show the same message either way, and the unknown-address paths do the same slow work (one
/// password hash) as the known ones. Email goes through <see cref="Mailer"/>, which never
/// waits for a mail server; the emails a stranger can cause are limited per address by the
/// <see cref="EmailBudget"/>, and guessing from one client by the <see cref="SignInThrottle"/>.
/// </summary>
public sealed class AccountService(
    UserManager<PortalUser> users,
    SignInManager<PortalUser> signIn,
    IPasswordHasher<PortalUser> hasher,
    AccountEmails emails,
    Mailer mail,
    EmailBudget emailBudget,
    SignInThrottle throttle,
    SiteLinks links,
    TimeProvider clock,
    ILogger<AccountService> logger)
{
    public const string InvalidLinkMessage = "Tautan ini tidak berlaku atau sudah kedaluwarsa. Silakan minta tautan baru.";
    public const string LockedOutMessage = "Terlalu banyak percobaan kata sandi yang salah. Demi keamanan, coba lagi dalam 15 menit.";

    private static readonly PortalUser NobodyUser = new() { UserName = "nobody", Email = "nobody@invalid" };
    private static string? _nobodyHash;

    /// <summary>Creates the account and emails its confirmation link, which carries <paramref name="returnUrl"/> when it is local.</summary>
    public async Task<FormResult> RegisterAsync(string email, string password, string? returnUrl, CancellationToken cancellationToken)
    {
        email = email.Trim();
        var candidate = new PortalUser { UserName = email, Email = email, CreatedAtUtc = Wib.UtcNow(clock) };

        // Password rules first: their messages are about the password, never about the address.
        var passwordErrors = await PasswordErrorsAsync(candidate, password);
        if (passwordErrors.Count > 0)
        {
            return new FormResult(passwordErrors.Select(e => new FormError("Password", e)).ToList());
        }

        var existing = await users.FindByEmailAsync(email);
        if (existing is null)
        {
            try
            {
                var created = await users.CreateAsync(candidate, password);
                if (created.Succeeded)
                {
                    await SendConfirmationAsync(candidate, returnUrl, cancellationToken);
                    logger.LogInformation("Account {UserId} registered", candidate.Id);
                    return FormResult.Success;
                }

                if (!created.Errors.Any(e => e.Code is nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName)))
                {
                    return new FormResult(created.ToFormErrors("Email"));
                }
            }
            catch (DbUpdateException)
            {
                // Two sign-ups with one address at the same moment: the unique index kept the first.
            }

            existing = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException("The account was neither created nor found.");
        }
        else
        {
            // The same work as creating an account, so the answer takes about as long.
            hasher.HashPassword(candidate, password);
        }

        await SendWithinBudgetAsync(emails.AlreadyRegistered(existing.Email!, returnUrl), cancellationToken);
        return FormResult.Success;
    }

    /// <summary>
    /// Signs in from a client address; a wrong password counts against that client and the account.
    /// An unconfirmed owner gets a new confirmation link, carrying <paramref name="returnUrl"/> like the first.
    /// </summary>
    public async Task<SignInAnswer> SignInAsync(string email, string password, bool rememberMe, string clientAddress, string? returnUrl, CancellationToken cancellationToken)
    {
        if (throttle.WaitBeforeNextAttempt(clientAddress, email) is { } wait)
        {
            return new SignInAnswer(SignInOutcome.Throttled, wait);
        }

        var answer = await CheckSignInAsync(email, password, rememberMe, returnUrl, cancellationToken);
        if (answer.Outcome == SignInOutcome.Refused)
        {
            throttle.RecordFailure(clientAddress, email);
        }
        else
        {
            throttle.Forget(clientAddress, email);
        }

        return answer;
    }

    private async Task<SignInAnswer> CheckSignInAsync(string email, string password, bool rememberMe, string? returnUrl, CancellationToken cancellationToken)
    {
        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null)
        {
            // Verify against a fixed hash so that an unknown address costs as much as a known one.
            _nobodyHash ??= hasher.HashPassword(NobodyUser, Guid.NewGuid().ToString());
            hasher.VerifyHashedPassword(NobodyUser, _nobodyHash, password);
            return new SignInAnswer(SignInOutcome.Refused);
        }

        var wasLockedOut = await users.IsLockedOutAsync(user);
        var result = await signIn.PasswordSignInAsync(user, password, rememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return new SignInAnswer(SignInOutcome.SignedIn, IsStaff: Roles.IncludeStaff(await users.GetRolesAsync(user)));
        }

        if (!result.IsNotAllowed)
        {
            await TellOwnerIfJustLockedAsync(user, wasLockedOut, cancellationToken);
            return new SignInAnswer(SignInOutcome.Refused);
        }

        // Identity refuses an unconfirmed address before it looks at the password. Check the
        // password here, counting failures towards the lockout, so that a stranger gets the same
        // answer as for any wrong password and only the owner learns the address awaits confirmation.
        if (await users.IsLockedOutAsync(user))
        {
            return new SignInAnswer(SignInOutcome.Refused);
        }

        if (!await users.CheckPasswordAsync(user, password))
        {
            await users.AccessFailedAsync(user);
            await TellOwnerIfJustLockedAsync(user, wasLockedOut, cancellationToken);
            return new SignInAnswer(SignInOutcome.Refused);
        }

        await users.ResetAccessFailedCountAsync(user);
        await SendConfirmationAsync(user, returnUrl, cancellationToken);
        return new SignInAnswer(SignInOutcome.EmailNotConfirmed);
    }

    public async Task<bool> ConfirmEmailAsync(string? userId, string? code)
    {
        var user = userId is null ? null : await users.FindByIdAsync(userId);
        var token = Decode(code);
        if (user is null || token is null)
        {
            return false;
        }

        var result = await users.ConfirmEmailAsync(user, token);
        return result.Succeeded;
    }

    /// <summary>Sends a reset link (carrying the local <paramref name="returnUrl"/>) when the address has an account; the page says the same either way.</summary>
    public async Task SendPasswordResetAsync(string email, string? returnUrl, CancellationToken cancellationToken)
    {
        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null)
        {
            logger.LogInformation("Password reset asked for an address without an account");
            return;
        }

        if (!await emailBudget.TryTakeAsync(user.Email!, cancellationToken))
        {
            return;
        }

        var token = await users.GeneratePasswordResetTokenAsync(user);
        await mail.QueueAsync(emails.ResetPassword(user.Email!, links.ResetPassword(user.Id, Encode(token), returnUrl)), cancellationToken);
    }

    public async Task<bool> IsResetLinkValidAsync(string? userId, string? code)
    {
        var user = userId is null ? null : await users.FindByIdAsync(userId);
        var token = Decode(code);
        return user is not null && token is not null
            && await users.VerifyUserTokenAsync(user, users.Options.Tokens.PasswordResetTokenProvider, UserManager<PortalUser>.ResetPasswordTokenPurpose, token);
    }

    public async Task<FormResult> ResetPasswordAsync(string? userId, string? code, string password, CancellationToken cancellationToken)
    {
        var user = userId is null ? null : await users.FindByIdAsync(userId);
        var token = Decode(code);
        if (user is null || token is null)
        {
            return FormResult.Fail(null, InvalidLinkMessage);
        }

        var result = await users.ResetPasswordAsync(user, token, password);
        if (!result.Succeeded)
        {
            return result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken))
                ? FormResult.Fail(null, InvalidLinkMessage)
                : new FormResult(result.ToFormErrors("Password"));
        }

        // The reset link reached the inbox, which proves the address as well as a confirmation link
        // would; and whoever holds the inbox should not stay locked out by a stranger's guesses.
        if (!user.EmailConfirmed)
        {
            user.EmailConfirmed = true;
            await users.UpdateAsync(user);
        }

        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await mail.QueueAsync(emails.PasswordChanged(user.Email!), cancellationToken);
        logger.LogInformation("Password of account {UserId} reset", user.Id);
        return FormResult.Success;
    }

    public async Task<FormResult> ChangePasswordAsync(PortalUser user, string currentPassword, string newPassword, CancellationToken cancellationToken)
    {
        switch (await CheckPasswordAsync(user, currentPassword, cancellationToken))
        {
            case PasswordCheck.LockedOut:
                return FormResult.Fail("CurrentPassword", LockedOutMessage);
            case PasswordCheck.Wrong:
                return FormResult.Fail("CurrentPassword", "Kata sandi saat ini salah.");
        }

        var result = await users.ChangePasswordAsync(user, currentPassword, newPassword);
        if (!result.Succeeded)
        {
            return new FormResult(result.ToFormErrors("NewPassword"));
        }

        // The security stamp changed, which signs out other devices; this one stays signed in.
        await signIn.RefreshSignInAsync(user);
        await mail.QueueAsync(emails.PasswordChanged(user.Email!), cancellationToken);
        return FormResult.Success;
    }

    /// <summary>Re-entering the password before a sensitive step; wrong guesses count towards the lockout.</summary>
    public async Task<PasswordCheck> CheckPasswordAsync(PortalUser user, string password, CancellationToken cancellationToken)
    {
        var wasLockedOut = await users.IsLockedOutAsync(user);
        var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (!result.Succeeded)
        {
            await TellOwnerIfJustLockedAsync(user, wasLockedOut, cancellationToken);
        }

        return result.Succeeded ? PasswordCheck.Correct
            : result.IsLockedOut ? PasswordCheck.LockedOut
            : PasswordCheck.Wrong;
    }

    private async Task SendConfirmationAsync(PortalUser user, string? returnUrl, CancellationToken cancellationToken)
    {
        var token = await users.GenerateEmailConfirmationTokenAsync(user);
        await SendWithinBudgetAsync(emails.ConfirmEmail(user.Email!, links.ConfirmEmail(user.Id, Encode(token), returnUrl)), cancellationToken);
    }

    private async Task SendWithinBudgetAsync(OutgoingMail message, CancellationToken cancellationToken)
    {
        if (await emailBudget.TryTakeAsync(message.To, cancellationToken))
        {
            await mail.QueueAsync(message, cancellationToken);
        }
    }

    /// <summary>
    /// The owner hears of a lock at once, with the time it ends: someone else's guesses should not
    /// leave them puzzled, and a lock they did not cause is a reason to change the password. Not
    /// charged to the email budget: one lock lasts <see cref="AccountServices.LockoutDuration"/>,
    /// which already bounds these, and a flood of resets must not hide this warning.
    /// </summary>
    private async Task TellOwnerIfJustLockedAsync(PortalUser user, bool wasLockedOut, CancellationToken cancellationToken)
    {
        if (wasLockedOut || !await users.IsLockedOutAsync(user) || await users.GetLockoutEndDateAsync(user) is not { } lockedUntil)
        {
            return;
        }

        await mail.QueueAsync(emails.AccountLocked(user.Email!, lockedUntil.UtcDateTime), cancellationToken);
        logger.LogWarning("Account {UserId} locked after {Attempts} wrong passwords; its owner was told by email", user.Id, AccountServices.LockoutThreshold);
    }

    private async Task<List<string>> PasswordErrorsAsync(PortalUser user, string password)
    {
        var errors = new List<string>();
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, user, password);
            errors.AddRange(result.Errors.Select(e => e.Description));
        }

        return errors;
    }

    /// <summary>Identity's tokens contain '+', '/' and '='; links carry them base64url-encoded.</summary>
    private static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    private static string? Decode(string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
