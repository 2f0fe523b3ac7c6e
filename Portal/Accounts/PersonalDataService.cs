using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Portal.Mail;
using Portal.Training;

namespace Portal.Accounts;

/// <summary>
/// The owner's rights over their data (UU PDP): a download of everything stored about them, and
/// deleting the account. Deletion withdraws applications still awaiting a decision, anonymises
/// all applications (the statistics snapshot stays so batch figures still add up) and removes the
/// profile, the account and the emails still waiting for its address.
/// </summary>
public sealed class PersonalDataService(
    PortalDbContext db,
    UserManager<PortalUser> users,
    ApplicationService applications,
    AccountEmails emails,
    Mailer mail,
    TimeProvider clock,
    ILogger<PersonalDataService> logger)
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The download, with Indonesian keys: it is for the person, not for a program.</summary>
    public async Task<byte[]> ExportJsonAsync(PortalUser user, CancellationToken cancellationToken)
    {
        var profile = await db.JobSeekerProfiles.AsNoTracking().SingleOrDefaultAsync(p => p.UserId == user.Id, cancellationToken);
        var mine = await db.Applications.AsNoTracking()
            .Include(a => a.History)
            .Include(a => a.Batch).ThenInclude(b => b!.Programme)
            .Where(a => a.UserId == user.Id)
            .OrderBy(a => a.CreatedAtUtc)
            .ToListAsync(cancellationToken);
        var reminders = await db.BatchReminders.AsNoTracking()
            .Where(r => r.UserId == user.Id)
            .OrderBy(r => r.CreatedAtUtc)
            .Select(r => new { Programme = r.Batch!.Programme!.Title, Batch = r.Batch.Name, r.CreatedAtUtc, r.SentAtUtc })
            .ToListAsync(cancellationToken);

        var export = new Dictionary<string, object?>
        {
            ["diunduhPada"] = Wib.Iso(Wib.UtcNow(clock)),
            ["akun"] = new Dictionary<string, object?>
            {
                ["email"] = user.Email,
                ["emailTerkonfirmasi"] = user.EmailConfirmed,
                ["dibuatPada"] = Wib.Iso(user.CreatedAtUtc),
            },
            ["profil"] = profile is null ? null : new Dictionary<string, object?>
            {
                ["namaLengkap"] = profile.FullName,
                ["nik"] = profile.Nik,
                ["tanggalLahir"] = profile.DateOfBirth.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                ["jenisKelamin"] = profile.Gender.Label(),
                ["nomorHp"] = profile.Phone,
                ["alamat"] = profile.Address,
                ["kecamatan"] = profile.Kecamatan.Label(),
                ["pendidikanTerakhir"] = profile.Education.Label(),
                ["statusPekerjaan"] = profile.EmploymentStatus.Label(),
                ["diperbaruiPada"] = Wib.Iso(profile.UpdatedAtUtc),
            },
            ["lamaran"] = mine.Select(a => new Dictionary<string, object?>
            {
                ["nomorPendaftaran"] = a.RegistrationNumber,
                ["program"] = a.Batch!.Programme!.Title,
                ["gelombang"] = a.Batch.Name,
                ["status"] = a.Status.Label(),
                ["diajukanPada"] = Wib.Iso(a.CreatedAtUtc),
                ["motivasi"] = a.Motivation,
                ["persetujuanDataPribadi"] = new Dictionary<string, object?>
                {
                    ["versiTeks"] = a.ConsentTextVersion,
                    ["disetujuiPada"] = Wib.Iso(a.ConsentedAtUtc),
                    ["persetujuanOrangTuaAtauWali"] = a.GuardianConsent,
                },
                ["riwayatStatus"] = a.History.OrderBy(h => h.AtUtc).ThenBy(h => h.Id).Select(h => new Dictionary<string, object?>
                {
                    ["dari"] = h.From?.Label(),
                    ["menjadi"] = h.To.Label(),
                    ["pada"] = Wib.Iso(h.AtUtc),
                    ["catatan"] = h.Note,
                }).ToList(),
            }).ToList(),
            ["pengingatPendaftaran"] = reminders.Select(r => new Dictionary<string, object?>
            {
                ["program"] = r.Programme,
                ["gelombang"] = r.Batch,
                ["dimintaPada"] = Wib.Iso(r.CreatedAtUtc),
                ["dikirimPada"] = r.SentAtUtc is { } sent ? Wib.Iso(sent) : null,
            }).ToList(),
        };
        return JsonSerializer.SerializeToUtf8Bytes(export, JsonOptions);
    }

    public async Task DeleteAccountAsync(PortalUser user, CancellationToken cancellationToken)
    {
        var email = user.Email!;
        int anonymised;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var mine = await db.Applications.Include(a => a.History).Where(a => a.UserId == user.Id).ToListAsync(cancellationToken);
            foreach (var application in mine.Where(a => a.Status.IsAwaitingDecision()))
            {
                var withdrawn = await applications.ChangeStatusAsync(application, ApplicationStatus.Dibatalkan, user.Id, "Dibatalkan karena akun dihapus.", cancellationToken);
                if (!withdrawn.Succeeded)
                {
                    throw new InvalidOperationException($"Application {application.Id} changed while its account was being deleted.");
                }
            }

            foreach (var application in mine)
            {
                application.Anonymise();
            }

            anonymised = mine.Count;

            var profile = await db.JobSeekerProfiles.SingleOrDefaultAsync(p => p.UserId == user.Id, cancellationToken);
            if (profile is not null)
            {
                db.JobSeekerProfiles.Remove(profile);
            }

            // What still waits for this address goes with the account; only the goodbye is sent.
            await mail.ForgetAsync(email, cancellationToken);
            mail.Add(emails.AccountDeleted(email));
            await db.SaveChangesAsync(cancellationToken);
            var deleted = await users.DeleteAsync(user);
            if (!deleted.Succeeded)
            {
                throw new InvalidOperationException($"Account {user.Id} could not be deleted: {string.Join("; ", deleted.Errors.Select(e => e.Code))}");
            }

            await transaction.CommitAsync(cancellationToken);
        }

        logger.LogInformation("Account {UserId} deleted at its owner's request; {Count} applications anonymised", user.Id, anonymised);
    }
}
