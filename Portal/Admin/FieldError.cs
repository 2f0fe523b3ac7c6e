namespace Portal.Admin;

/// <summary>A form field and what is wrong with it, in Indonesian. An empty field name is about the whole form.</summary>
public sealed record FieldError(string Field, string Message);
