using System.Security.Cryptography;
using System.Text;

namespace Portal.Data;

/// <summary>Portal:Node: who this process is among the nodes that share one database.</summary>
public sealed class NodeOptions
{
    public const string Section = "Portal:Node";

    /// <summary>
    /// A name that stays the same across restarts of this node and differs from every other node's:
    /// it holds leases and keys this node's search cursor. Empty: the machine name and a short hash
    /// of the data folder, so two nodes on one machine (different data folders) differ too.
    /// </summary>
    [MaxLength(ClusterNode.NameMaxLength)]
    public string? Name { get; set; }
}

/// <summary>This node's stable name (see <see cref="NodeOptions.Name"/>).</summary>
public sealed class ClusterNode(string name)
{
    public const int NameMaxLength = 100;

    public string Name { get; } = name;

    public static ClusterNode From(NodeOptions options, DataFolder folder)
    {
        if (!string.IsNullOrWhiteSpace(options.Name))
        {
            return new ClusterNode(options.Name.Trim());
        }

        var folderHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(folder.Root)))[..8];
        var machine = Environment.MachineName;
        return new ClusterNode($"{machine[..Math.Min(machine.Length, NameMaxLength - 9)]}-{folderHash}");
    }

    public override string ToString() => Name;
}
