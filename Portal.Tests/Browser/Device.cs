namespace Portal.Tests.Browser;

/// <summary>A screen the portal is checked on; <see cref="Name"/> goes into screenshot file names.</summary>
public sealed record Device(string Name, int Width, int Height, bool IsMobile)
{
    public static readonly Device Desktop = new("desktop", 1280, 800, IsMobile: false);

    /// <summary>A cheap Android phone, the device most citizens read the portal on.</summary>
    public static readonly Device Phone = new("ponsel", 360, 740, IsMobile: true);
}
