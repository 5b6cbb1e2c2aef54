using System.Security.Claims;
using FakeShop.Web.Infrastructure;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FakeShop.Web.Tests;

/// <summary>
/// <see cref="FormTokens"/> (issue 16, the cart page): the request token the framework issued for an antiforgery cookie is
/// handed out again for that cookie instead of a new Data Protection seal per page — and only where that changes
/// nothing the framework's validation decides. Runs the framework's own antiforgery (DefaultAntiforgery, Data
/// Protection) with the shop's cookie name.
/// </summary>
public sealed class FormTokensTests
{
    private readonly IAntiforgery _antiforgery;
    private readonly FormTokens _tokens;

    public FormTokensTests()
    {
        var services = new ServiceCollection().AddLogging().AddAntiforgery(o => o.Cookie.Name = "fs_af").BuildServiceProvider();
        _antiforgery = services.GetRequiredService<IAntiforgery>();
        _tokens = new FormTokens(_antiforgery, services.GetRequiredService<IOptions<AntiforgeryOptions>>());
    }

    [Fact]
    public async Task A_visitor_gets_the_same_token_for_the_same_cookie_and_every_post_with_it_validates()
    {
        var cookie = NewCookie();

        var first = Page(cookie, out var firstView);
        var second = Page(cookie, out var secondView);

        // Without the memo the framework seals a new request token (new IV) for every view.
        Assert.Equal(first.RequestToken, second.RequestToken);
        foreach (var view in new[] { firstView, secondView })
        {
            Assert.Equal("no-cache, no-store", view.Response.Headers.CacheControl.ToString());
            Assert.Equal("no-cache", view.Response.Headers.Pragma.ToString());
            Assert.False(view.Response.Headers.ContainsKey("Set-Cookie"));
        }

        Assert.True(await ValidAsync(cookie, second.RequestToken!));
        Assert.True(await ValidAsync(cookie, first.RequestToken!));
    }

    [Fact]
    public async Task A_remembered_token_never_goes_to_a_signed_in_user_another_cookie_or_a_forged_cookie()
    {
        var cookie = NewCookie();
        var anonymous = Page(cookie, out _);
        Assert.Equal(anonymous.RequestToken, Page(cookie, out _).RequestToken);

        // Signed in with the same browser: the framework's token, bound to the user (the anonymous one is refused for them).
        var user = SignedIn();
        var signedIn = Page(cookie, out _, user);
        Assert.NotEqual(anonymous.RequestToken, signedIn.RequestToken);
        Assert.True(await ValidAsync(cookie, signedIn.RequestToken!, user));
        Assert.False(await ValidAsync(cookie, anonymous.RequestToken!, user));
        Assert.NotEqual(signedIn.RequestToken, Page(cookie, out _, user).RequestToken);

        // Another visitor's cookie: their own token; neither token passes with the other's cookie.
        var other = NewCookie();
        var theirs = Page(other, out _);
        Assert.NotEqual(anonymous.RequestToken, theirs.RequestToken);
        Assert.False(await ValidAsync(other, anonymous.RequestToken!));
        Assert.False(await ValidAsync(cookie, theirs.RequestToken!));

        // A forged cookie (one character changed): the framework replaces it with a new cookie, never the memo.
        var forged = cookie[..^2] + (cookie[^2] == 'A' ? 'B' : 'A') + cookie[^1];
        var replaced = Page(forged, out var forgedView);
        Assert.NotNull(replaced.CookieToken);
        Assert.Contains("fs_af=", forgedView.Response.Headers.SetCookie.ToString(), StringComparison.Ordinal);
        Assert.NotEqual(anonymous.RequestToken, replaced.RequestToken);
        Assert.False(await ValidAsync(forged, replaced.RequestToken!));
        Assert.True(await ValidAsync(replaced.CookieToken!, replaced.RequestToken!));
    }

    /// <summary>A cookie token as a browser holds it after its first page with a form.</summary>
    private string NewCookie()
    {
        var first = new DefaultHttpContext();
        var tokens = _tokens.GetAndStoreTokens(first);
        Assert.NotNull(tokens.CookieToken);
        return tokens.CookieToken!;
    }

    private AntiforgeryTokenSet Page(string cookie, out HttpContext view, ClaimsPrincipal? user = null)
    {
        view = new DefaultHttpContext();
        view.Request.Headers.Cookie = "fs_af=" + cookie;
        if (user is not null)
        {
            view.User = user;
        }

        return _tokens.GetAndStoreTokens(view);
    }

    private Task<bool> ValidAsync(string cookie, string requestToken, ClaimsPrincipal? user = null)
    {
        var post = new DefaultHttpContext();
        post.Request.Method = "POST";
        post.Request.Headers.Cookie = "fs_af=" + cookie;
        post.Request.Headers["RequestVerificationToken"] = requestToken;
        if (user is not null)
        {
            post.User = user;
        }

        return _antiforgery.IsRequestValidAsync(post);
    }

    private static ClaimsPrincipal SignedIn() => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.NameIdentifier, "7"), new Claim(ClaimTypes.Name, "clerk@example.com")], "Identity.Application"));
}
