using Portal.Training;

namespace Portal.Admin.Training;

public sealed class ProgrammeForm
{
    [Display(Name = "Nama program")]
    [Required(ErrorMessage = "Nama program wajib diisi.")]
    [StringLength(Programme.TitleMaxLength, ErrorMessage = "Nama program paling panjang {1} karakter.")]
    public string Title { get; set; } = string.Empty;

    /// <summary>Only for a new programme: its public address is shared, so it does not change afterwards.</summary>
    [Display(Name = "Alamat (slug)")]
    [StringLength(Slugs.MaxLength, ErrorMessage = "Alamat paling panjang {1} karakter.")]
    public string? Slug { get; set; }

    [Display(Name = "Ringkasan")]
    [Required(ErrorMessage = "Ringkasan wajib diisi.")]
    [StringLength(Programme.SummaryMaxLength, ErrorMessage = "Ringkasan paling panjang {1} karakter.")]
    public string Summary { get; set; } = string.Empty;

    [Display(Name = "Deskripsi (Markdown)")]
    [StringLength(50_000, ErrorMessage = "Deskripsi terlalu panjang (paling banyak 50.000 karakter).")]
    public string? Description { get; set; }

    [Display(Name = "Urutan tampil")]
    [Range(0, 1000, ErrorMessage = "Urutan tampil berupa angka 0 sampai 1000.")]
    public int SortOrder { get; set; }

    public static ProgrammeForm From(Programme programme) => new()
    {
        Title = programme.Title,
        Slug = programme.Slug,
        Summary = programme.Summary,
        Description = programme.DescriptionMarkdown,
        SortOrder = programme.SortOrder,
    };
}

/// <summary>A batch as the operator types it: registration times and training dates in WIB.</summary>
public sealed class BatchForm
{
    [Display(Name = "Nama gelombang")]
    [Required(ErrorMessage = "Nama gelombang wajib diisi.")]
    [StringLength(Batch.NameMaxLength, ErrorMessage = "Nama gelombang paling panjang {1} karakter.")]
    public string Name { get; set; } = string.Empty;

    [Display(Name = "Sumber dana")]
    public FundingSource Funding { get; set; } = FundingSource.Apbd;

    [Display(Name = "Penyelenggara")]
    [Required(ErrorMessage = "Penyelenggara wajib diisi.")]
    [StringLength(Batch.ProviderMaxLength, ErrorMessage = "Nama penyelenggara paling panjang {1} karakter.")]
    public string Provider { get; set; } = string.Empty;

    [Display(Name = "Lokasi")]
    [Required(ErrorMessage = "Lokasi wajib diisi.")]
    [StringLength(Batch.LocationMaxLength, ErrorMessage = "Lokasi paling panjang {1} karakter.")]
    public string Location { get; set; } = string.Empty;

    [Display(Name = "Jumlah kursi (kuota)")]
    [Required(ErrorMessage = "Jumlah kursi wajib diisi.")]
    [Range(1, 10_000, ErrorMessage = "Jumlah kursi harus lebih dari 0 (paling banyak 10.000).")]
    public int? Seats { get; set; }

    [Display(Name = "Batas jumlah pendaftar (opsional)")]
    [Range(1, 100_000, ErrorMessage = "Batas pendaftar harus lebih dari 0.")]
    public int? RegistrationCap { get; set; }

    [Display(Name = "Pendaftaran dibuka (WIB)")]
    [Required(ErrorMessage = "Waktu pendaftaran dibuka wajib diisi.")]
    public DateTime? RegistrationOpensWib { get; set; }

    [Display(Name = "Pendaftaran ditutup (WIB)")]
    [Required(ErrorMessage = "Waktu pendaftaran ditutup wajib diisi.")]
    public DateTime? RegistrationClosesWib { get; set; }

    [Display(Name = "Hari pertama pelatihan")]
    [Required(ErrorMessage = "Tanggal mulai pelatihan wajib diisi.")]
    public DateOnly? TrainingStartsOn { get; set; }

    [Display(Name = "Hari terakhir pelatihan")]
    [Required(ErrorMessage = "Tanggal selesai pelatihan wajib diisi.")]
    public DateOnly? TrainingEndsOn { get; set; }

    [Display(Name = "Usia minimal (opsional)")]
    public int? MinAge { get; set; }

    [Display(Name = "Usia maksimal (opsional)")]
    public int? MaxAge { get; set; }

    [Display(Name = "Pendidikan minimal")]
    public EducationLevel? MinEducation { get; set; }

    [Display(Name = "Khusus warga berdomisili di Kota Serang")]
    public bool ResidentsOnly { get; set; } = true;

    [Display(Name = "Dokumen yang dibawa pendaftar (satu per baris)")]
    [StringLength(Batch.DocumentsMax * (Batch.DocumentMaxLength + 2), ErrorMessage = "Daftar dokumen terlalu panjang.")]
    public string? RequiredDocuments { get; set; }

    public static BatchForm From(Batch batch) => new()
    {
        Name = batch.Name,
        Funding = batch.Funding,
        Provider = batch.Provider,
        Location = batch.Location,
        Seats = batch.Seats,
        RegistrationCap = batch.RegistrationCap,
        RegistrationOpensWib = Wib.ToWib(batch.RegistrationOpensAtUtc),
        RegistrationClosesWib = Wib.ToWib(batch.RegistrationClosesAtUtc),
        TrainingStartsOn = batch.TrainingStartsOn,
        TrainingEndsOn = batch.TrainingEndsOn,
        MinAge = batch.MinAge,
        MaxAge = batch.MaxAge,
        MinEducation = batch.MinEducation,
        ResidentsOnly = batch.ResidentsOnly,
        RequiredDocuments = string.Join('\n', batch.RequiredDocuments),
    };

    /// <summary>The documents as the operator typed them, one per line.</summary>
    public List<string> Documents() => BatchRules.CleanDocuments((RequiredDocuments ?? string.Empty).Split('\n'));

    /// <summary>The form's terms, once it is valid (the required values are there).</summary>
    public BatchTerms Terms() => new(Name.Trim(), Funding, Provider.Trim(), Location.Trim(), RegistrationCap,
        Wib.ToUtc(RegistrationOpensWib!.Value), Wib.ToUtc(RegistrationClosesWib!.Value), TrainingStartsOn!.Value, TrainingEndsOn!.Value,
        MinAge, MaxAge, MinEducation, ResidentsOnly, Documents());
}
