using Portal.Mail;

namespace Portal.Training;

/// <summary>The emails about applications, in Indonesian; staff status changes reuse <see cref="StatusChanged"/>.</summary>
public sealed class ApplicationEmails(IOptions<SiteOptions> site, SiteLinks links)
{
    public OutgoingMail Submitted(string to, string fullName, Programme programme, Batch batch, DateTime submittedAtUtc)
    {
        var link = links.Absolute(links.Page("/Accounts/Applications"));
        return new OutgoingMail(to, $"Pendaftaran diterima: {programme.Title} — {batch.Name}", $"""
            Yth. {fullName},

            Terima kasih. Pendaftaran Anda untuk pelatihan {programme.Title}, {batch.Name}, telah kami terima pada {Wib.LongDateTime(submittedAtUtc)} dengan status Diajukan.

            Pelatihan: {Wib.DateRange(batch.TrainingStartsOn, batch.TrainingEndsOn)}
            Penyelenggara: {batch.Provider}
            Lokasi: {batch.Location}

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

    private string Signature() => MailSignature.For(site.Value);
}
