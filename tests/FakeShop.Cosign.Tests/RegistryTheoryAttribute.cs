namespace FakeShop.Cosign.Tests;

/// <summary>The theory counterpart of <see cref="RegistryFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RegistryTheoryAttribute : TheoryAttribute
{
    public RegistryTheoryAttribute()
    {
        if (RegistryBinary.Path is null && !RegistryBinary.RequiredByCi)
        {
            Skip = $"docker-registry is not installed ({RegistryBinary.InstallHint}); under CI=true this test fails instead";
        }
    }
}
