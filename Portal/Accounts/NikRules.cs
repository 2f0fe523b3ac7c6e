using System.Globalization;

namespace Portal.Accounts;

/// <summary>
/// The NIK (Nomor Induk Kependudukan), the 16-digit national ID number: digits 1–6 the region where
/// it was first issued, 7–12 the date of birth as DDMMYY with 40 added to the day for women, 13–16
/// a serial number. There is no check digit, and without access to the civil registry (Dukcapil)
/// the portal can only check the format and its agreement with the date of birth and gender. The
/// region code never changes when a person moves, so it says nothing about domicile and is not used.
/// </summary>
public static class NikRules
{
    public const int Length = 16;

    /// <summary>Digits only: people copy NIKs with spaces or dots ("3673 0101 9000 0001").</summary>
    public static string Normalize(string? nik) =>
        new((nik ?? string.Empty).Where(c => !char.IsWhiteSpace(c) && c is not '.' and not '-').ToArray());

    /// <summary>The problem with a NIK for this date of birth and gender, in Indonesian; null when it is consistent.</summary>
    public static string? Check(string? nik, DateOnly dateOfBirth, Gender gender)
    {
        var digits = Normalize(nik);
        if (digits.Length == 0)
        {
            return "NIK wajib diisi.";
        }

        if (digits.Length != Length || !digits.All(char.IsAsciiDigit))
        {
            return "NIK harus terdiri dari 16 angka.";
        }

        var day = Number(digits, 6);
        var month = Number(digits, 8);
        var year = Number(digits, 10);
        var isFemaleCode = day > 40;
        var birthDay = isFemaleCode ? day - 40 : day;
        if (birthDay is < 1 or > 31 || month is < 1 or > 12)
        {
            return "Angka ke-7 sampai ke-12 NIK harus berupa tanggal lahir (tanggal, bulan, tahun: DDMMYY).";
        }

        if (Number(digits, 12, 4) == 0)
        {
            return "Empat angka terakhir NIK (nomor urut) tidak boleh 0000.";
        }

        if (birthDay != dateOfBirth.Day || month != dateOfBirth.Month || year != dateOfBirth.Year % 100)
        {
            return $"Tanggal lahir pada NIK (angka ke-7 sampai ke-12) tidak sesuai dengan tanggal lahir {Wib.CalendarDate(dateOfBirth)}.";
        }

        if (isFemaleCode != (gender == Gender.Female))
        {
            return isFemaleCode
                ? "NIK ini milik perempuan (tanggal lahir pada NIK ditambah 40), tidak sesuai dengan jenis kelamin yang Anda pilih."
                : "Pada NIK perempuan, tanggal lahir ditambah 40 (lahir tanggal 5 tertulis 45). NIK ini tidak sesuai dengan jenis kelamin yang Anda pilih.";
        }

        return null;
    }

    /// <summary>"3673••••••••0001": the region and the serial, enough to tell NIKs apart without showing the birth date.</summary>
    public static string Mask(string nik) =>
        nik.Length == Length ? string.Concat(nik.AsSpan(0, 4), new string('•', 8), nik.AsSpan(12, 4)) : new string('•', Math.Max(nik.Length, 4));

    private static int Number(string digits, int start, int length = 2) =>
        int.Parse(digits.AsSpan(start, length), NumberStyles.None, CultureInfo.InvariantCulture);
}
