namespace FakeShop.Cosign;

/// <summary>
/// Command-line arguments in cosign's style: "--flag value", "--flag=value", repeatable "-a k=v", and boolean
/// flags written bare or as "--flag=true|false". Each command declares its flags so that a misspelt one is an
/// error instead of being silently ignored (an ignored --key would be dangerous).
/// </summary>
internal sealed class ParsedArguments
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool> _flags = new(StringComparer.Ordinal);

    public List<string> Positional { get; } = [];

    /// <param name="arguments">The arguments after the command name.</param>
    /// <param name="valueOptions">Canonical names of options that take a value, with their aliases.</param>
    /// <param name="booleanOptions">Canonical names of boolean flags, with their aliases.</param>
    public static ParsedArguments Parse(
        IReadOnlyList<string> arguments,
        IReadOnlyDictionary<string, string> valueOptions,
        IReadOnlyDictionary<string, string> booleanOptions)
    {
        var result = new ParsedArguments();
        for (var i = 0; i < arguments.Count; i++)
        {
            var argument = arguments[i];
            if (argument == "--")
            {
                result.Positional.AddRange(arguments.Skip(i + 1));
                break;
            }

            if (!argument.StartsWith('-') || argument == "-")
            {
                result.Positional.Add(argument);
                continue;
            }

            var eq = argument.IndexOf('=', StringComparison.Ordinal);
            var name = eq < 0 ? argument : argument[..eq];
            string? inline = eq < 0 ? null : argument[(eq + 1)..];
            if (valueOptions.TryGetValue(name, out var valueName))
            {
                if (inline is null)
                {
                    if (i + 1 >= arguments.Count)
                    {
                        throw new UsageException($"flag needs an argument: {name}");
                    }

                    inline = arguments[++i];
                }

                result.Add(valueName, inline);
            }
            else if (booleanOptions.TryGetValue(name, out var flagName))
            {
                result._flags[flagName] = inline switch
                {
                    null or "true" or "1" => true,
                    "false" or "0" => false,
                    _ => throw new UsageException($"invalid boolean value \"{inline}\" for {name}"),
                };
            }
            else
            {
                throw new UsageException($"unknown flag: {name}");
            }
        }

        return result;
    }

    public string? Value(string name) => _values.TryGetValue(name, out var list) ? list[^1] : null;

    public IReadOnlyList<string> Values(string name) => _values.TryGetValue(name, out var list) ? list : [];

    public bool Flag(string name) => _flags.TryGetValue(name, out var value) && value;

    /// <summary>Whether a boolean flag was given at all (to tell "--tlog-upload=false" from nothing).</summary>
    public bool? FlagOrNull(string name) => _flags.TryGetValue(name, out var value) ? value : null;

    /// <summary>Parses "-a key=value" annotations, as cosign does (the first '=' splits).</summary>
    public IReadOnlyDictionary<string, string> Annotations(string name)
    {
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in Values(name))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new UsageException($"invalid annotation \"{pair}\": expected key=value");
            }

            annotations[pair[..eq]] = pair[(eq + 1)..];
        }

        return annotations;
    }

    public string SingleImage()
    {
        if (Positional.Count != 1)
        {
            throw new UsageException(Positional.Count == 0 ? "an image reference is required" : "exactly one image reference is expected");
        }

        return Positional[0];
    }

    private void Add(string name, string value)
    {
        if (!_values.TryGetValue(name, out var list))
        {
            _values[name] = list = [];
        }

        list.Add(value);
    }
}
