using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace FakeShop.Operations.Tests.Support;

/// <summary>An HTTP probe as a deployment declares it: a path and the container port it is sent to.</summary>
public sealed record Probe(string Name, string Path, int ContainerPort);

/// <summary>
/// The environment the repository ships, read from the files themselves: docker/compose.yaml (the web service's
/// environment, i.e. the x-app-env anchor, with ${VAR...} interpolated from the given values) and deploy/k8s (the
/// ConfigMap plus the Deployment's env, secrets taken from the given values).
/// </summary>
public static partial class ShippedConfiguration
{
    public static string Root
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "FakeShop.slnx")))
            {
                dir = dir.Parent;
            }

            Assert.NotNull(dir);
            return dir.FullName;
        }
    }

    /// <summary>The environment of compose service <paramref name="service"/>, interpolated like `docker compose` does.</summary>
    public static Dictionary<string, string?> Compose(string service, IReadOnlyDictionary<string, string> variables)
    {
        var root = Load(Path.Combine(Root, "docker", "compose.yaml"))[0];
        var environment = (YamlMappingNode)Child(Child(Child(root, "services"), service), "environment");
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (key, value) in Flatten(environment))
        {
            result[key] = Interpolate(value, variables);
        }

        return result;
    }

    /// <summary>The web container's environment in deploy/k8s: envFrom the ConfigMap, then env (secrets from <paramref name="secrets"/>).</summary>
    public static (Dictionary<string, string?> Environment, IReadOnlyList<Probe> Probes, IReadOnlyDictionary<string, int> Ports) Kubernetes(
        IReadOnlyDictionary<string, string> secrets)
    {
        var k8s = Path.Combine(Root, "deploy", "k8s");
        var configMaps = Load(Path.Combine(k8s, "configmap.yaml")).Cast<YamlMappingNode>()
            .Where(d => Scalar(d, "kind") == "ConfigMap")
            .ToDictionary(d => Scalar(Child(d, "metadata"), "name"), d => (YamlMappingNode)Child(d, "data"));
        var deployment = Load(Path.Combine(k8s, "deployment.yaml")).Cast<YamlMappingNode>().Single(d => Scalar(d, "kind") == "Deployment");
        var container = (YamlMappingNode)((YamlSequenceNode)Child(Child(Child(Child(deployment, "spec"), "template"), "spec"), "containers")).Children[0];

        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (YamlMappingNode source in Sequence(container, "envFrom"))
        {
            var name = Scalar(Child(source, "configMapRef"), "name");
            Assert.True(configMaps.ContainsKey(name), $"envFrom names ConfigMap {name}, which deploy/k8s/configmap.yaml does not define");
            foreach (var (key, value) in Flatten(configMaps[name]))
            {
                environment[key] = value;
            }
        }

        foreach (YamlMappingNode variable in Sequence(container, "env"))
        {
            var name = Scalar(variable, "name");
            if (variable.Children.ContainsKey(new YamlScalarNode("value")))
            {
                environment[name] = Scalar(variable, "value");
            }
            else
            {
                var key = Scalar(Child(Child(variable, "valueFrom"), "secretKeyRef"), "key");
                Assert.True(secrets.ContainsKey(key), $"the Deployment reads secret key {key}; the test has no value for it");
                environment[name] = secrets[key];
            }
        }

        var ports = Sequence(container, "ports").Cast<YamlMappingNode>()
            .ToDictionary(p => Scalar(p, "name"), p => int.Parse(Scalar(p, "containerPort"), System.Globalization.CultureInfo.InvariantCulture));
        var probes = new List<Probe>();
        foreach (var kind in new[] { "startupProbe", "livenessProbe", "readinessProbe" })
        {
            if (!container.Children.TryGetValue(new YamlScalarNode(kind), out var probe))
            {
                continue;
            }

            var get = Child(probe, "httpGet");
            var port = Scalar(get, "port");
            probes.Add(new Probe(kind, Scalar(get, "path"), int.TryParse(port, out var number) ? number : ports[port]));
        }

        return (environment, probes, ports);
    }

    /// <summary>Replaces a port number in the host-level variables that name it (ASPNETCORE_HTTP_PORTS, Metrics__Port ...).</summary>
    public static void RemapPort(Dictionary<string, string?> environment, int shipped, int local)
    {
        var text = shipped.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var changed = 0;
        foreach (var key in environment.Keys.ToList())
        {
            if (environment[key] == text && (key.EndsWith("_PORTS", StringComparison.Ordinal) || key.EndsWith("__Port", StringComparison.Ordinal)))
            {
                environment[key] = local.ToString(System.Globalization.CultureInfo.InvariantCulture);
                changed++;
            }
        }

        Assert.True(changed == 1, $"expected one variable to configure port {shipped}, found {changed}");
    }

    private static List<YamlNode> Load(string file)
    {
        using var reader = new StreamReader(file);
        var stream = new YamlStream();
        stream.Load(reader);
        return stream.Documents.Select(d => d.RootNode).ToList();
    }

    private static YamlNode Child(YamlNode node, string key)
    {
        Assert.True(node is YamlMappingNode mapping && mapping.Children.ContainsKey(new YamlScalarNode(key)), $"no '{key}' at {node.Start}");
        return ((YamlMappingNode)node).Children[new YamlScalarNode(key)];
    }

    private static string Scalar(YamlNode node, string key) => ((YamlScalarNode)Child(node, key)).Value ?? string.Empty;

    private static IEnumerable<YamlNode> Sequence(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var list) ? (YamlSequenceNode)list : [];

    /// <summary>A mapping's scalar entries, with YAML merge keys (&lt;&lt;: *anchor) applied first, as compose does.</summary>
    private static IEnumerable<(string Key, string Value)> Flatten(YamlMappingNode mapping)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (mapping.Children.TryGetValue(new YamlScalarNode("<<"), out var merged) && merged is YamlMappingNode baseMapping)
        {
            foreach (var (key, value) in Flatten(baseMapping))
            {
                result[key] = value;
            }
        }

        foreach (var (key, value) in mapping.Children)
        {
            var name = ((YamlScalarNode)key).Value!;
            if (name != "<<")
            {
                result[name] = ((YamlScalarNode)value).Value ?? string.Empty;
            }
        }

        return result.Select(kv => (kv.Key, kv.Value));
    }

    /// <summary>${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?message}, ${VAR?message}: compose's interpolation.</summary>
    private static string Interpolate(string text, IReadOnlyDictionary<string, string> variables) =>
        Variable().Replace(text, m =>
        {
            var name = m.Groups["name"].Value;
            var has = variables.TryGetValue(name, out var value);
            return m.Groups["op"].Value switch
            {
                ":-" => has && value!.Length > 0 ? value : m.Groups["arg"].Value,
                "-" => has ? value! : m.Groups["arg"].Value,
                ":?" or "?" => has && (m.Groups["op"].Value == "?" || value!.Length > 0) ? value! : throw new Xunit.Sdk.XunitException($"compose would stop: {m.Groups["arg"].Value}"),
                _ => has ? value! : string.Empty,
            };
        });

    [GeneratedRegex(@"\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(?:(?<op>:-|-|:\?|\?)(?<arg>[^}]*))?\}")]
    private static partial Regex Variable();
}
