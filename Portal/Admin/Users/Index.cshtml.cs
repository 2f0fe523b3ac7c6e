namespace Portal.Admin.Users;

/// <summary>/admin/pengguna: staff accounts; a search by email finds any account (e.g. to give it a role).</summary>
public class IndexModel(StaffAccounts accounts) : PageModel
{
    [FromQuery(Name = "email")]
    public string? EmailSearch { get; set; }

    public List<StaffAccountView> Accounts { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Accounts = await accounts.ListAsync(EmailSearch, cancellationToken);
}
