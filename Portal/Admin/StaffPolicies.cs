using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Portal.Accounts;

namespace Portal.Admin;

/// <summary>
/// Who may use which part of the staff area, decided here and nowhere else: named policies over
/// the role constants, applied to the page folders by convention. A page added to a folder is
/// protected without anyone remembering to; the check runs on the server before any handler.
/// </summary>
public static class StaffPolicies
{
    /// <summary>Any member of staff: the /admin home.</summary>
    public const string Staff = "Staff";

    /// <summary>PR staff (and Admin): /admin/berita.</summary>
    public const string News = "Staff.News";

    /// <summary>Training operators (and Admin): /admin/pelatihan and the unsuppressed figures under /admin/statistik.</summary>
    public const string Training = "Staff.Training";

    /// <summary>Admin only: staff accounts and the audit trail.</summary>
    public const string Administration = "Staff.Administration";

    public static AuthorizationBuilder AddStaffPolicies(this AuthorizationBuilder builder) => builder
        .AddPolicy(Staff, policy => policy.RequireRole(Roles.All))
        .AddPolicy(News, policy => policy.RequireRole(Roles.Editor, Roles.Admin))
        .AddPolicy(Training, policy => policy.RequireRole(Roles.Operator, Roles.Admin))
        .AddPolicy(Administration, policy => policy.RequireRole(Roles.Admin));

    /// <summary>Folders of Portal/Admin and their policies; a page must pass every folder above it.</summary>
    public static void ApplyStaffPolicies(this PageConventionCollection conventions)
    {
        conventions.AuthorizeFolder("/Admin", Staff);
        conventions.AuthorizeFolder("/Admin/News", News);
        conventions.AuthorizeFolder("/Admin/Training", Training);
        conventions.AuthorizeFolder("/Admin/Statistics", Training);
        conventions.AuthorizeFolder("/Admin/Users", Administration);
        conventions.AuthorizePage("/Admin/Audit", Administration);
        conventions.AuthorizePage("/Admin/SearchIndex", Administration);
    }
}
