namespace Portal.Content;

/// <summary>Either a value or the reason a content file was refused.</summary>
public readonly record struct ContentResult<T>(T? Value, string? Error)
{
    public bool Succeeded => Error is null;

    public static ContentResult<T> Ok(T value) => new(value, null);

    public static ContentResult<T> Fail(string error) => new(default, error);
}
