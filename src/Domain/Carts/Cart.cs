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
        var refusal = CheckAdd(line?.Quantity ?? 0, _lines.Count, added.Value, available);
        if (refusal != CartRefusal.None)
        {
            throw Refusal(refusal, available);
        }

        if (line is null)
        {
            line = new CartLine(productId, added.Value, currentPrice);
            _lines.Add(line);
        }
        else
        {
            line.ChangeQuantity(line.Quantity + added.Value);
            line.AcknowledgePrice(currentPrice);
        }

        UpdatedAt = now;
        return line;
    }

    /// <summary>
    /// The rule of <see cref="AddItem"/> on numbers alone, first broken rule wins: the line would pass
    /// <see cref="Quantity.Max"/>; the product is sold out; the line would pass the stock; a new line in a full cart.
    /// The add-to-cart SQL (Infrastructure's CartAddSql) evaluates this same rule on what the database holds, so
    /// it can refuse in the statement itself; a test compares the two on a grid of inputs.
    /// </summary>
    /// <param name="lineQuantity">Units of the product already in the cart (0: no line yet).</param>
    /// <param name="lineCount">Lines in the cart, that product's included.</param>
    /// <param name="added">Units being added.</param>
    /// <param name="available">The product's stock.</param>
    public static CartRefusal CheckAdd(int lineQuantity, int lineCount, int added, int available)
    {
        var wanted = lineQuantity + added;
        if (wanted > Quantity.Max)
        {
            return CartRefusal.LineMax;
        }

        if (available <= 0)
        {
            return CartRefusal.SoldOut;
        }

        if (wanted > available)
        {
            return CartRefusal.NotEnoughStock;
        }

        return lineQuantity == 0 && lineCount >= MaxLines ? CartRefusal.TooManyLines : CartRefusal.None;
    }

    /// <summary>The domain's exception (code and message) for a refusal; <paramref name="available"/> is the stock.</summary>
    public static DomainException Refusal(CartRefusal refusal, int available) => refusal switch
    {
        CartRefusal.LineMax => new DomainException("cart.line_max", $"At most {Quantity.Max} units of one product per order."),
        CartRefusal.SoldOut => new DomainException("cart.sold_out", "This product is sold out."),
        CartRefusal.NotEnoughStock => new DomainException("cart.not_enough_stock", $"Only {available} unit(s) available."),
        CartRefusal.TooManyLines => new DomainException("cart.too_many_lines", $"A cart holds at most {MaxLines} different products."),
        _ => throw new ArgumentOutOfRangeException(nameof(refusal), refusal, "Not a refusal."),
    };

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
            throw Refusal(CartRefusal.SoldOut, available);
        }

        if (wanted > available)
        {
            throw Refusal(CartRefusal.NotEnoughStock, available);
        }
    }
}
