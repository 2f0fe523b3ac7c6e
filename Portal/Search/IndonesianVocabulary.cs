using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Synonym;
using Lucene.Net.Util;

namespace Portal.Search;

/// <summary>
/// Corrections to the rule-based Tala stemmer and the synonyms the public uses, in one place.
/// Tala strips affixes by rule without a dictionary of roots, so it over-stems words whose first
/// letters only look like a prefix ("peserta" → "serta", "berita" → "ita", "perusahaan" → "usaha"),
/// and it strips meN-/peN- without restoring the root's first letter ("menutup" → "utup" while
/// "ditutup" → "tutup"). The words here come from the portal's own content and what citizens
/// type; add to them when search misses an obvious match, then bump <see cref="SearchSchema.Version"/>.
/// </summary>
public static class IndonesianVocabulary
{
    /// <summary>Kept exactly as written: base words that look affixed, and names.</summary>
    public static readonly string[] StemExclusions =
    [
        "peserta", "berita", "perusahaan", "pertama", "percaya", "terima", "terampil", "periksa",
        "disiplin", "digital", "diskusi", "diploma", "domisili", "media", "kedai", "kepala",
        "keluarga", "kelompok", "masalah", "pegawai", "pelaku", "perilaku", "sekolah", "kendala",
        "menara", "bertemu", "berlaku", "pencaker", "kemnaker", "disnakertrans", "diskominfo",
    ];

    /// <summary>Affixed forms mapped to the stem their siblings reach, so all forms meet.</summary>
    public static readonly IReadOnlyDictionary<string, string> StemOverridesByWord = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["menulis"] = "tulis",
        ["pesertanya"] = "peserta",
        ["menutup"] = "tutup",
        ["menerima"] = "terima",
        ["penerimaan"] = "terima",
        ["menilai"] = "nilai",
        ["dinilai"] = "nilai",
        ["penilaian"] = "nilai",
        ["memilih"] = "pilih",
        ["pemilihan"] = "pilih",
        ["kelola"] = "kelola",
        ["mengelola"] = "kelola",
        ["dikelola"] = "kelola",
        ["pengelola"] = "kelola",
        ["pengelolaan"] = "kelola",
        ["memulai"] = "mula",
        ["memahami"] = "paham",
        ["menemukan"] = "temu",
        ["menentukan"] = "tentu",
        ["memantau"] = "pantau",
        ["menunggu"] = "tunggu",
        ["berencana"] = "rencana",
        ["perencanaan"] = "rencana",
        ["cetakan"] = "cetak",
        ["percetakan"] = "cetak",
        ["memeriksa"] = "periksa",
        ["pemeriksaan"] = "periksa",
        ["kepercayaan"] = "percaya",
        ["menyatakan"] = "nyata",
        ["pemasaran"] = "pasar",
        ["memasarkan"] = "pasar",
        ["memiliki"] = "milik",
        ["pemilik"] = "milik",
        ["memanfaatkan"] = "manfaat",
        ["memastikan"] = "pasti",
        ["mengenal"] = "kenal",
        ["mengenali"] = "kenal",
        ["pengenalan"] = "kenal",
    };

    /// <summary>
    /// Each line: words that mean the same to the public. Written lower-case and without accents,
    /// as the analyzer sees them before stemming ("ak 1" is how "AK-1" is split into words).
    /// </summary>
    public static readonly string[][] SynonymGroups =
    [
        ["pencaker", "pencari kerja"],
        ["sablon", "screen printing"],
        ["lpk", "lembaga pelatihan kerja"],
        ["bbpvp", "balai besar pelatihan vokasi dan produktivitas"],
        ["apbd", "anggaran pendapatan dan belanja daerah"],
        ["apbn", "anggaran pendapatan dan belanja negara"],
        ["disnakertrans", "dinas tenaga kerja dan transmigrasi"],
        ["kemnaker", "kementerian ketenagakerjaan"],
        ["kartu kuning", "ak 1"],
    ];

    public static StemmerOverrideFilter.StemmerOverrideMap StemOverrides()
    {
        var builder = new StemmerOverrideFilter.Builder(ignoreCase: true);
        foreach (var (word, stem) in StemOverridesByWord)
        {
            builder.Add(word, stem);
        }

        return builder.Build();
    }

    /// <summary>Every word of a group maps to every other, keeping the original too.</summary>
    public static SynonymMap Synonyms()
    {
        var builder = new SynonymMap.Builder(dedup: true);
        foreach (var group in SynonymGroups)
        {
            foreach (var from in group)
            {
                foreach (var to in group.Where(t => t != from))
                {
                    builder.Add(Phrase(from), Phrase(to), includeOrig: true);
                }
            }
        }

        return builder.Build();
    }

    private static CharsRef Phrase(string words) =>
        SynonymMap.Builder.Join(words.Split(' ', StringSplitOptions.RemoveEmptyEntries), new CharsRef());
}
