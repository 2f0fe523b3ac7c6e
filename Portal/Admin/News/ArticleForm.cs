using Portal.News;

namespace Portal.Admin.News;

/// <summary>What an editor sends from the article form. Times are WIB wall-clock times, as typed.</summary>
public sealed class ArticleForm
{
    /// <summary>The article's <see cref="Article.Version"/> when the form was opened.</summary>
    public int Version { get; set; }

    [Display(Name = "Judul")]
    [Required(ErrorMessage = "Judul wajib diisi.")]
    [StringLength(Article.TitleMaxLength, ErrorMessage = "Judul paling panjang {1} karakter.")]
    public string Title { get; set; } = string.Empty;

    [Display(Name = "Alamat (slug)")]
    [StringLength(Slugs.MaxLength, ErrorMessage = "Alamat paling panjang {1} karakter.")]
    public string? Slug { get; set; }

    [Display(Name = "Ringkasan")]
    [Required(ErrorMessage = "Ringkasan wajib diisi.")]
    [StringLength(Article.SummaryMaxLength, ErrorMessage = "Ringkasan paling panjang {1} karakter.")]
    public string Summary { get; set; } = string.Empty;

    [Display(Name = "Isi berita (Markdown)")]
    [StringLength(MarkdownRenderer.MaxLength, ErrorMessage = "Isi berita terlalu panjang (paling banyak 100.000 karakter).")]
    public string? Body { get; set; }

    [Display(Name = "Topik")]
    [StringLength(500, ErrorMessage = "Daftar topik terlalu panjang.")]
    public string? Tags { get; set; }

    [Display(Name = "Program pelatihan")]
    public int? ProgrammeId { get; set; }

    [Display(Name = "Penulis")]
    [StringLength(Article.AuthorMaxLength, ErrorMessage = "Nama penulis paling panjang {1} karakter.")]
    public string? Author { get; set; }

    [Display(Name = "Tanggal dan jam terbit (WIB)")]
    public DateTime? PublishAtWib { get; set; }

    /// <summary>The stored cover: kept across a re-shown form so that a valid upload is not lost.</summary>
    public string? CoverImagePath { get; set; }

    [Display(Name = "Keterangan gambar sampul")]
    [StringLength(Article.CoverImageAltMaxLength, ErrorMessage = "Keterangan gambar paling panjang {1} karakter.")]
    public string? CoverImageAlt { get; set; }

    [Display(Name = "Hapus gambar sampul")]
    public bool RemoveCover { get; set; }

    public static ArticleForm From(Article article) => new()
    {
        Version = article.Version,
        Title = article.Title,
        Slug = article.Slug,
        Summary = article.Summary,
        Body = article.BodyMarkdown,
        Tags = string.Join(", ", article.Topics.Select(t => t.Name).Order(StringComparer.OrdinalIgnoreCase)),
        ProgrammeId = article.ProgrammeId,
        Author = article.Author,
        PublishAtWib = Wib.ToWib(article.PublishedAtUtc),
        CoverImagePath = article.CoverImagePath,
        CoverImageAlt = article.CoverImageAlt,
    };

    /// <summary>Topic names as typed, comma-separated, each once.</summary>
    public List<string> TopicNames() =>
        (Tags ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .DistinctBy(Slugs.FromText)
            .ToList();
}

/// <summary>What the editor asked for with the button they pressed; every one also saves the form.</summary>
public enum ArticleAction
{
    Save,
    PublishNow,
    Schedule,
    Unpublish,
    Archive,
}
