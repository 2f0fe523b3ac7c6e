using System.Globalization;
using CsvHelper;
using Portal.Accounts;
using Portal.Training;

namespace Portal.Admin.Training;

/// <summary>
/// The applicant table as a CSV file for Excel. Choices, each for a reason:
/// <list type="bullet">
/// <item>UTF-8 with a byte order mark: without it Excel reads the file as ANSI and breaks names with accents.</item>
/// <item>Comma-separated (RFC 4180), header in Indonesian, dates as "yyyy-MM-dd HH:mm" in WIB.</item>
/// <item>The NIK in full: operators check applicants with Dukcapil and need all 16 digits; the
/// export is staff-only and every export is written to the audit trail. The table on screen masks it.</item>
/// <item>The NIK (and the phone number) written as an Excel text formula, <c>="3673…"</c>: Excel shows the
/// digits as text, so it neither rounds the 16 digits to 15 significant ones nor shows 3.67E+15, and
/// the "+62" stays. CsvHelper quotes the field (it contains quotes) and reads it back as the same
/// string; <see cref="TextCell"/> and <see cref="FromTextCell"/> are the pair. A leading tab or
/// apostrophe would also keep the digits, but both stay visible in the cell.</item>
/// <item>Free text a person typed (the name) cannot start a formula: such a cell gets a leading
/// apostrophe. CsvHelper's own <see cref="CsvInjection.Escape"/> would do that to the NIK formula
/// as well, so it stays off and <see cref="Plain"/> guards the typed columns only.</item>
/// </list>
/// </summary>
public static class ApplicantsCsv
{
    public static readonly string[] Header =
        ["No", "Nama", "NIK", "Jenis kelamin", "Usia (tahun)", "Kecamatan", "Pendidikan", "Status", "Tanggal daftar (WIB)", "Email", "Telepon"];

    public static byte[] Write(IReadOnlyList<ApplicantRow> rows)
    {
        using var stream = new MemoryStream();
        var options = CsvWriterOptions.Default with { WriteByteOrderMark = true, FormatProvider = CultureInfo.InvariantCulture };
        using (var csv = CsvWriter.Create(stream, options, leaveOpen: true))
        {
            csv.WriteHeader(Header);
            var number = 0;
            foreach (var row in rows)
            {
                csv.WriteField((++number).ToString(CultureInfo.InvariantCulture));
                csv.WriteField(Plain(row.DisplayName));
                csv.WriteField(row.Nik is null ? string.Empty : TextCell(row.Nik));
                csv.WriteField(row.Gender.Label());
                csv.WriteField(row.AgeAtStart.ToString(CultureInfo.InvariantCulture));
                csv.WriteField(row.Kecamatan.Label());
                csv.WriteField(row.Education.Label());
                csv.WriteField(row.Status.Label());
                csv.WriteField(Wib.ToWib(row.CreatedAtUtc).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
                csv.WriteField(Plain(row.Email ?? string.Empty));
                csv.WriteField(row.Phone is null ? string.Empty : TextCell(row.Phone));
                csv.EndRecord();
            }
        }

        return stream.ToArray();
    }

    /// <summary>Digits Excel must keep as text: <c>="3673010101900001"</c>.</summary>
    public static string TextCell(string value) => $"=\"{value}\"";

    /// <summary>The value of a <see cref="TextCell"/> as read back from the file.</summary>
    public static string FromTextCell(string cell) =>
        cell.StartsWith("=\"", StringComparison.Ordinal) && cell.EndsWith('"') ? cell[2..^1] : cell;

    /// <summary>Typed text that Excel would otherwise run as a formula (CSV injection) gets a leading apostrophe.</summary>
    private static string Plain(string text) => text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;
}
