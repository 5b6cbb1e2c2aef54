using System.Security.Cryptography;

namespace FakeShop.Application.Payments.Pix;

/// <summary>
/// The shop names each charge, as the Pix API expects: the order number's 10 letters and digits (to find it by eye
/// in the provider's dashboard) and 12 random ones (so a txid cannot be derived from an order number). 22 characters,
/// inside the BR Code's limit of 25.
/// </summary>
public static class PixTxId
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string New(string orderNumber)
    {
        Span<char> random = stackalloc char[12];
        for (var i = 0; i < random.Length; i++)
        {
            random[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return string.Concat(orderNumber.Replace("-", string.Empty, StringComparison.Ordinal), random);
    }
}
