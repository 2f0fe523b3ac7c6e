using Portal.Accounts;
using Portal.Training;

namespace Portal.Admin.Training;

/// <summary>
/// The WhatsApp click-to-chat link an operator opens to reach an applicant, with a message for the
/// application's status ready to send or edit. Nothing is sent by the portal (no WhatsApp API): the
/// operator's own WhatsApp opens with the text. No link without a mobile number the portal accepts.
/// </summary>
public static class ApplicantWhatsApp
{
    /// <summary>The link, or null when the applicant has no usable mobile number (or the account is deleted).</summary>
    public static string? Link(string? phone, string? fullName, ApplicationStatus status, string programme, string batch, string office) =>
        string.IsNullOrWhiteSpace(fullName) ? null : PhoneNumbers.WhatsAppChat(phone, Message(status, fullName, programme, batch, office));

    /// <summary>What each status gives the applicant to read: one message per status, here and nowhere else.</summary>
    public static string Message(ApplicationStatus status, string fullName, string programme, string batch, string office)
    {
        var greeting = $"Halo {fullName}, kami dari {office}.";
        var training = $"pelatihan {programme} ({batch})";
        var text = status switch
        {
            ApplicationStatus.Diajukan => $"Pendaftaran Anda untuk {training} sudah kami terima dan sedang kami periksa. Mohon pastikan data profil Anda di portal sudah benar.",
            ApplicationStatus.Diverifikasi => $"Data pendaftaran Anda untuk {training} sudah kami verifikasi. Hasil seleksi akan kami sampaikan lewat email dan portal.",
            ApplicationStatus.Diterima => $"Selamat, Anda diterima sebagai peserta {training}. Mohon balas pesan ini untuk mengonfirmasi kehadiran Anda.",
            ApplicationStatus.Cadangan => $"Anda masuk daftar cadangan {training}. Kami akan menghubungi Anda bila ada tempat yang kosong.",
            ApplicationStatus.Ditolak => $"Mohon maaf, pendaftaran Anda untuk {training} belum dapat kami terima. Terima kasih atas minat Anda; silakan mendaftar pada gelombang berikutnya.",
            ApplicationStatus.Selesai => $"Selamat, Anda telah menyelesaikan {training}. Kami ingin menanyakan rencana kerja Anda setelah pelatihan.",
            ApplicationStatus.Ditempatkan => $"Kami ingin menanyakan kabar Anda di tempat kerja setelah {training}. Mohon balas pesan ini.",
            _ => $"Pendaftaran Anda untuk {training} tercatat dibatalkan. Jika ada yang ingin ditanyakan, silakan balas pesan ini.",
        };
        return $"{greeting} {text}";
    }
}
