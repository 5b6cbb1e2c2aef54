namespace FakeShop.Web.Pages.Shared;

/// <summary>
/// One labelled form input with its format hint and server-side error, so every checkout field is rendered the same
/// way. There is deliberately no pattern or required attribute: the form is novalidate and the server's messages,
/// in the page's language and next to their field, are the only ones a shopper sees.
/// </summary>
public sealed record FieldModel(
    string Name,
    string Label,
    string? Value,
    int MaxLength,
    bool Required = true,
    string Type = "text",
    string? Hint = null,
    string? AutoComplete = null,
    string? InputMode = null,
    string ColumnClass = "col-12 col-md-6");
