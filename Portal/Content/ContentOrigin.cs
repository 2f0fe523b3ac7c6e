namespace Portal.Content;

/// <summary>Who owns an item: the files in content/, or the portal once staff have edited it.</summary>
public enum ContentOrigin
{
    ContentFile,
    Portal,
}
