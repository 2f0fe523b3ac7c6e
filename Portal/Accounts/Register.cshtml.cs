using Microsoft.AspNetCore.RateLimiting;
using Portal.Security;

namespace Portal.Accounts;

[EnableRateLimiting(RateLimits.Registration)]
public class RegisterModel(AccountService accounts) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>After a sign-up: the address written to, with the same message whether it was new or not.</summary>
    [TempData]
    public string? SentTo { get; set; }

    /// <summary>The page chosen before signing up; the confirmation link carries it on.</summary>
    [ReturnAddress]
    public string? ReturnUrl { get; set; }

    public IActionResult OnGet() =>
        User.Identity?.IsAuthenticated == true ? this.ReturnOrRedirectToPage(ReturnUrl, AccountAddresses.HomePage(Roles.IsStaff(User))) : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await accounts.RegisterAsync(Input.Email, Input.Password, ReturnUrl, cancellationToken);
        if (!result.Succeeded)
        {
            ModelState.AddErrors(result.Errors);
            return Page();
        }

        SentTo = Input.Email.Trim();
        return RedirectToPage(new RouteValueDictionary { [AccountAddresses.ReturnUrl] = ReturnUrl });
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Alamat email wajib diisi.")]
        [EmailAddress(ErrorMessage = "Alamat email tidak valid.")]
        [StringLength(200, ErrorMessage = "Alamat email terlalu panjang.")]
        [Display(Name = "Alamat email")]
        public string Email { get; set; } = string.Empty;

        [Required(ErrorMessage = "Kata sandi wajib diisi.")]
        [NewPasswordLength]
        [DataType(DataType.Password)]
        [Display(Name = "Kata sandi")]
        public string Password { get; set; } = string.Empty;

        [Required(ErrorMessage = "Ulangi kata sandi.")]
        [Compare(nameof(Password), ErrorMessage = "Kedua kata sandi tidak sama.")]
        [DataType(DataType.Password)]
        [Display(Name = "Ulangi kata sandi")]
        public string ConfirmPassword { get; set; } = string.Empty;
    }
}
