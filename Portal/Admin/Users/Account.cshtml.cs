namespace Portal.Admin.Users;

/// <summary>/admin/pengguna/{id}: one account's roles, and locking it.</summary>
public class AccountModel(StaffAccounts accounts) : PageModel
{
    public StaffAccountView Account { get; private set; } = null!;

    public bool IsSelf { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id) => await LoadAsync(id) ? Page() : NotFound();

    public Task<IActionResult> OnPostRolesAsync(string id, List<string> roles) =>
        ActAsync(id, () => accounts.SetRolesAsync(id, roles, StaffActor.From(User)), "Peran disimpan. Sesi yang sedang terbuka mengikuti peran baru dalam satu menit.");

    public Task<IActionResult> OnPostLockAsync(string id) =>
        ActAsync(id, () => accounts.LockAsync(id, StaffActor.From(User)), "Akun dikunci. Pemiliknya tidak dapat masuk, dan sesi yang terbuka berakhir dalam satu menit.");

    public Task<IActionResult> OnPostUnlockAsync(string id) =>
        ActAsync(id, () => accounts.UnlockAsync(id, StaffActor.From(User)), "Kunci akun dibuka.");

    private async Task<IActionResult> ActAsync(string id, Func<Task<FormResult>> action, string success)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        var result = await action();
        if (!result.Succeeded)
        {
            ModelState.AddErrors(result.Errors);
            return Page();
        }

        TempData.SetStatus(success);
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(string id)
    {
        var account = await accounts.FindAsync(id);
        if (account is null)
        {
            return false;
        }

        Account = account;
        IsSelf = StaffActor.From(User).UserId == id;
        return true;
    }
}
