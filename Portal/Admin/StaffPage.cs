namespace Portal.Admin;

/// <summary>The head tags every staff page shares.</summary>
public static class StaffPage
{
    /// <summary>Staff pages are never indexed (robots.txt also keeps crawlers out of /admin/).</summary>
    public static PageMeta Meta(string title) => new(title, "Area staf Portal Pelatihan Kerja Kota Serang.") { NoIndex = true };
}
