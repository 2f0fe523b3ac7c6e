using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Shared;
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

/// <summary>Saves a job seeker's profile after the NIK, phone and date-of-birth rules; error fields are the <see cref="ProfileInput"/> names.</summary>
public sealed class ProfileService(PortalDbContext db, TimeProvider clock, ILogger<ProfileService> logger)
{
    public const string NikTakenMessage =
        "NIK ini sudah terdaftar pada akun lain. Jika ini NIK Anda, hubungi kantor Disnakertrans Kota Serang.";

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

        if (errors.Count == 0 && await db.JobSeekerProfiles.AnyAsync(p => p.Nik == nik && p.UserId != userId, cancellationToken))
        {
            errors.Add(new FormError(nameof(ProfileInput.Nik), NikTakenMessage));
        }

        if (errors.Count > 0)
        {
            return new FormResult(errors);
        }

        var profile = await db.JobSeekerProfiles.SingleOrDefaultAsync(p => p.UserId == userId, cancellationToken);
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
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (!await db.JobSeekerProfiles.AnyAsync(p => p.Nik == nik && p.UserId != userId, cancellationToken))
            {
                throw;
            }

            // Another account saved the same NIK a moment ago: the unique index decided.
            return FormResult.Fail(nameof(ProfileInput.Nik), NikTakenMessage);
        }

        logger.LogInformation("Profile of account {UserId} saved", userId);
        return FormResult.Success;
    }
}
