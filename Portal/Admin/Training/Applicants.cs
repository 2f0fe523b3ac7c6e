using Portal.Accounts;
using Portal.Mail;
using Portal.Training;

namespace Portal.Admin.Training;

/// <summary>How the applicant table is sorted; the query string says it in Indonesian (urut=nama).</summary>
public enum ApplicantSort
{
    /// <summary>First come first: the order applications arrived.</summary>
    Tanggal,
    Nama,
    Usia,
}

/// <summary>The applicant table's filters and sorting, read from the query string so that links and the CSV export carry them.</summary>
public sealed class ApplicantFilter
{
    [FromQuery(Name = "status")]
    public ApplicationStatus? Status { get; set; }

    [FromQuery(Name = "kecamatan")]
    public Kecamatan? Kecamatan { get; set; }

    [FromQuery(Name = "pendidikan")]
    public EducationLevel? Education { get; set; }

    [FromQuery(Name = "urut")]
    public ApplicantSort Sort { get; set; }

    /// <summary>The batch and this filter as route values, for links (sorting, export) and redirects back to the same view.</summary>
    public RouteValueDictionary RouteValues(int batchId, ApplicantSort? sort = null)
    {
        var values = new RouteValueDictionary { ["id"] = batchId };
        if (Status is { } status)
        {
            values["status"] = status.ToString();
        }

        if (Kecamatan is { } kecamatan)
        {
            values["kecamatan"] = kecamatan.ToString();
        }

        if (Education is { } education)
        {
            values["pendidikan"] = education.ToString();
        }

        values["urut"] = (sort ?? Sort).ToString();
        return values;
    }

    /// <summary>In words, for the audit trail of an export.</summary>
    public string Describe() =>
        string.Join(", ", new[]
        {
            Status is { } s ? $"status {s.Label()}" : null,
            Kecamatan is { } k ? $"kecamatan {k.Label()}" : null,
            Education is { } e ? $"pendidikan {e.Label()}" : null,
        }.Where(p => p is not null)) is { Length: > 0 } text ? text : "tanpa filter";
}

/// <summary>One row of the applicant table: the application's snapshot and, while the account exists, the person.</summary>
public sealed class ApplicantRow
{
    public const string DeletedAccount = "Akun dihapus";

    public int Id { get; init; }

    public string? UserId { get; init; }

    public string? FullName { get; init; }

    public string? Nik { get; init; }

    public string? Email { get; init; }

    public string? Phone { get; init; }

    public Gender Gender { get; init; }

    public int AgeAtStart { get; init; }

    public Kecamatan Kecamatan { get; init; }

    public EducationLevel Education { get; init; }

    public ApplicationStatus Status { get; init; }

    public DateTime CreatedAtUtc { get; init; }

    public bool IsAnonymised => UserId is null;

    public string DisplayName => IsAnonymised ? DeletedAccount : FullName ?? "(profil tidak ada)";

    public string MaskedNik => Nik is null ? "—" : NikRules.Mask(Nik);
}

/// <summary>What a status change of one or many applications did: how many changed, who was skipped and why.</summary>
public sealed record StatusChangeOutcome(int Changed, IReadOnlyList<string> Skipped);

/// <summary>
/// The operators' work on a batch's applicants: the table (filtered, sorted), and status changes
/// one by one or in bulk. Each change goes through <see cref="ApplicationService.ChangeStatusAsync"/>
/// (the status rules, the history, the seats) inside this desk's transaction, which commits the
/// audit entry and the applicant's queued email with it. Applications are changed one at a time,
/// each whole or not at all, so a bulk acceptance beyond the seats accepts up to the seats and
/// reports the rest.
/// </summary>
public sealed class ApplicantDesk(PortalDbContext db, ApplicationService applications, AuditLog audit, Mailer mail, ApplicationEmails emails)
{
    public const string NikReviewFirstMessage = "NIK-nya perlu diperiksa lebih dulu. Cocokkan dengan KTP, lalu tandai \"NIK sudah diperiksa\" di halaman pendaftar.";

    public async Task<List<ApplicantRow>> ListAsync(int batchId, ApplicantFilter filter, CancellationToken cancellationToken)
    {
        var query = db.Applications.AsNoTracking().Where(a => a.BatchId == batchId);
        if (filter.Status is { } status)
        {
            query = query.Where(a => a.Status == status);
        }

        if (filter.Kecamatan is { } kecamatan)
        {
            query = query.Where(a => a.Kecamatan == kecamatan);
        }

        if (filter.Education is { } education)
        {
            query = query.Where(a => a.Education == education);
        }

        var rows = await (
            from a in query
            join p in db.JobSeekerProfiles on a.UserId equals p.UserId into profiles
            from p in profiles.DefaultIfEmpty()
            join u in db.Users on a.UserId equals u.Id into users
            from u in users.DefaultIfEmpty()
            select new ApplicantRow
            {
                Id = a.Id,
                UserId = a.UserId,
                FullName = p == null ? null : p.FullName,
                Nik = p == null ? null : p.Nik,
                Phone = p == null ? null : p.Phone,
                Email = u == null ? null : u.Email,
                Gender = a.Gender,
                AgeAtStart = a.AgeAtStart,
                Kecamatan = a.Kecamatan,
                Education = a.Education,
                Status = a.Status,
                CreatedAtUtc = a.CreatedAtUtc,
            }).ToListAsync(cancellationToken);

        // Sorted here rather than in SQL: a batch has hundreds of applicants at most, and names
        // sort as Indonesians expect them (culture-aware, case-insensitive) on every provider.
        var names = StringComparer.Create(Wib.Culture, ignoreCase: true);
        return filter.Sort switch
        {
            ApplicantSort.Nama => rows.OrderBy(r => r.IsAnonymised).ThenBy(r => r.DisplayName, names).ThenBy(r => r.Id).ToList(),
            ApplicantSort.Usia => rows.OrderBy(r => r.AgeAtStart).ThenBy(r => r.Id).ToList(),
            _ => rows.OrderBy(r => r.CreatedAtUtc).ThenBy(r => r.Id).ToList(),
        };
    }

