using System.Collections;
using System.ComponentModel;
using System.Reflection;
using System.Text.Json;

namespace Mosmos.Deploy.Tests.Compose;

/// <summary>
/// The configuration keys one MOSMOS service understands: the properties of its options classes (every type in
/// the app's assembly and the Mosmos assemblies it references that declares <c>const string SectionName</c>),
/// walked through dictionaries (any key) and lists (numeric index), and the keys of its appsettings.json (host
/// settings such as <c>Urls</c> and <c>Kestrel:Endpoints:…</c>). Keys compare case-insensitively, as in
/// Microsoft.Extensions.Configuration.
/// </summary>
internal sealed class ConfigurationKeys
{
    private readonly Dictionary<string, List<Type>> _sections = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _appSettings = new(StringComparer.OrdinalIgnoreCase);

    public ConfigurationKeys(Assembly app, string appSettingsJson)
    {
        ArgumentNullException.ThrowIfNull(app);
        var assemblies = new List<Assembly> { app };
        assemblies.AddRange(app.GetReferencedAssemblies()
            .Where(n => n.Name?.StartsWith("Mosmos.", StringComparison.Ordinal) == true)
            .Select(Assembly.Load));
        foreach (var type in assemblies.SelectMany(a => a.GetTypes()))
        {
            if (type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } field
                && field.GetRawConstantValue() is string section)
            {
                if (!_sections.TryGetValue(section, out var types))
                    _sections[section] = types = [];
                types.Add(type);
            }
        }
        using var json = JsonDocument.Parse(appSettingsJson, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        Flatten(json.RootElement, string.Empty);
    }

    /// <summary>Null when the key (<c>Section:Key:…</c>) and its value fit the service, else why not.</summary>
    public string? Check(string key, string value)
    {
        var parts = key.Split(':');
        if (_sections.TryGetValue(parts[0], out var types))
        {
            var errors = new List<string>();
            foreach (var type in types)
            {
                var error = Walk(type, parts, 1, value);
                if (error is null)
                    return null;
                errors.Add(error);
            }
            return string.Join("; ", errors);
        }
        if (_appSettings.Contains(key))
            return null;
        return $"no options class has section '{parts[0]}' and appsettings.json has no key '{key}'";
    }

    private static string? Walk(Type type, string[] parts, int at, string value)
    {
        if (at == parts.Length)
            return Convertible(type, value);
        var part = parts[at];
        if (DictionaryValueType(type) is { } valueType)
            return Walk(valueType, parts, at + 1, value);
        if (ListElementType(type) is { } elementType)
        {
            return int.TryParse(part, out var index) && index >= 0
                ? Walk(elementType, parts, at + 1, value)
                : $"{type.Name} is a list: '{part}' is not an index";
        }
        var property = type.GetProperty(part, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        if (property is null)
            return $"{type.Name} has no property '{part}' (in '{string.Join(':', parts)}')";
        bool bindable = property.CanWrite || DictionaryValueType(property.PropertyType) is not null || ListElementType(property.PropertyType) is not null;
        return bindable ? Walk(property.PropertyType, parts, at + 1, value) : $"{type.Name}.{property.Name} cannot be set";
    }

    /// <summary>Whether the configuration binder can turn <paramref name="value"/> into <paramref name="type"/>.</summary>
    private static string? Convertible(Type type, string value)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (target == typeof(string) || value.Length == 0)
            return null;
        if (DictionaryValueType(target) is not null || ListElementType(target) is not null)
            return $"'{value}' is a single value for the collection {target.Name}";
        try
        {
            var converter = TypeDescriptor.GetConverter(target);
            if (!converter.CanConvertFrom(typeof(string)))
                return $"{target.Name} is not a value the configuration binder sets from text";
            _ = converter.ConvertFromInvariantString(value);
            return null;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or NotSupportedException || e.InnerException is FormatException)
        {
            return $"'{value}' is not a valid {target.Name}";
        }
    }

    private static Type? DictionaryValueType(Type type) =>
        type.GetInterfaces().Append(type)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>) && i.GetGenericArguments()[0] == typeof(string))
            ?.GetGenericArguments()[1];

    private static Type? ListElementType(Type type)
    {
        if (type == typeof(string) || DictionaryValueType(type) is not null)
            return null;
        if (type.IsArray)
            return type.GetElementType();
        return typeof(IEnumerable).IsAssignableFrom(type)
            ? type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IList<>))?.GetGenericArguments()[0]
            : null;
    }

    private void Flatten(JsonElement element, string prefix)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
                Flatten(property.Value, prefix.Length == 0 ? property.Name : $"{prefix}:{property.Name}");
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            int i = 0;
            foreach (var item in element.EnumerateArray())
                Flatten(item, $"{prefix}:{i++}");
        }
        else
        {
            _appSettings.Add(prefix);
        }
    }
}
