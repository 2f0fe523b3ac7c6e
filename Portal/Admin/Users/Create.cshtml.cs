namespace Portal.Admin.Users;

/// <summary>/admin/pengguna/baru: an Admin creates a staff account with its roles and a first password.</summary>
public class CreateModel(StaffAccounts accounts) : PageModel
{
    public sealed class StaffAccountForm
    {
        [Display(Name = "Email")]
        [Required(ErrorMessage = "Email wajib diisi.")]
        [EmailAddress(ErrorMessage = "Alamat email tidak valid.")]
        [StringLength(256, ErrorMessage = "Email paling panjang 256 karakter.")]
        public string Email { get; set; } = string.Empty;

        [Display(Name = "Peran")]
        public List<string> Roles { get; set; } = [];

        [Display(Name = "Kata sandi awal")]
        [Required(ErrorMessage = "Kata sandi awal wajib diisi.")]
        [DataType(DataType.Password)]
        public string Password { get; set; } = string.Empty;
    }

    [BindProperty]
    public StaffAccountForm Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await accounts.CreateAsync(Input.Email, Input.Roles, Input.Password, StaffActor.From(User));
        if (!result.Succeeded)
        {
            ModelState.AddErrors(result.Errors);
            return Page();
        }

        TempData.SetStatus($"Akun {Input.Email.Trim()} dibuat. Sampaikan kata sandi awal secara langsung dan minta staf menggantinya.");
        return RedirectToPage("/Admin/Users/Account", new { id = result.Value });
    }
}