    public async Task<StatusChangeOutcome> ChangeStatusAsync(
        int batchId, IEnumerable<int> applicationIds, ApplicationStatus to, string? note, StaffActor actor, CancellationToken cancellationToken)
    {
        var batch = await db.Batches.AsNoTracking().Include(b => b.Programme).SingleAsync(b => b.Id == batchId, cancellationToken);
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        var changed = 0;
        var skipped = new List<string>();
        foreach (var id in applicationIds.Distinct())
        {
            db.ChangeTracker.Clear();
            var application = await db.Applications.SingleOrDefaultAsync(a => a.Id == id && a.BatchId == batchId, cancellationToken);
            if (application is null)
            {
                skipped.Add($"Lamaran #{id}: tidak ditemukan pada gelombang ini.");
                continue;
            }

            var person = application.UserId is null ? null : await (
                from p in db.JobSeekerProfiles.AsNoTracking()
                join u in db.Users on p.UserId equals u.Id
                where p.UserId == application.UserId
                select new { p.FullName, u.Email, p.NikNeedsReview }).SingleOrDefaultAsync(cancellationToken);
            var who = $"{person?.FullName ?? ApplicantRow.DeletedAccount} (#{id})";
            var from = application.Status;
            if (from == to)
            {
                skipped.Add($"{who}: statusnya sudah {to.Label()}.");
                continue;
            }

            if (!from.CanChangeTo(to))
            {
                skipped.Add($"{who}: status {from.Label()} tidak dapat diubah menjadi {to.Label()}.");
                continue;
            }

            // A profile held for its NIK moves forward only once an operator has checked the KTP.
            if (person?.NikNeedsReview == true && to is ApplicationStatus.Diverifikasi or ApplicationStatus.Diterima or ApplicationStatus.Cadangan)
            {
                skipped.Add($"{who}: {NikReviewFirstMessage}");
                continue;
            }

            // The change, its audit entry and its email are committed together: ChangeStatusAsync
            // joins this transaction, and a refused change leaves it uncommitted, so no entry and no
            // email without a change.
            await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
            {
                var result = await applications.ChangeStatusAsync(application, to, actor.UserId, note, cancellationToken);
                if (!result.Succeeded)
                {
                    skipped.Add($"{who}: {string.Join(" ", result.Errors.Select(e => e.Message))}");
                    continue;
                }

                // The target names the application, not the person: the audit trail outlives accounts.
                audit.Record(actor, AuditAction.ApplicationStatusChanged, $"Lamaran #{id}, {batch.Name} ({batch.Programme!.Title})",
                    $"{from.Label()} → {to.Label()}" + (note is null ? string.Empty : $"; catatan: {note}"));
                if (person?.Email is { } email)
                {
                    mail.Add(emails.StatusChanged(email, person.FullName, batch.Programme, batch, to, note));
                }

                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }

            changed++;
        }

        db.ChangeTracker.Clear();
        return new StatusChangeOutcome(changed, skipped);
    }

    /// <summary>
    /// The operator has checked the NIK of a held profile (against the KTP or with Dukcapil): the
    /// hold ends, written to the audit trail. False when the profile is not held (any more).
    /// </summary>
    public async Task<bool> ClearNikReviewAsync(string userId, StaffActor actor, CancellationToken cancellationToken)
    {
        var profile = await db.JobSeekerProfiles.SingleOrDefaultAsync(p => p.UserId == userId && p.NikNeedsReview, cancellationToken);
        if (profile is null)
        {
            return false;
        }

        audit.Record(actor, AuditAction.NikReviewCleared, JobSeekerProfile.AuditTarget(profile.UserId),
            $"NIK {profile.MaskedNik} sudah diperiksa petugas (alasan semula: {profile.NikReviewReason}).");
        profile.NikNeedsReview = false;
        profile.NikReviewReason = null;
        profile.NikReviewSinceUtc = null;
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>The message after a change, in Indonesian: what changed, then who was skipped.</summary>
    public static string Summary(StatusChangeOutcome outcome, ApplicationStatus to) =>
        outcome.Changed == 0 ? $"Tidak ada lamaran yang diubah menjadi {to.Label()}."
        : $"{outcome.Changed} lamaran diubah menjadi {to.Label()}; pendaftar sudah diberi tahu lewat email.";
}
