namespace FakeShop.Infrastructure.Identity;

/// <summary>Role names stored in AspNetRoles. Kept as constants so the seeder and the policy cannot drift apart.</summary>
public static class ShopRoles
{
    public const string Admin = "Admin";
}
