using Portal.Mail;
using Portal.Training;

namespace Portal.Admin.Training;

/// <summary>
/// An operator announces a batch's selection results. The rule: only once registration has closed
/// and every application has been decided (Diterima, Cadangan or Ditolak; withdrawn ones do not
/// count), so that the public list is complete on the day it appears, and only once. Later status
/// changes (a Cadangan moving up) show on the page as they happen; the announcement itself is not
/// taken back. The announcement, its audit entry and one email per listed applicant are committed
/// together.
/// </summary>
public sealed class ResultsAnnouncement(
    PortalDbContext db, SelectionResults results, Mailer mail, ApplicationEmails emails, AuditLog audit, SiteLinks links, TimeProvider clock)
{
    /// <summary>Null when the batch is not there (the page answers 404).</summary>
    public async Task<FormResult?> PublishAsync(int batchId, StaffActor actor, CancellationToken cancellationToken)
    {
        var now = Wib.UtcNow(clock);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // Claims the batch's row until the commit (setting a counter to itself, as TrainingEditor
        // does), and only while nothing was announced: two operators pressing at once send one
        // set of emails, and the second is told it is done.
        var claimed = await db.Batches.Where(b => b.Id == batchId && b.ResultsPublishedAtUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.AcceptedCount, b => b.AcceptedCount), cancellationToken);
        var batch = await db.Batches.Include(b => b.Programme).SingleOrDefaultAsync(b => b.Id == batchId, cancellationToken);
        if (batch is null)
        {
            return null;
        }

        if (claimed == 0 || batch.ResultsPublishedAtUtc is not null)
        {
            return FormResult.Fail(null, $"Hasil seleksi gelombang ini sudah diumumkan pada {Wib.LongDateTime(batch.ResultsPublishedAtUtc ?? now)}.");
        }

        if (batch.StatusAt(now) != BatchStatus.Closed)
        {
            return FormResult.Fail(null, $"Hasil seleksi belum dapat diumumkan: pendaftaran gelombang ini baru ditutup {Wib.LongDateTime(batch.LastRegistrationMinuteUtc)}.");
        }

        var undecided = await results.UndecidedCountAsync(batch.Id, cancellationToken);
        if (undecided > 0)
        {
            return FormResult.Fail(null,
                $"Hasil seleksi belum dapat diumumkan: masih ada {undecided} lamaran berstatus Diajukan atau Diverifikasi. Putuskan dulu setiap lamaran (Diterima, Cadangan atau Ditolak).");
        }

        var recipients = await results.RecipientsAsync(batch.Id, cancellationToken);
        var lines = await results.LinesAsync(batch.Id, cancellationToken);
        if (lines.Count == 0)
        {
            return FormResult.Fail(null, "Hasil seleksi belum dapat diumumkan: gelombang ini belum memiliki lamaran yang diputuskan.");
        }

        batch.ResultsPublishedAtUtc = now;
        foreach (var (application, email, fullName) in recipients)
        {
            mail.Add(emails.ResultAnnounced(email, fullName, batch.Programme!, batch, application, SelectionOutcomes.Of(application.Status)!.Value));
        }

        audit.Record(actor, AuditAction.SelectionResultsPublished, $"Gelombang \"{batch.Name}\" ({batch.Programme!.Title})",
            $"{links.Results(batch.Programme.Slug, batch.Key)}; " + string.Join(", ", lines.GroupBy(l => l.Outcome).Select(g => $"{g.Key.Label()} {g.Count()}")));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return FormResult.Success;
    }
}
