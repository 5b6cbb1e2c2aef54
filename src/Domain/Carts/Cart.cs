using FakeShop.Domain.Common;

namespace FakeShop.Domain.Carts;

/// <summary>
/// A visitor's cart. The visitor is known only by an unguessable id carried in a protected cookie, so every
/// operation here is already scoped to its owner: lines are addressed through the cart, never globally.
/// </summary>
public class Cart
{
    public const int MaxLines = 50;

    private readonly List<CartLine> _lines = [];

    private Cart() { }

    public Cart(Guid visitorId, DateTimeOffset now)
    {
        if (visitorId == Guid.Empty)
        {
            throw new DomainException("cart.owner", "A cart needs an owner.");
        }

        Id = Guid.NewGuid();
        VisitorId = visitorId;
        CreatedAt = now;
        UpdatedAt = now;
    }

    public Guid Id { get; private set; }

    public Guid VisitorId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public IReadOnlyList<CartLine> Lines => _lines;

    public int ItemCount => _lines.Sum(l => l.Quantity);

    public bool IsEmpty => _lines.Count == 0;

    /// <summary>
    /// Adds units of a product at the price the customer is looking at, merging with an existing line. <paramref name="available"/> is the stock the
    /// catalogue has now; the line never asks for more than that, nor more than <see cref="Quantity.Max"/>.
    /// </summary>
    public CartLine AddItem(int productId, int quantity, int available, Money currentPrice, DateTimeOffset now)
    {
        var added = new Quantity(quantity);
        var line = _lines.FirstOrDefault(l => l.ProductId == productId);
        var wanted = (line?.Quantity ?? 0) + added.Value;
        if (wanted > Quantity.Max)
        {
            throw new DomainException("cart.line_max", $"At most {Quantity.Max} units of one product per order.");
        }

        EnsureInStock(wanted, available);
        if (line is null)
        {
            if (_lines.Count >= MaxLines)
            {
                throw new DomainException("cart.too_many_lines", $"A cart holds at most {MaxLines} different products.");
            }

            line = new CartLine(productId, added.Value, currentPrice);
            _lines.Add(line);
        }
        else
        {
            line.ChangeQuantity(wanted);
            line.AcknowledgePrice(currentPrice);
        }

        UpdatedAt = now;
        return line;
    }

    public void SetQuantity(int lineId, int quantity, int available, DateTimeOffset now)
    {
        var line = FindLine(lineId);
        var wanted = new Quantity(quantity);
        EnsureInStock(wanted.Value, available);
        line.ChangeQuantity(wanted.Value);
        UpdatedAt = now;
    }

    /// <summary>Records that the customer has now been shown <paramref name="currentPrice"/> for this product.</summary>
    public void AcknowledgePrice(int productId, Money currentPrice)
    {
        foreach (var line in _lines.Where(l => l.ProductId == productId))
        {
            line.AcknowledgePrice(currentPrice);
        }
    }

    public void RemoveLine(int lineId, DateTimeOffset now)
    {
        _lines.Remove(FindLine(lineId));
        UpdatedAt = now;
    }

    public void Clear(DateTimeOffset now)
    {
        _lines.Clear();
        UpdatedAt = now;
    }

    public CartLine FindLine(int lineId) =>
        _lines.FirstOrDefault(l => l.Id == lineId)
        ?? throw new CartLineNotFoundException(lineId);

    private static void EnsureInStock(int wanted, int available)
    {
        if (available <= 0)
        {
            throw new DomainException("cart.sold_out", "This product is sold out.");
        }

        if (wanted > available)
        {
            throw new DomainException("cart.not_enough_stock", $"Only {available} unit(s) available.");
        }
    }
}
