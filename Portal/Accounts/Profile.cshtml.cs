using Microsoft.AspNetCore.Identity;

namespace Portal.Accounts;

/// <summary>The signed-in person's own profile; there is no id in the address, so nobody can ask for someone else's.</summary>
public class ProfileModel(ProfileService profiles, UserManager<PortalUser> users) : PageModel
{
    public string Email { get; private set; } = string.Empty;

    public JobSeekerProfile? Profile { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var userId = users.GetUserId(User)!;
        Email = users.GetUserName(User) ?? string.Empty;
        Profile = await profiles.FindAsync(userId, cancellationToken);
    }
}
