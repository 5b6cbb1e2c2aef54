using FakeShop.Web.Infrastructure;
using Microsoft.AspNetCore.DataProtection;

namespace FakeShop.Web.Tests;

/// <summary>
/// The memo of opened cookies (issue 16: one Data Protection unprotect per value and replica) must not change what
/// opens: a value this shop did not seal, or one altered by a byte, never opens, even right after the real one did.
/// </summary>
public sealed class OpenedCookieTests
{
    [Fact]
    public void A_sealed_visitor_id_opens_and_a_forged_or_foreign_one_never_does()
    {
        var seal = new VisitorCookieSeal(new EphemeralDataProtectionProvider());
        var id = Guid.NewGuid();
        var sealedValue = seal.Seal(id);

        Assert.Equal(id, seal.Open(sealedValue));
        var forged = sealedValue[..^2] + (sealedValue[^2] == 'A' ? 'B' : 'A') + sealedValue[^1];
        Assert.Null(seal.Open(forged));
        Assert.Null(new VisitorCookieSeal(new EphemeralDataProtectionProvider()).Open(sealedValue));
        Assert.Null(seal.Open("not base64url !"));
    }

    [Fact]
    public void The_memo_starts_over_when_full()
    {
        var memo = new OpenedCookieMemo<int>();
        memo.Remember("first", 1);
        for (var i = 0; i < OpenedCookieMemo<int>.Capacity; i++)
        {
            memo.Remember($"v{i}", i);
        }

        Assert.False(memo.TryGet("first", out _));
        Assert.True(memo.TryGet($"v{OpenedCookieMemo<int>.Capacity - 1}", out var last));
        Assert.Equal(OpenedCookieMemo<int>.Capacity - 1, last);
    }
}
