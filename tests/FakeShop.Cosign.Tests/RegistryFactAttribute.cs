namespace FakeShop.Cosign.Tests;

/// <summary>A fact that needs a real docker-registry: skipped with the reason when it is missing, unless CI=true.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RegistryFactAttribute : FactAttribute
{
    public RegistryFactAttribute()
    {
        if (RegistryBinary.Path is null && !RegistryBinary.RequiredByCi)
        {
            Skip = $"docker-registry is not installed ({RegistryBinary.InstallHint}); under CI=true this test fails instead";
        }
    }
}
