using Portal.Search;

namespace Portal.Tests.Search;

public class IndonesianAnalysisTests
{
    private static List<string> Stems(string text) => SearchAnalyzers.Terms(SearchAnalyzers.StemmedQuery, SearchSchema.Body, text);

    [Theory]
    [InlineData("pelatihan", "dilatih", "melatih", "latihan", "berlatih")]
    [InlineData("penempatan", "ditempatkan", "tempat")]
    [InlineData("pendaftaran", "mendaftar", "terdaftar", "daftar")]
    [InlineData("keterampilan", "terampil")]
    [InlineData("menutup", "ditutup", "penutupan")]
    [InlineData("menulis", "tulisan", "ditulis")]
    [InlineData("peserta", "pesertanya")]
    [InlineData("menerima", "diterima", "penerima", "terima")]
    [InlineData("pemasaran", "memasarkan", "pasar")]
    public void Affixed_forms_of_a_word_share_one_stem(params string[] forms)
    {
        var stems = forms.Select(form => Assert.Single(Stems(form))).Distinct().ToList();

        Assert.True(stems.Count == 1, $"{string.Join(", ", forms)} give {string.Join(", ", stems)}");
    }

    [Theory]
    [InlineData("peserta", "peserta")]
    [InlineData("berita", "berita")]
    [InlineData("perusahaan", "perusahaan")]
    [InlineData("menulis", "tulis")]
    [InlineData("pencaker", "pencaker")]
    public void Words_the_Tala_stemmer_over_stems_are_kept_or_corrected(string word, string stem) =>
        Assert.Equal([stem], Stems(word));

    [Fact]
    public void Case_and_accents_are_folded() =>
        Assert.Equal(["cafe", "latih"], Stems("CAFÉ LATIHAN"));

    [Fact]
    public void Indonesian_stop_words_are_left_out() =>
        Assert.Equal(["barista"], Stems("yang dan di barista"));

    [Fact]
    public void The_exact_field_keeps_the_word_as_written() =>
        Assert.Equal(["pelatihan", "barista"], SearchAnalyzers.Terms(SearchAnalyzers.ExactQuery, SearchSchema.BodyExact, "Pelatihan Barista"));

    [Theory]
    [InlineData("pencari kerja", "pencaker")]
    [InlineData("pencaker", "cari")]
    [InlineData("screen printing", "sablon")]
    [InlineData("LPK", "lembaga")]
    [InlineData("lembaga pelatihan kerja", "lpk")]
    [InlineData("Balai Besar Pelatihan Vokasi dan Produktivitas", "bbpvp")]
    [InlineData("kartu kuning", "ak")]
    public void The_index_holds_both_sides_of_a_synonym(string text, string injected) =>
        Assert.Contains(injected, SearchAnalyzers.Terms(SearchAnalyzers.Indexing, SearchSchema.Body, text));
}
