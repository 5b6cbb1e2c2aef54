namespace FakeShop.Web.Pages.Shared;

/// <summary>One labelled form input with its server-side error, so every checkout field is rendered the same way.</summary>
public sealed record FieldModel(
    string Name,
    string Label,
    string? Value,
    int MaxLength,
    bool Required = true,
    string Type = "text",
    string? Pattern = null,
    string? AutoComplete = null,
    string? InputMode = null,
    string ColumnClass = "col-12 col-md-6");
