using FakeShop.Application.Common;

namespace FakeShop.Operations.Tests;

public sealed class LogRedactionTests
{
    [Theory]
    [InlineData("ana.souza@example.com", "a***@example.com")]
    [InlineData("  Bob@Shop.com.br ", "B***@Shop.com.br")]
    [InlineData("x@y.z", "x***@y.z")]
    [InlineData("not-an-address", "***")]
    [InlineData("@example.com", "***")]
    [InlineData("ana@", "***")]
    [InlineData("", "(none)")]
    [InlineData(null, "(none)")]
    public void MaskEmail_keeps_only_the_first_letter_and_the_domain(string? email, string expected) =>
        Assert.Equal(expected, LogRedaction.MaskEmail(email));
}
