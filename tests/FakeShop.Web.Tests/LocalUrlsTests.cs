using FakeShop.Web.Infrastructure;

namespace FakeShop.Web.Tests;

/// <summary>The one redirect guard: a local path or the fallback, always a valid Location header, never an exception.</summary>
public sealed class LocalUrlsTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("cart")]
    [InlineData("https://evil.example/")]
    [InlineData("javascript:alert(1)")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("\\\\evil.example/")]
    [InlineData(" /cart")]
    [InlineData("/cart\r\nSet-Cookie: x=1")]
    [InlineData("/cart\nX: 1")]
    [InlineData("/cart\rX: 1")]
    [InlineData("/\t/evil.example/")]
    [InlineData("/cart\0")]
    [InlineData("/cart\u007F")]
    [InlineData("/cart\u0085")]
    [InlineData("/cart\u2028X: 1")]
    [InlineData("/cart\u2029")]
    public void Anything_but_a_clean_local_path_gives_the_fallback(string? url) =>
        Assert.Equal("/fallback", LocalUrls.Safe(url, "/fallback"));

    [Theory]
    [InlineData("/")]
    [InlineData("/cart")]
    [InlineData("/shop?q=c%C3%A2mera&page=2#top")]
    [InlineData("/product/webcam-4k-ultra#p-12")]
    public void A_clean_local_path_is_kept_as_is(string url) =>
        Assert.Equal(url, LocalUrls.Safe(url, "/fallback"));

    [Theory]
    [InlineData("/shop?q=ç", "/shop?q=%C3%A7")]
    [InlineData("/loja/promoção", "/loja/promo%C3%A7%C3%A3o")]
    [InlineData("/shop?q=€", "/shop?q=%E2%82%AC")]
    [InlineData("/shop?q=😀x", "/shop?q=%F0%9F%98%80x")]
    public void Letters_outside_ascii_are_percent_encoded_as_utf8(string url, string expected)
    {
        var safe = LocalUrls.Safe(url, "/fallback");

        Assert.Equal(expected, safe);
        Assert.All(safe, c => Assert.InRange(c, ' ', '~'));
        Assert.Equal(url, Uri.UnescapeDataString(safe));
    }

    [Theory]
    [InlineData("/Admin", "/Admin")]
    [InlineData("/admin/Products?page=2", "/admin/Products?page=2")]
    [InlineData("/Admin?x=1", "/Admin?x=1")]
    [InlineData("/Admin/Products?q=ç", "/Admin/Products?q=%C3%A7")]
    [InlineData("/Administrator", "/Admin/Products")]
    [InlineData("/cart", "/Admin/Products")]
    [InlineData("/Admin/Products\r\nX: 1", "/Admin/Products")]
    [InlineData("/Admin/Products\u2028", "/Admin/Products")]
    [InlineData("//Admin", "/Admin/Products")]
    public void A_required_section_keeps_admin_returns_inside_the_admin(string url, string expected) =>
        Assert.Equal(expected, LocalUrls.Safe(url, "/Admin/Products", "/Admin"));

    [Fact]
    public void A_broken_surrogate_gives_the_fallback()
    {
        // Built at run time: an attribute argument cannot hold a lone surrogate (it becomes U+FFFD).
        Assert.Equal("/fallback", LocalUrls.Safe("/cart" + (char)0xD800, "/fallback"));
        Assert.Equal("/fallback", LocalUrls.Safe("/cart" + (char)0xDC00 + "x", "/fallback"));
        Assert.Equal("/fallback", LocalUrls.Safe("/cart" + (char)0xD800 + "x", "/fallback"));
    }

    [Fact]
    public void An_overlong_url_gives_the_fallback() =>
        Assert.Equal("/fallback", LocalUrls.Safe("/" + new string('a', LocalUrls.MaxLength), "/fallback"));
}
