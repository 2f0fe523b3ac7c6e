using Microsoft.AspNetCore.Identity;
using Portal.Accounts;

namespace Portal.Admin.Users;

/// <summary>A staff account as the Admin's list shows it.</summary>
public sealed record StaffAccountView(string Id, string Email, IReadOnlyList<string> Roles, bool IsLocked, DateTime CreatedAtUtc);

/// <summary>
/// Staff accounts and their roles, managed by an Admin (and by the command line for the first
/// Admin). Every change is written to the audit log. A session still open does not live on with
/// old rights: every <see cref="AdminServices.SessionRecheckInterval"/> Identity re-reads the
/// account, which brings changed roles into the session, and a lock renews the security stamp,
/// which ends the session.
/// </summary>
public sealed class StaffAccounts(UserManager<PortalUser> users, RoleManager<IdentityRole> roles, PortalDbContext db, AuditLog audit, TimeProvider clock)
{
    public async Task EnsureRolesAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                var result = await roles.CreateAsync(new IdentityRole(role));
                if (!result.Succeeded)
                {
                    throw new InvalidOperationException($"Role {role} could not be created: {Describe(result)}");
                }
            }
        }
    }

    /// <summary>The new account's id when it was made.</summary>
    public async Task<FormResult<string>> CreateAsync(string email, IReadOnlyCollection<string> staffRoles, string password, StaffActor actor)
    {
        email = email.Trim();
        var chosen = Known(staffRoles);
        if (!new EmailAddressAttribute().IsValid(email))
        {
            return FormResult<string>.Fail(null, "Alamat email tidak valid.");
        }

        if (chosen.Count == 0)
        {
            return FormResult<string>.Fail(null, "Pilih paling sedikit satu peran.");
        }

        if (await users.FindByEmailAsync(email) is not null)
        {
            return FormResult<string>.Fail(null, "Email ini sudah terdaftar. Buka akun tersebut dari daftar untuk mengubah perannya.");
        }

        await EnsureRolesAsync();
        var user = new PortalUser
        {
            UserName = email,
            Email = email,
            // The Admin vouches for a staff address; there is no self-registration for staff.
            EmailConfirmed = true,
            LockoutEnabled = true,
            CreatedAtUtc = Wib.UtcNow(clock),
        };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return new FormResult<string>(created.ToFormErrors());
        }

        var added = await users.AddToRolesAsync(user, chosen);
        if (!added.Succeeded)
        {
            await users.DeleteAsync(user);
            return new FormResult<string>(added.ToFormErrors());
        }

        audit.Record(actor, AuditAction.StaffAccountCreated, email, "Peran: " + string.Join(", ", chosen));
        await db.SaveChangesAsync();
        return new FormResult<string>(user.Id);
    }

    public async Task<FormResult> SetRolesAsync(string userId, IReadOnlyCollection<string> staffRoles, StaffActor actor)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return FormResult.Fail(null, "Akun tidak ditemukan.");
        }

        var chosen = Known(staffRoles);
        if (user.Id == actor.UserId && !chosen.Contains(Roles.Admin))
        {
            return FormResult.Fail(null, "Anda tidak dapat mencabut peran Admin dari akun Anda sendiri, agar portal tidak kehilangan pengelolanya. Minta Admin lain melakukannya.");
        }

        var current = await users.GetRolesAsync(user);
        var toAdd = chosen.Except(current).ToList();
        var toRemove = current.Where(Roles.All.Contains).Except(chosen).ToList();
        if (toAdd.Count == 0 && toRemove.Count == 0)
        {
            return FormResult.Success;
        }

        await EnsureRolesAsync();
        var result = await users.AddToRolesAsync(user, toAdd);
        if (result.Succeeded)
        {
            result = await users.RemoveFromRolesAsync(user, toRemove);
        }

        if (!result.Succeeded)
        {
            return new FormResult(result.ToFormErrors());
        }

        audit.Record(actor, AuditAction.StaffRolesChanged, user.Email ?? user.Id, $"{RoleList(current.Where(Roles.All.Contains))} → {RoleList(chosen)}");
        await db.SaveChangesAsync();
        return FormResult.Success;
    }

    /// <summary>Adds the Admin role to an existing account (the command line, for an address already registered).</summary>
    public async Task<FormResult> GrantAdminAsync(PortalUser user, StaffActor actor)
    {
        var current = await users.GetRolesAsync(user);
        return await SetRolesAsync(user.Id, [.. current, Roles.Admin], actor);
    }

    public async Task<FormResult> LockAsync(string userId, StaffActor actor)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return FormResult.Fail(null, "Akun tidak ditemukan.");
        }

        if (user.Id == actor.UserId)
        {
            return FormResult.Fail(null, "Anda tidak dapat mengunci akun Anda sendiri.");
        }

        await users.SetLockoutEnabledAsync(user, true);
        // Locked until an Admin unlocks it; a new stamp ends sessions that are still open.
        await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
        await users.UpdateSecurityStampAsync(user);
        audit.Record(actor, AuditAction.StaffAccountLocked, user.Email ?? user.Id);
        await db.SaveChangesAsync();
        return FormResult.Success;
    }

    public async Task<FormResult> UnlockAsync(string userId, StaffActor actor)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return FormResult.Fail(null, "Akun tidak ditemukan.");
        }

        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        audit.Record(actor, AuditAction.StaffAccountUnlocked, user.Email ?? user.Id);
        await db.SaveChangesAsync();
        return FormResult.Success;
    }

    /// <summary>Accounts that hold at least one staff role, or, with a search text, any account whose email matches.</summary>
    public async Task<List<StaffAccountView>> ListAsync(string? emailSearch, CancellationToken cancellationToken)
    {
        var query = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(emailSearch))
        {
            var pattern = SearchText.ContainsPattern(emailSearch);
            query = query.Where(u => u.Email != null && EF.Functions.Like(u.Email.ToLower(), pattern, SearchText.LikeEscape));
        }
        else
        {
            query = query.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id));
        }

        var accounts = await query.OrderBy(u => u.Email).Take(200)
            .Select(u => new { u.Id, u.Email, u.LockoutEnd, u.CreatedAtUtc })
            .ToListAsync(cancellationToken);
        var ids = accounts.Select(a => a.Id).ToList();
        var roleNames = await db.UserRoles.Where(ur => ids.Contains(ur.UserId))
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        return accounts.Select(a => new StaffAccountView(
                a.Id,
                a.Email ?? a.Id,
                roleNames.Where(r => r.UserId == a.Id && r.Name != null).Select(r => r.Name!).Order(StringComparer.Ordinal).ToList(),
                a.LockoutEnd is { } end && end > now,
                a.CreatedAtUtc))
            .ToList();
    }

    public async Task<StaffAccountView?> FindAsync(string userId)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return null;
        }

        var roleNames = await users.GetRolesAsync(user);
        return new StaffAccountView(user.Id, user.Email ?? user.Id, roleNames.Order(StringComparer.Ordinal).ToList(),
            user.LockoutEnd is { } end && end > clock.GetUtcNow(), user.CreatedAtUtc);
    }

    private static List<string> Known(IEnumerable<string> staffRoles) => Roles.All.Where(staffRoles.Contains).ToList();

    private static string RoleList(IEnumerable<string> roleNames)
    {
        var list = roleNames.ToList();
        return list.Count == 0 ? "(tanpa peran)" : string.Join(", ", list);
    }

    private static string Describe(IdentityResult result) => string.Join("; ", result.Errors.Select(e => e.Description));
}
