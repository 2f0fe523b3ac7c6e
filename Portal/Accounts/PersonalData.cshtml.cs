using Microsoft.AspNetCore.Identity;

namespace Portal.Accounts;

/// <summary>Download of everything stored about me, and deleting the account; both behind the password, re-entered.</summary>
public class PersonalDataModel(AccountService accounts, PersonalDataService personalData, UserManager<PortalUser> users, SignInManager<PortalUser> signIn, TimeProvider clock) : PageModel
{
    public string? DownloadError { get; private set; }

    public string? DeleteError { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostDownloadAsync([FromForm(Name = "downloadPassword")] string? password, CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        DownloadError = await PasswordProblemAsync(user, password, cancellationToken);
        if (DownloadError is not null)
        {
            return Page();
        }

        var json = await personalData.ExportJsonAsync(user, cancellationToken);
        return File(json, "application/json; charset=utf-8", $"data-pribadi-{Wib.Today(clock):yyyy-MM-dd}.json");
    }

    public async Task<IActionResult> OnPostDeleteAsync([FromForm(Name = "deletePassword")] string? password, [FromForm(Name = "confirmDelete")] bool confirmed, CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        DeleteError = !confirmed
            ? "Centang pernyataan bahwa Anda memahami akibat penghapusan akun."
            : await PasswordProblemAsync(user, password, cancellationToken);
        if (DeleteError is not null)
        {
            return Page();
        }

        await personalData.DeleteAccountAsync(user, cancellationToken);
        await signIn.SignOutAsync();
        return RedirectToPage("/Accounts/Deleted");
    }

    private async Task<string?> PasswordProblemAsync(PortalUser user, string? password, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(password))
        {
            return "Masukkan kata sandi Anda.";
        }

        return await accounts.CheckPasswordAsync(user, password, cancellationToken) switch
        {
            PasswordCheck.Correct => null,
            PasswordCheck.LockedOut => AccountService.LockedOutMessage,
            _ => "Kata sandi salah.",
        };
    }
}
