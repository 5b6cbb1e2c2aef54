namespace FakeShop.Web.Localization;

/// <summary>Marker type for the shared UI strings (Resources/Localization.SharedResource.*.resx).</summary>
public sealed class SharedResource;
