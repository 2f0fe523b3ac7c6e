namespace Portal.Accounts;

public class ResetPasswordModel(AccountService accounts) : PageModel
{
    [BindProperty(SupportsGet = true, Name = AccountAddresses.User)]
    public string? UserId { get; set; }

    [BindProperty(SupportsGet = true, Name = AccountAddresses.Code)]
    public string? Code { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>Carried from the reset email to the sign-in page, so the person still ends where they were going.</summary>
    [ReturnAddress]
    public string? ReturnUrl { get; set; }

    public bool LinkIsValid { get; private set; } = true;

    public async Task OnGetAsync() => LinkIsValid = await accounts.IsResetLinkValidAsync(UserId, Code);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await accounts.ResetPasswordAsync(UserId, Code, Input.Password, cancellationToken);
        if (!result.Succeeded)
        {
            LinkIsValid = result.Errors.Any(e => e.Field is not null);
            ModelState.AddErrors(result.Errors);
            return Page();
        }

        TempData.SetStatus("Kata sandi Anda sudah diganti. Silakan masuk dengan kata sandi baru.");
        return RedirectToPage("/Accounts/SignIn", new RouteValueDictionary { [AccountAddresses.ReturnUrl] = ReturnUrl });
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Kata sandi baru wajib diisi.")]
        [NewPasswordLength]
        [DataType(DataType.Password)]
        [Display(Name = "Kata sandi baru")]
        public string Password { get; set; } = string.Empty;

        [Required(ErrorMessage = "Ulangi kata sandi baru.")]
        [Compare(nameof(Password), ErrorMessage = "Kedua kata sandi tidak sama.")]
        [DataType(DataType.Password)]
        [Display(Name = "Ulangi kata sandi baru")]
        public string ConfirmPassword { get; set; } = string.Empty;
    }
}
