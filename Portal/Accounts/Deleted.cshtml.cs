namespace Portal.Accounts;

public class DeletedModel : PageModel
{
    public void OnGet()
    {
    }
}
