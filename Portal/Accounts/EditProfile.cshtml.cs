using Microsoft.AspNetCore.Identity;
using Portal.Training;
using Microsoft.AspNetCore.RateLimiting;
using Portal.Security;

namespace Portal.Accounts;

/// <summary>The owner edits their profile; the only place the full NIK is shown.</summary>
[EnableRateLimiting(RateLimits.ProfileSave)]
public class EditProfileModel(ProfileService profiles, UserManager<PortalUser> users) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>Back to the apply page after filling the profile from there.</summary>
    [ReturnAddress]
    public string? ReturnUrl { get; set; }

    public bool IsNew { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var profile = await profiles.FindAsync(users.GetUserId(User)!, cancellationToken);
        IsNew = profile is null;
        if (profile is not null)
        {
            Input = InputModel.From(profile);
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await profiles.SaveAsync(users.GetUserId(User)!, Input.ToProfileInput(), cancellationToken);
        if (!result.Succeeded)
        {
            ModelState.AddErrors(result.Errors);
            return Page();
        }

        TempData.SetStatus("Profil Anda sudah disimpan.");
        return this.ReturnOrRedirectToPage(ReturnUrl, "/Accounts/Profile");
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Nama lengkap wajib diisi.")]
        [StringLength(JobSeekerProfile.FullNameMaxLength, ErrorMessage = "Nama lengkap paling banyak {1} karakter.")]
        [Display(Name = "Nama lengkap (sesuai KTP)")]
        public string FullName { get; set; } = string.Empty;

        [Required(ErrorMessage = "NIK wajib diisi.")]
        [StringLength(40, ErrorMessage = "NIK harus terdiri dari 16 angka.")]
        [Display(Name = "NIK (16 angka)")]
        public string Nik { get; set; } = string.Empty;

        [Required(ErrorMessage = "Tanggal lahir wajib diisi.")]
        [Display(Name = "Tanggal lahir")]
        public DateOnly? DateOfBirth { get; set; }

        [Required(ErrorMessage = "Pilih jenis kelamin.")]
        [Display(Name = "Jenis kelamin")]
        public Gender? Gender { get; set; }

        [Required(ErrorMessage = "Nomor HP wajib diisi.")]
        [StringLength(30, ErrorMessage = PhoneNumbers.FormatMessage)]
        [Display(Name = "Nomor HP (WhatsApp)")]
        public string Phone { get; set; } = string.Empty;

        [Required(ErrorMessage = "Alamat wajib diisi.")]
        [StringLength(JobSeekerProfile.AddressMaxLength, ErrorMessage = "Alamat paling banyak {1} karakter.")]
        [Display(Name = "Alamat tempat tinggal sekarang")]
        public string Address { get; set; } = string.Empty;

        [Required(ErrorMessage = "Pilih kecamatan tempat tinggal Anda sekarang.")]
        [Display(Name = "Kecamatan domisili")]
        public Kecamatan? Kecamatan { get; set; }

        [Required(ErrorMessage = "Pilih pendidikan terakhir.")]
        [Display(Name = "Pendidikan terakhir")]
        public EducationLevel? Education { get; set; }

        [Required(ErrorMessage = "Pilih status pekerjaan.")]
        [Display(Name = "Status pekerjaan")]
        public EmploymentStatus? EmploymentStatus { get; set; }

        public static InputModel From(JobSeekerProfile profile) => new()
        {
            FullName = profile.FullName,
            Nik = profile.Nik,
            DateOfBirth = profile.DateOfBirth,
            Gender = profile.Gender,
            Phone = PhoneNumbers.Display(profile.Phone),
            Address = profile.Address,
            Kecamatan = profile.Kecamatan,
            Education = profile.Education,
            EmploymentStatus = profile.EmploymentStatus,
        };

        public ProfileInput ToProfileInput() => new(
            FullName, Nik, DateOfBirth!.Value, Gender!.Value, Phone, Address, Kecamatan!.Value, Education!.Value, EmploymentStatus!.Value);
    }
}
