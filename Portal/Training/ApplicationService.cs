using Portal.Accounts;
using Portal.Mail;
using Portal.Observability;

namespace Portal.Training;

/// <summary>What a job seeker sends with an application.</summary>
public sealed record ApplicationForm(string? Motivation, bool Consent, bool GuardianConsent);

/// <summary>Whether a person may apply to a batch now, and what the apply form must ask.</summary>
public sealed class ApplyCheck
{
    public required PortalUser User { get; init; }

    public JobSeekerProfile? Profile { get; init; }

    /// <summary>Reasons the person cannot apply, in Indonesian; empty when they can.</summary>
    public List<string> Problems { get; } = [];

    public bool ProfileMissing { get; set; }

    /// <summary>Under 18 on the day of applying: a parent's or guardian's consent is required too.</summary>
    public bool NeedsGuardianConsent { get; set; }

    public Application? Existing { get; set; }

    public bool CanApply => Problems.Count == 0;
}

/// <summary>
/// The rules of applying and withdrawing, each with its own Indonesian message. The registration
/// cap is enforced by a conditional update of <see cref="Batch.ApplicationCount"/> in the same
/// transaction as the insert, so it holds when many people press "Daftar" at the same moment
/// (on SQLite writers queue; on PostgreSQL the row lock does the same). The confirmation email
/// is queued in that transaction too.
/// </summary>
public sealed class ApplicationService(
    PortalDbContext db, Mailer mail, ApplicationEmails emails, PortalMetrics metrics, TimeProvider clock, ILogger<ApplicationService> logger)
{
    public const string CapFullMessage = "Maaf, kuota pendaftaran penuh: gelombang ini sudah mencapai batas jumlah pendaftar.";
    public const string SeatsFullMessage = "kursi penuh: semua kursi gelombang ini sudah terisi peserta yang diterima";
    public const string ChangedMeanwhileMessage = "Status lamaran baru saja berubah. Muat ulang halaman lalu coba lagi.";

    public async Task<ApplyCheck> CheckAsync(string userId, Batch batch, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == userId, cancellationToken);
        var profile = await db.JobSeekerProfiles.AsNoTracking().SingleOrDefaultAsync(p => p.UserId == userId, cancellationToken);
        var check = new ApplyCheck { User = user, Profile = profile };
        var now = Wib.UtcNow(clock);

        check.Existing = await db.Applications.AsNoTracking()
            .SingleOrDefaultAsync(a => a.BatchId == batch.Id && a.UserId == userId, cancellationToken);
        if (check.Existing is not null)
        {
            check.Problems.Add(check.Existing.Status == ApplicationStatus.Dibatalkan
                ? "Anda sudah pernah mendaftar pada gelombang ini lalu membatalkannya. Setiap orang hanya dapat mendaftar satu kali pada setiap gelombang."
                : "Anda sudah mendaftar pada gelombang ini. Lihat status lamaran Anda di halaman Lamaran saya.");
            return check;
        }

        switch (batch.StatusAt(now))
        {
            case BatchStatus.Upcoming:
                check.Problems.Add($"Pendaftaran gelombang ini belum dibuka. Pendaftaran dibuka {Wib.LongDateTime(batch.RegistrationOpensAtUtc)}.");
                break;
            case BatchStatus.Closed:
                check.Problems.Add($"Pendaftaran gelombang ini sudah ditutup pada {Wib.LongDateTime(batch.LastRegistrationMinuteUtc)}.");
                break;
        }

        if (!user.EmailConfirmed)
        {
            check.Problems.Add("Alamat email Anda belum dikonfirmasi. Buka tautan konfirmasi yang kami kirim ke email Anda, lalu coba lagi.");
        }

        if (profile is null || !profile.IsComplete)
        {
            check.ProfileMissing = true;
            check.Problems.Add("Lengkapi profil Anda terlebih dahulu: nama, NIK, tanggal lahir, kontak, domisili dan pendidikan diperlukan untuk memeriksa syarat gelombang.");
        }
        else
        {
            check.Problems.AddRange(batch.EligibilityProblems(profile.DateOfBirth, profile.Education, profile.LivesInKotaSerang));
            check.NeedsGuardianConsent = profile.AgeOn(Wib.Today(clock)) < ApplicationConsent.AdultAge;
        }

        if (batch.RegistrationCap is { } cap && batch.ApplicationCount >= cap)
        {
            check.Problems.Add(CapFullMessage);
        }

        return check;
    }

    /// <summary>The stored application, or every reason it was refused.</summary>
    public async Task<FormResult<Application>> SubmitAsync(string userId, Batch batch, ApplicationForm form, CancellationToken cancellationToken)
    {
        var check = await CheckAsync(userId, batch, cancellationToken);
        var errors = check.Problems.Select(p => new FormError(null, p)).ToList();
        if (!form.Consent)
        {
            errors.Add(new FormError(nameof(ApplicationForm.Consent), "Anda perlu menyetujui pemrosesan data pribadi untuk dapat mendaftar."));
        }

        if (check.NeedsGuardianConsent && !form.GuardianConsent)
        {
            errors.Add(new FormError(nameof(ApplicationForm.GuardianConsent), "Karena Anda belum berusia 18 tahun, persetujuan orang tua atau wali wajib diberikan."));
        }

        if (form.Motivation?.Trim().Length > Application.MotivationMaxLength)
        {
            errors.Add(new FormError(nameof(ApplicationForm.Motivation), $"Motivasi paling banyak {Application.MotivationMaxLength:N0} karakter (saat ini {form.Motivation.Trim().Length:N0})."));
        }

        if (errors.Count > 0)
        {
            return new FormResult<Application>(errors);
        }

        var now = Wib.UtcNow(clock);
        var programme = batch.Programme ?? await db.Programmes.AsNoTracking().SingleAsync(p => p.Id == batch.ProgrammeId, cancellationToken);
        Application application;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            // Takes a place only while one is left: the check and the increment are one statement.
            var placesTaken = await db.Batches
                .Where(b => b.Id == batch.Id && (b.RegistrationCap == null || b.ApplicationCount < b.RegistrationCap))
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.ApplicationCount, b => b.ApplicationCount + 1), cancellationToken);
            if (placesTaken == 0)
            {
                return FormResult<Application>.Fail(null, CapFullMessage);
            }

            // Drawn inside the transaction: on SQLite the write lock taken above keeps another
            // submission from drawing and storing the same number between the check and the insert.
            var number = await RegistrationNumbers.NewAsync(db, Wib.DateOf(now).Year, cancellationToken);
            application = Application.Submit(batch, userId, check.Profile!, form.Motivation, ApplicationConsent.Version, check.NeedsGuardianConsent && form.GuardianConsent, now, number);
            db.Applications.Add(application);
            mail.Add(emails.Submitted(check.User.Email!, check.Profile!.FullName, programme, batch, application));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
                if (!await db.Applications.AnyAsync(a => a.BatchId == batch.Id && a.UserId == userId, cancellationToken))
                {
                    throw;
                }

                // The same person pressed twice at once: the unique index (BatchId, UserId) kept one.
                return FormResult<Application>.Fail(null, "Anda sudah mendaftar pada gelombang ini. Lihat status lamaran Anda di halaman Lamaran saya.");
            }

            await transaction.CommitAsync(cancellationToken);
        }

        logger.LogInformation("Application {ApplicationId} submitted to batch {BatchId}", application.Id, batch.Id);
        metrics.ApplicationSubmitted();
        return new FormResult<Application>(application);
    }

    /// <summary>The applicant withdraws before a decision. Null when the application is not theirs (the page answers 404).</summary>
    public async Task<FormResult?> WithdrawAsync(string userId, int applicationId, CancellationToken cancellationToken)
    {
        var application = await db.Applications.SingleOrDefaultAsync(a => a.Id == applicationId && a.UserId == userId, cancellationToken);
        if (application is null)
        {
            return null;
        }

        if (!application.Status.IsAwaitingDecision())
        {
            return FormResult.Fail(null, $"Lamaran dengan status {application.Status.Label()} tidak dapat dibatalkan lagi. Hubungi panitia bila ada keperluan.");
        }

        return await ChangeStatusAsync(application, ApplicationStatus.Dibatalkan, userId, "Dibatalkan oleh pendaftar.", cancellationToken);
    }

    /// <summary>
    /// Moves a tracked application to another status with a history entry, and gives its
    /// registration place back when it stops holding one. For the applicant and for staff alike.
    /// Accepting takes a seat by a conditional update of <see cref="Batch.AcceptedCount"/> in the
    /// same transaction as the status change (the registration cap's way), so seats hold when
    /// operators accept at the same moment; leaving an accepted status gives the seat back.
    /// Joins the caller's transaction when there is one, so the caller can commit its own record
    /// of the change (staff: the audit entry and the email) with it; on failure the context is cleared.
    /// </summary>
    public async Task<FormResult> ChangeStatusAsync(Application application, ApplicationStatus to, string? byUserId, string? note, CancellationToken cancellationToken)
    {
        if (!application.Status.CanChangeTo(to))
        {
            return FormResult.Fail(null, $"Status lamaran tidak dapat diubah dari {application.Status.Label()} menjadi {to.Label()}.");
        }

        var freesAPlace = application.Status.TakesARegistrationPlace() && !to.TakesARegistrationPlace();
        var takesASeat = !application.Status.HoldsASeat() && to.HoldsASeat();
        var freesASeat = application.Status.HoldsASeat() && !to.HoldsASeat();

        var ownTransaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            if (takesASeat)
            {
                // The check and the increment are one statement: two operators cannot both take the last seat.
                var seatsTaken = await db.Batches
                    .Where(b => b.Id == application.BatchId && b.AcceptedCount < b.Seats)
                    .ExecuteUpdateAsync(s => s.SetProperty(b => b.AcceptedCount, b => b.AcceptedCount + 1), cancellationToken);
                if (seatsTaken == 0)
                {
                    db.ChangeTracker.Clear();
                    return FormResult.Fail(null, $"Tidak dapat diubah menjadi {to.Label()} karena {SeatsFullMessage}.");
                }
            }

            application.ChangeStatus(to, byUserId, note, Wib.UtcNow(clock));
            await db.SaveChangesAsync(cancellationToken);
            if (freesAPlace)
            {
                await db.Batches.Where(b => b.Id == application.BatchId && b.ApplicationCount > 0)
                    .ExecuteUpdateAsync(s => s.SetProperty(b => b.ApplicationCount, b => b.ApplicationCount - 1), cancellationToken);
            }

            if (freesASeat)
            {
                await db.Batches.Where(b => b.Id == application.BatchId && b.AcceptedCount > 0)
                    .ExecuteUpdateAsync(s => s.SetProperty(b => b.AcceptedCount, b => b.AcceptedCount - 1), cancellationToken);
            }

            if (ownTransaction is not null)
            {
                await ownTransaction.CommitAsync(cancellationToken);
            }
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone else changed the status first (Status is a concurrency token); the
            // transaction is not committed, so a seat taken above is given back too.
            db.ChangeTracker.Clear();
            return FormResult.Fail(null, ChangedMeanwhileMessage);
        }
        finally
        {
            if (ownTransaction is not null)
            {
                await ownTransaction.DisposeAsync();
            }
        }

        return FormResult.Success;
    }
}
