using System.Globalization;
using System.Text;
using Portal.Search;

namespace Portal.Benchmarks;

/// <summary>
/// A synthetic Indonesian-like corpus from a fixed seed: roots built from Indonesian syllables
/// (plus real words of the portal's domain), used bare and with the affixes the stemmer strips
/// (meN-, di-, peN-…-an, ke-…-an, ber-, ter-, -kan, -nya), Zipf-distributed, mixed with real
/// Indonesian stop words. Any article can be regenerated from its number alone, so the corpus
/// never has to sit in memory.
/// </summary>
public sealed class SyntheticCorpus
{
    public const int TargetBodyLength = 5_000;

    private static readonly string[] DomainRoots =
    [
        "latih", "kerja", "daftar", "tempat", "usaha", "kopi", "sablon", "barista", "serang", "kota", "warga", "program",
        "gelombang", "kuota", "peserta", "modul", "uji", "sertifikat", "mitra", "industri", "upah", "disiplin", "mental",
        "komunikasi", "presentasi", "wawancara", "kaus", "tinta", "desain", "cetak", "racik", "seduh", "susu", "kedai",
        "pasar", "jual", "beli", "hitung", "modal", "biaya", "anggaran", "negara", "daerah", "dinas", "balai", "vokasi",
        "lembaga", "akreditasi", "lulus", "didik", "sekolah", "umur", "domisili", "kecamatan", "kartu", "kuning", "lamar",
        "buka", "tutup", "mulai", "selesai", "jadwal", "lokasi", "aula", "workshop", "praktik", "teori", "materi", "instruktur",
    ];

    private static readonly string[] Consonants = ["b", "c", "d", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "w", "y", "ng", "ny"];
    private static readonly string[] Vowels = ["a", "a", "i", "u", "e", "o"];
    private static readonly string[] Codas = ["", "", "", "n", "ng", "r", "t", "k", "s", "l", "m", "h"];
    private static readonly string[] Programmes = ["soft-skill", "public-speaking", "sablon", "barista", "digital-marketing", "menjahit", "otomotif", "las"];

    private readonly int _seed;
    private readonly string[] _roots;
    private readonly double[] _cumulative;
    private readonly string[] _stopWords;

    public SyntheticCorpus(int seed, int roots = 6_000)
    {
        _seed = seed;
        var random = new Random(seed);
        var words = new HashSet<string>(DomainRoots, StringComparer.Ordinal);
        while (words.Count < roots)
        {
            var syllables = random.Next(2, 4);
            var builder = new StringBuilder();
            for (var s = 0; s < syllables; s++)
            {
                builder.Append(Consonants[random.Next(Consonants.Length)]).Append(Vowels[random.Next(Vowels.Length)]);
                if (s == syllables - 1 || random.Next(4) == 0)
                {
                    builder.Append(Codas[random.Next(Codas.Length)]);
                }
            }

            words.Add(builder.ToString());
        }

        // Domain roots first, so they are among the frequent words, as in the real portal.
        _roots = [.. DomainRoots, .. words.Except(DomainRoots).OrderBy(w => random.Next())];
        _cumulative = new double[_roots.Length];
        var total = 0.0;
        for (var rank = 0; rank < _roots.Length; rank++)
        {
            total += 1.0 / (rank + 1);
            _cumulative[rank] = total;
        }

        for (var rank = 0; rank < _roots.Length; rank++)
        {
            _cumulative[rank] /= total;
        }

        _stopWords = ["yang", "dan", "di", "ke", "dari", "untuk", "dengan", "pada", "ini", "itu", "dalam", "akan", "tidak", "juga",
            "oleh", "sebagai", "bagi", "para", "atau", "karena", "sudah", "telah", "lebih", "hingga", "agar", "setelah", "serta"];
    }

    public int RootCount => _roots.Length;

    public SearchDocument Article(int number)
    {
        // Not HashCode.Combine: it is seeded differently in every process.
        var random = new Random(unchecked((_seed * 1_000_003) + number));
        var title = Capitalize(Sentence(random, random.Next(5, 10), stopShare: 0.1));
        var summary = Sentence(random, random.Next(14, 22), stopShare: 0.35) + ".";
        var body = new StringBuilder(TargetBodyLength + 200);
        while (body.Length < TargetBodyLength)
        {
            body.Append(Capitalize(Sentence(random, random.Next(8, 18), stopShare: 0.4))).Append(random.Next(6) == 0 ? ".\n\n" : ". ");
        }

        var published = new DateTime(2020, 1, 1, 1, 0, 0, DateTimeKind.Utc).AddMinutes(random.Next(6 * 365 * 24 * 60));
        var programme = random.Next(10) < 7 ? Programmes[random.Next(Programmes.Length)] : null;
        return new SearchDocument(SearchKind.Article, number + 1, title, $"{summary}\n\n{body}", summary,
            $"/berita/artikel-{number.ToString(CultureInfo.InvariantCulture)}")
        {
            ProgrammeSlug = programme,
            ProgrammeTitle = programme,
            PublishedAtUtc = published,
            SortDateUtc = published,
            Year = published.Year,
        };
    }

    /// <summary>A word as it would appear in text: a Zipf-drawn root in one of its forms.</summary>
    public string Word(Random random) => Form(random, _roots[ZipfRank(random)]);

    /// <summary>A root of middling frequency (ranks 20 to 3,000), as people mostly search for.</summary>
    public string QueryWord(Random random) => Form(random, _roots[random.Next(20, Math.Min(3_000, _roots.Length))]);

    public bool IsStopWord(string word) => _stopWords.Contains(word, StringComparer.Ordinal);

    private string Sentence(Random random, int words, double stopShare)
    {
        var builder = new StringBuilder();
        for (var w = 0; w < words; w++)
        {
            if (w > 0)
            {
                builder.Append(' ');
            }

            builder.Append(random.NextDouble() < stopShare ? _stopWords[random.Next(_stopWords.Length)] : Word(random));
        }

        return builder.ToString();
    }

    private int ZipfRank(Random random)
    {
        var index = Array.BinarySearch(_cumulative, random.NextDouble());
        return Math.Min(index < 0 ? ~index : index, _roots.Length - 1);
    }

    /// <summary>Bare roots most often; otherwise an affixed form, with the nasal changes of meN- and peN-.</summary>
    private static string Form(Random random, string root) => random.Next(20) switch
    {
        < 9 => root,
        9 => "me" + Nasal(root),
        10 => "di" + root,
        11 => "pe" + Nasal(root) + "an",
        12 => "ke" + root + "an",
        13 => "ber" + root,
        14 => "ter" + root,
        15 => root + "kan",
        16 => root + "an",
        17 => "di" + root + "kan",
        18 => root + "nya",
        _ => "pe" + Nasal(root),
    };

    private static string Nasal(string root) => root[0] switch
    {
        'b' or 'f' or 'v' => "m" + root,
        'p' => "m" + root[1..],
        'd' or 'c' or 'j' or 'z' => "n" + root,
        't' => "n" + root[1..],
        's' => "ny" + root[1..],
        'k' => "ng" + root[1..],
        'g' or 'h' or 'a' or 'i' or 'u' or 'e' or 'o' => "ng" + root,
        _ => root,
    };

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
