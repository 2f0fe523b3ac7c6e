namespace Portal.Tests.Accounts;

public class NikRulesTests
{
    [Theory]
    [InlineData("3673011705000001", 2000, 5, 17, Gender.Male, null)]
    [InlineData("3673015705000001", 2000, 5, 17, Gender.Female, null)] // women: day + 40
    [InlineData("3604010101990123", 1999, 1, 1, Gender.Male, null)] // Kabupaten Serang code: domicile is not derived from it
    [InlineData("3673 0117 0500 0001", 2000, 5, 17, Gender.Male, null)] // spaces as copied from a KTP
    [InlineData("3673.0117.0500.0001", 2000, 5, 17, Gender.Male, null)]
    [InlineData("3673017112990002", 1999, 12, 31, Gender.Female, null)] // 31 + 40 = 71
    [InlineData("", 2000, 5, 17, Gender.Male, "NIK wajib diisi.")]
    [InlineData("367301170500001", 2000, 5, 17, Gender.Male, "NIK harus terdiri dari 16 angka.")]
    [InlineData("36730117050000011", 2000, 5, 17, Gender.Male, "NIK harus terdiri dari 16 angka.")]
    [InlineData("36730117050000A1", 2000, 5, 17, Gender.Male, "NIK harus terdiri dari 16 angka.")]
    [InlineData("3673013505000001", 2000, 5, 17, Gender.Male, "tanggal lahir (tanggal, bulan, tahun: DDMMYY)")] // day 35: neither
    [InlineData("3673011713000001", 2000, 5, 17, Gender.Male, "tanggal lahir (tanggal, bulan, tahun: DDMMYY)")] // month 13
    [InlineData("3673010005000001", 2000, 5, 17, Gender.Male, "tanggal lahir (tanggal, bulan, tahun: DDMMYY)")] // day 0
    [InlineData("3673011705000000", 2000, 5, 17, Gender.Male, "nomor urut")]
    [InlineData("3673011805000001", 2000, 5, 17, Gender.Male, "tidak sesuai dengan tanggal lahir 17 Mei 2000")]
    [InlineData("3673011706000001", 2000, 5, 17, Gender.Male, "tidak sesuai dengan tanggal lahir")]
    [InlineData("3673011705010001", 2000, 5, 17, Gender.Male, "tidak sesuai dengan tanggal lahir")] // year 01
    [InlineData("3673015705000001", 2000, 5, 17, Gender.Male, "NIK ini milik perempuan")]
    [InlineData("3673011705000001", 2000, 5, 17, Gender.Female, "ditambah 40")]
    public void The_NIK_must_have_16_digits_and_agree_with_the_date_of_birth_and_gender(
        string nik, int year, int month, int day, Gender gender, string? expected)
    {
        var problem = NikRules.Check(nik, new DateOnly(year, month, day), gender);

        if (expected is null)
        {
            Assert.Null(problem);
        }
        else
        {
            Assert.NotNull(problem);
            Assert.Contains(expected, problem, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("3673011705000001", "3673••••••••0001")]
    [InlineData("123", "••••")]
    public void The_NIK_is_masked_to_its_region_and_serial(string nik, string masked) =>
        Assert.Equal(masked, NikRules.Mask(nik));
}

public class PhoneNumbersTests
{
    [Theory]
    [InlineData("081234567890", "+6281234567890")]
    [InlineData("0812-3456-7890", "+6281234567890")]
    [InlineData("0812 3456 7890", "+6281234567890")]
    [InlineData("+62 812 3456 7890", "+6281234567890")]
    [InlineData("+62-812-3456-7890", "+6281234567890")]
    [InlineData("6281234567890", "+6281234567890")]
    [InlineData("(0812) 345 678", "+62812345678")] // 8 digits after 08: the shortest mobile numbers
    [InlineData("0812345678901", "+62812345678901")]
    public void Indonesian_mobile_numbers_are_stored_in_one_form(string input, string expected)
    {
        Assert.True(PhoneNumbers.TryNormalize(input, out var normalized));
        Assert.Equal(expected, normalized);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0254 123456")] // a landline of Serang: not a mobile number
    [InlineData("+1 415 555 0100")]
    [InlineData("0812")]
    [InlineData("08123456789012")]
    [InlineData("0812345abcd")]
    [InlineData("81234567890")]
    public void Anything_else_is_refused(string input) => Assert.False(PhoneNumbers.TryNormalize(input, out _));

    [Fact]
    public void A_stored_number_is_shown_as_people_write_it() =>
        Assert.Equal("0812-3456-7890", PhoneNumbers.Display("+6281234567890"));
}

public class CommonPasswordValidatorTests
{
    [Theory]
    [InlineData("bismillah", true)]
    [InlineData("Bismillah123", true)]
    [InlineData("indonesia", true)]
    [InlineData("INDONESIA45!", true)]
    [InlineData("12345678", true)]
    [InlineData("password", true)]
    [InlineData("Password1!", true)]
    [InlineData("sayang2025", true)]
    [InlineData("kopi-sablon-serang-2025", false)]
    [InlineData("barista walantaka pagi", false)]
    public void Common_passwords_are_recognised_also_with_digits_added(string password, bool common) =>
        Assert.Equal(common, CommonPasswordValidator.IsCommon(password));
}
