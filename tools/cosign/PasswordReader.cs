using System.Text;

namespace FakeShop.Cosign;

/// <summary>
/// Gets the private key password the way cosign does: COSIGN_PASSWORD when set (even empty, which CI uses for
/// unattended keys), else a prompt on a terminal, else the whole of standard input.
/// </summary>
internal static class PasswordReader
{
    public const string EnvironmentVariable = "COSIGN_PASSWORD";

    public static string Read(CommandContext context, bool confirm)
    {
        var fromEnvironment = context.GetEnvironment(EnvironmentVariable);
        if (fromEnvironment is not null)
        {
            return fromEnvironment;
        }

        if (!context.InputIsTerminal)
        {
            var all = context.Input.ReadToEnd();
            return all.EndsWith("\r\n", StringComparison.Ordinal) ? all[..^2]
                : all.EndsWith('\n') ? all[..^1]
                : all;
        }

        var password = Prompt(context, "Enter password for private key: ");
        if (confirm && Prompt(context, "Enter password for private key again: ") != password)
        {
            throw new CosignException("passwords do not match");
        }

        return password;
    }

    /// <summary>Reads a line from the terminal without echoing it.</summary>
    private static string Prompt(CommandContext context, string message)
    {
        context.Error.Write(message);
        var sb = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                break;
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                if (sb.Length > 0)
                {
                    sb.Length--;
                }
            }
            else if (key.KeyChar != '\0')
            {
                sb.Append(key.KeyChar);
            }
        }

        context.Error.WriteLine();
        return sb.ToString();
    }
}
