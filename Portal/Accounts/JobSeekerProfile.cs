using Portal.Training;

namespace Portal.Accounts;

/// <summary>
/// What a job seeker tells about themselves (PRODUCT.md), one per account, required before the
/// first application. Personal data under UU PDP: shown to its owner, NIK masked everywhere else.
/// </summary>
public class JobSeekerProfile
{
    public const int FullNameMaxLength = 120;
    public const int AddressMaxLength = 300;
    public const int NikReviewReasonMaxLength = 300;

    /// <summary>The account's id; also the key, so an account has at most one profile.</summary>
    public required string UserId { get; set; }

    public required string FullName { get; set; }

    /// <summary>
    /// 16 digits, checked by <see cref="NikRules"/>. One person's: a NIK another profile already
    /// holds is saved all the same but held for an operator (<see cref="NikNeedsReview"/>).
    /// </summary>
    public required string Nik { get; set; }

    /// <summary>Held for an operator's check of the NIK against the KTP; the owner is not told (see ProfileService).</summary>
    public bool NikNeedsReview { get; set; }

    /// <summary>Why the NIK waits for a check, in Indonesian, for the operators.</summary>
    public string? NikReviewReason { get; set; }

    public DateTime? NikReviewSinceUtc { get; set; }

    /// <summary>The WIB day of <see cref="NikChangesThatDay"/>: different NIKs entered are limited per day.</summary>
    public DateOnly? NikChangeDay { get; set; }

    public int NikChangesThatDay { get; set; }

    public DateOnly DateOfBirth { get; set; }

    public Gender Gender { get; set; }

    /// <summary>Normalised by <see cref="PhoneNumbers"/>: "+628…".</summary>
    public required string Phone { get; set; }

    public required string Address { get; set; }

    /// <summary>Where the person lives now, as they say; never derived from the NIK's region code.</summary>
    public Kecamatan Kecamatan { get; set; }

    public EducationLevel Education { get; set; }

    public EmploymentStatus EmploymentStatus { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    public string MaskedNik => NikRules.Mask(Nik);

    /// <summary>How the audit trail names a profile: by account id, since entries outlive the account.</summary>
    public static string AuditTarget(string userId) => $"Profil pencari kerja akun {userId}";

    public bool LivesInKotaSerang => Kecamatan.IsInKotaSerang();

    /// <summary>Whole years of age on a day (a birthday on that day counts).</summary>
    public int AgeOn(DateOnly day) => Ages.On(DateOfBirth, day);

    /// <summary>
    /// Every field a batch's rules need is there. Profiles are saved whole, so a stored profile is
    /// complete today; the check keeps applying honest if a required field is added later.
    /// </summary>
    public bool IsComplete =>
        !string.IsNullOrWhiteSpace(FullName) && !string.IsNullOrWhiteSpace(Nik) && !string.IsNullOrWhiteSpace(Phone)
        && !string.IsNullOrWhiteSpace(Address) && DateOfBirth != default && Enum.IsDefined(Education);
}

public static class Ages
{
    public static int On(DateOnly dateOfBirth, DateOnly day)
    {
        var age = day.Year - dateOfBirth.Year;
        return day < dateOfBirth.AddYears(age) ? age - 1 : age;
    }
}

public enum Gender
{
    Male = 1,
    Female = 2,
}

/// <summary>The six kecamatan of Kota Serang, or outside the city.</summary>
public enum Kecamatan
{
    Serang = 1,
    Kasemen = 2,
    Walantaka = 3,
    Curug = 4,
    CipocokJaya = 5,
    Taktakan = 6,
    LuarKotaSerang = 99,
}

public enum EmploymentStatus
{
    Unemployed = 1,
    LaidOff = 2,
    InformalWork = 3,
    Employed = 4,
    SelfEmployed = 5,
    Student = 6,
}

/// <summary>Indonesian labels of the profile's choices, for forms, pages and the data download.</summary>
public static class ProfileLabels
{
    public static string Label(this Gender gender) => gender == Gender.Female ? "Perempuan" : "Laki-laki";

    public static string Label(this Kecamatan kecamatan) => kecamatan switch
    {
        Kecamatan.Serang => "Serang",
        Kecamatan.Kasemen => "Kasemen",
        Kecamatan.Walantaka => "Walantaka",
        Kecamatan.Curug => "Curug",
        Kecamatan.CipocokJaya => "Cipocok Jaya",
        Kecamatan.Taktakan => "Taktakan",
        _ => "Di luar Kota Serang",
    };

    public static bool IsInKotaSerang(this Kecamatan kecamatan) => kecamatan != Kecamatan.LuarKotaSerang;

    public static string Label(this EmploymentStatus status) => status switch
    {
        EmploymentStatus.Unemployed => "Belum bekerja / sedang mencari kerja",
        EmploymentStatus.LaidOff => "Terkena PHK",
        EmploymentStatus.InformalWork => "Bekerja tidak tetap / serabutan",
        EmploymentStatus.Employed => "Bekerja",
        EmploymentStatus.SelfEmployed => "Wirausaha",
        _ => "Pelajar / mahasiswa",
    };
}
