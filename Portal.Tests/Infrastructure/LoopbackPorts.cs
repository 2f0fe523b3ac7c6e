using System.Net.Sockets;

namespace Portal.Tests.Infrastructure;

/// <summary>
/// A free TCP port on loopback, for a server whose address must be known before it starts (the
/// portal's public address is configuration). Another process could take it in the moment between;
/// on a test machine that has not been seen.
/// </summary>
public static class LoopbackPorts
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
