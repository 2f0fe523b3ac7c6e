using Microsoft.AspNetCore.Identity;

namespace Portal.Accounts;

public class ChangePasswordModel(AccountService accounts, UserManager<PortalUser> users) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        var result = await accounts.ChangePasswordAsync(user, Input.CurrentPassword, Input.NewPassword, cancellationToken);
        if (!result.Succeeded)
        {
            ModelState.AddErrors(result.Errors);
            return Page();
        }

        TempData.SetStatus("Kata sandi Anda sudah diubah.");
        return RedirectToPage("/Accounts/Profile");
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Kata sandi saat ini wajib diisi.")]
        [StringLength(NewPasswordLengthAttribute.Maximum, ErrorMessage = "Kata sandi terlalu panjang.")]
        [DataType(DataType.Password)]
        [Display(Name = "Kata sandi saat ini")]
        public string CurrentPassword { get; set; } = string.Empty;

        [Required(ErrorMessage = "Kata sandi baru wajib diisi.")]
        [NewPasswordLength]
        [DataType(DataType.Password)]
        [Display(Name = "Kata sandi baru")]
        public string NewPassword { get; set; } = string.Empty;

        [Required(ErrorMessage = "Ulangi kata sandi baru.")]
        [Compare(nameof(NewPassword), ErrorMessage = "Kedua kata sandi tidak sama.")]
        [DataType(DataType.Password)]
        [Display(Name = "Ulangi kata sandi baru")]
        public string ConfirmPassword { get; set; } = string.Empty;
    }
}
