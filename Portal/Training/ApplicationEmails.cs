using Portal.Mail;

namespace Portal.Training;

/// <summary>The emails about applications, in Indonesian; staff status changes reuse <see cref="StatusChanged"/>.</summary>
public sealed class ApplicationEmails(IOptions<SiteOptions> site, SiteLinks links)
{
    public OutgoingMail Submitted(string to, string fullName, Programme programme, Batch batch, Application application)
    {
        var link = links.Absolute(links.Page("/Accounts/Applications"));
        var proof = links.Absolute(links.Proof(application.RegistrationNumber!));
        return new OutgoingMail(to, $"Pendaftaran diterima: {programme.Title} — {batch.Name}", $"""
            Yth. {fullName},

            Terima kasih. Pendaftaran Anda untuk pelatihan {programme.Title}, {batch.Name}, telah kami terima pada {Wib.LongDateTime(application.CreatedAtUtc)} dengan status Diajukan.

            Nomor pendaftaran: {application.RegistrationNumber}
            Pelatihan: {Wib.DateRange(batch.TrainingStartsOn, batch.TrainingEndsOn)}
            Penyelenggara: {batch.Provider}
            Lokasi: {batch.Location}
            {DocumentsText(batch)}
            Bukti pendaftaran (dapat dicetak): {proof}

            Panitia akan memeriksa data Anda. Ikuti perkembangan status lamaran di:
            {link}

            Anda dapat membatalkan lamaran di halaman tersebut selama belum ada keputusan seleksi.

            {Signature()}
            """);
    }

    public OutgoingMail StatusChanged(string to, string fullName, Programme programme, Batch batch, ApplicationStatus status, string? note)
    {
        var link = links.Absolute(links.Page("/Accounts/Applications"));
        var noteText = string.IsNullOrWhiteSpace(note) ? string.Empty : $"\nCatatan dari panitia: {note}\n";
        return new OutgoingMail(to, $"Status lamaran: {status.Label()} — {programme.Title}", $"""
            Yth. {fullName},

            Status lamaran Anda untuk pelatihan {programme.Title}, {batch.Name}, sekarang: {status.Label()}.
            {status.Explanation()}
            {noteText}
            Rincian dan riwayat status: {link}

            {Signature()}
            """);
    }

    /// <summary>The applicant's selection result, sent when an operator announces a batch's results (<see cref="SelectionResults"/>).</summary>
    public OutgoingMail ResultAnnounced(string to, string fullName, Programme programme, Batch batch, Application application, SelectionOutcome outcome)
    {
        var results = links.Absolute(links.Results(programme.Slug, batch.Key));
        var proof = links.Absolute(links.Proof(application.RegistrationNumber!));
        return new OutgoingMail(to, $"Hasil seleksi: {outcome.Label()} — {programme.Title}", $"""
            Yth. {fullName},

            Hasil seleksi pelatihan {programme.Title}, {batch.Name}, telah diumumkan.

            Nomor pendaftaran: {application.RegistrationNumber}
            Hasil: {outcome.Label()}
            {application.Status.Explanation()}

            Pengumuman lengkap: {results}
            Bukti pendaftaran Anda: {proof}

            {Signature()}
            """);
    }

    private static string DocumentsText(Batch batch) => batch.RequiredDocuments.Count == 0
        ? string.Empty
        : "\nDokumen yang perlu dibawa:\n" + string.Join('\n', batch.RequiredDocuments.Select(d => $"- {d}")) + "\n";

    private string Signature() => MailSignature.For(site.Value);
}
