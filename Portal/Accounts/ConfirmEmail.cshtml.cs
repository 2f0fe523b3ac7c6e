namespace Portal.Accounts;

public class ConfirmEmailModel(AccountService accounts) : PageModel
{
    public bool Confirmed { get; private set; }

    public async Task OnGetAsync([FromQuery(Name = AccountAddresses.User)] string? userId, [FromQuery(Name = AccountAddresses.Code)] string? code) =>
        Confirmed = await accounts.ConfirmEmailAsync(userId, code);
}
