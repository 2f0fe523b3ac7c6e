using Microsoft.AspNetCore.Identity;

namespace Portal.Accounts;

/// <summary>Signing out is a POST with an antiforgery token, so no link or image on another site can sign a person out.</summary>
public class SignOutModel(SignInManager<PortalUser> signIn) : PageModel
{
    public IActionResult OnGet() => User.Identity?.IsAuthenticated == true ? Page() : RedirectToPage("/Home/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        TempData.SetStatus("Anda telah keluar dari akun.");
        return RedirectToPage("/Home/Index");
    }
}
