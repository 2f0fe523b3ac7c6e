namespace Portal.Accounts;

public class ConfirmEmailModel(AccountService accounts) : PageModel
{
    public bool Confirmed { get; private set; }

    /// <summary>The page chosen before registering, carried by the emailed link on to signing in.</summary>
    [ReturnAddress]
    public string? ReturnUrl { get; set; }

    public async Task OnGetAsync([FromQuery(Name = AccountAddresses.User)] string? userId, [FromQuery(Name = AccountAddresses.Code)] string? code) =>
        Confirmed = await accounts.ConfirmEmailAsync(userId, code);
}
