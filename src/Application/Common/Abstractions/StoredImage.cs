namespace FakeShop.Application.Common.Abstractions;

public sealed record StoredImage(string ContentType, byte[] Data);
