using Portal.Admin;
using Portal.Security;
using Portal.Training;

namespace Portal.Accounts;

/// <summary>The profile form's values, already through the page's required-field checks.</summary>
public sealed record ProfileInput(
    string FullName,
    string Nik,
    DateOnly DateOfBirth,
    Gender Gender,
    string Phone,
    string Address,
    Kecamatan Kecamatan,
    EducationLevel Education,
    EmploymentStatus EmploymentStatus);

/// <summary>
/// Saves a job seeker's profile after the NIK, phone and date-of-birth rules; error fields are the
/// <see cref="ProfileInput"/> names.
/// </summary>
/// <remarks>
/// A NIK is one person's, but the portal cannot tell who typed it: refusing a NIK that another
/// account holds would tell anyone whose NIK is registered here (personal data under UU PDP). So
/// such a profile is saved with the usual answer and held for an operator, who checks the KTP at
/// verification anyway (<see cref="JobSeekerProfile.NikNeedsReview"/>, the audit trail, /admin).
/// The held profile may apply like any other: refusing it would be the same tell one step later.
/// Entering many NIKs is limited per account per day.
/// </remarks>
public sealed class ProfileService(PortalDbContext db, AuditLog audit, IOptions<RateLimitOptions> limits, TimeProvider clock, ILogger<ProfileService> logger)
{
    public const string NikHeldElsewhereReason = "NIK yang sama sudah tercatat pada profil akun lain.";

    public static string NikChangeLimitMessage(int perDay) =>
        $"NIK hanya dapat diubah {perDay} kali dalam sehari. Demi keamanan data pribadi, silakan coba lagi besok.";

    public Task<JobSeekerProfile?> FindAsync(string userId, CancellationToken cancellationToken) =>
        db.JobSeekerProfiles.AsNoTracking().SingleOrDefaultAsync(p => p.UserId == userId, cancellationToken);

    public async Task<FormResult> SaveAsync(string userId, ProfileInput input, CancellationToken cancellationToken)
    {
        var errors = new List<FormError>();
        var today = Wib.Today(clock);
        var nik = NikRules.Normalize(input.Nik);

        if (input.DateOfBirth > today || Ages.On(input.DateOfBirth, today) > 100)
        {
            errors.Add(new FormError(nameof(ProfileInput.DateOfBirth), "Tanggal lahir tidak valid."));
        }
        else if (NikRules.Check(nik, input.DateOfBirth, input.Gender) is { } nikProblem)
        {
            errors.Add(new FormError(nameof(ProfileInput.Nik), nikProblem));
        }

        if (!PhoneNumbers.TryNormalize(input.Phone, out var phone))
        {
            errors.Add(new FormError(nameof(ProfileInput.Phone), PhoneNumbers.FormatMessage));
        }

        if (!Enum.IsDefined(input.Gender) || !Enum.IsDefined(input.Kecamatan) || !Enum.IsDefined(input.Education) || !Enum.IsDefined(input.EmploymentStatus))
        {
            errors.Add(new FormError(null, "Pilih salah satu pilihan yang tersedia pada setiap isian."));
        }

        var profile = await db.JobSeekerProfiles.SingleOrDefaultAsync(p => p.UserId == userId, cancellationToken);
        var nikChanged = profile is null || profile.Nik != nik;
        var perDay = limits.Value.NikChangesPerDay;
        if (errors.Count == 0 && nikChanged && profile is { } current && current.NikChangeDay == today && current.NikChangesThatDay >= perDay)
        {
            errors.Add(new FormError(nameof(ProfileInput.Nik), NikChangeLimitMessage(perDay)));
        }

        if (errors.Count > 0)
        {
            return new FormResult(errors);
        }

        if (profile is null)
        {
            profile = new JobSeekerProfile { UserId = userId, FullName = string.Empty, Nik = nik, Phone = phone, Address = string.Empty };
            db.JobSeekerProfiles.Add(profile);
        }

        profile.FullName = input.FullName.Trim();
        profile.Nik = nik;
        profile.DateOfBirth = input.DateOfBirth;
        profile.Gender = input.Gender;
        profile.Phone = phone;
        profile.Address = input.Address.Trim();
        profile.Kecamatan = input.Kecamatan;
        profile.Education = input.Education;
        profile.EmploymentStatus = input.EmploymentStatus;
        profile.UpdatedAtUtc = Wib.UtcNow(clock);
        if (nikChanged)
        {
            profile.NikChangesThatDay = profile.NikChangeDay == today ? profile.NikChangesThatDay + 1 : 1;
            profile.NikChangeDay = today;
            await HoldIfNikHeldElsewhereAsync(profile, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);

        // Two accounts saving one NIK at the same moment each found no other before saving; looking
        // again afterwards, each finds the other, so both are held.
        if (nikChanged && !profile.NikNeedsReview && await HoldIfNikHeldElsewhereAsync(profile, cancellationToken))
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        logger.LogInformation("Profile of account {UserId} saved", userId);
        return FormResult.Success;
    }

    /// <summary>
    /// Holds the profile, with an audit entry in the same save, when another profile has its NIK.
    /// The audit trail outlives accounts, so it names profiles by account id, as it names
    /// applications by number, never by a person's name or email (UU PDP: deleted means gone).
    /// </summary>
    private async Task<bool> HoldIfNikHeldElsewhereAsync(JobSeekerProfile profile, CancellationToken cancellationToken)
    {
        var others = await db.JobSeekerProfiles.AsNoTracking()
            .Where(p => p.Nik == profile.Nik && p.UserId != profile.UserId)
            .Select(p => p.UserId).ToListAsync(cancellationToken);
        if (others.Count == 0)
        {
            return false;
        }

        profile.NikReviewReason = NikHeldElsewhereReason;
        profile.NikReviewSinceUtc ??= Wib.UtcNow(clock);
        profile.NikNeedsReview = true;
        audit.Record(new StaffActor(profile.UserId, $"Pencari kerja (akun {profile.UserId})"), AuditAction.NikReviewRequested, JobSeekerProfile.AuditTarget(profile.UserId),
            $"NIK {profile.MaskedNik} juga tercatat pada profil akun: {string.Join(", ", others)}. Profil ditahan untuk diperiksa petugas.");
        logger.LogWarning("Profile of account {UserId} held for a NIK check: its NIK is on another profile", profile.UserId);
        return true;
    }
}
