namespace FakeShop.Infrastructure.Database;

/// <summary>A setting is missing or contradicts another. Its message is one sentence meant for the operator.</summary>
public sealed class ConfigurationException : Exception
{
    public ConfigurationException() { }

    public ConfigurationException(string message) : base(message) { }

    public ConfigurationException(string message, Exception innerException) : base(message, innerException) { }
}
