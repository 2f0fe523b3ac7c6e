using Microsoft.AspNetCore.RateLimiting;
using Portal.Security;

namespace Portal.Accounts;

[EnableRateLimiting(RateLimits.PasswordReset)]
public class ForgotPasswordModel(AccountService accounts) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>The address written to; the same message whether it has an account or not.</summary>
    [TempData]
    public string? SentTo { get; set; }

    /// <summary>The batch (or page) the person was on their way to; the reset email's link carries it on.</summary>
    [ReturnAddress]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        await accounts.SendPasswordResetAsync(Input.Email, ReturnUrl, cancellationToken);
        SentTo = Input.Email.Trim();
        return RedirectToPage(new RouteValueDictionary { [AccountAddresses.ReturnUrl] = ReturnUrl });
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Alamat email wajib diisi.")]
        [EmailAddress(ErrorMessage = "Alamat email tidak valid.")]
        [StringLength(200, ErrorMessage = "Alamat email terlalu panjang.")]
        [Display(Name = "Alamat email akun Anda")]
        public string Email { get; set; } = string.Empty;
    }
}
