using Microsoft.AspNetCore.DataProtection;

namespace FakeShop.Web.Infrastructure;

/// <summary>
/// Seals and opens visitor ids (Data Protection, one protector for the process), remembering the values it has opened
/// (<see cref="OpenedCookieMemo{T}"/>): every add to cart, cart and checkout page opened the same cookie again.
/// </summary>
public sealed class VisitorCookieSeal(IDataProtectionProvider protection)
{
    private readonly IDataProtector _protector = protection.CreateProtector("FakeShop.Visitor.v1");

    private readonly OpenedCookieMemo<Guid> _opened = new();

    public string Seal(Guid id)
    {
        var sealedValue = _protector.Seal(id.ToByteArray());
        _opened.Remember(sealedValue, id);
        return sealedValue;
    }

    /// <summary>The id inside, or null when the value was not sealed by this shop's key ring (or tampered with).</summary>
    public Guid? Open(string sealedValue)
    {
        if (_opened.TryGet(sealedValue, out var known))
        {
            return known;
        }

        if (!_protector.TryOpen(sealedValue, out var bytes) || bytes.Length != 16)
        {
            return null;
        }

        var visitor = new Guid(bytes);
        _opened.Remember(sealedValue, visitor);
        return visitor;
    }
}
