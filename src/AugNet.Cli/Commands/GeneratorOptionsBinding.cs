using System.CommandLine;
using System.Globalization;
using AugNet.Augmentation;

namespace AugNet.Cli.Commands;

/// <summary>
/// Command-line flags for every <c>ImageDataGenerator</c> parameter, spelled as Keras's names in kebab case
/// (<c>--rotation-range 40</c>, <c>--zoom-range 0.8,1.2</c>, <c>--horizontal-flip</c>). Values are read as Keras
/// would take them from Python literals (int, float, bool, list) and validated by the options factory.
/// </summary>
internal sealed class GeneratorOptionsBinding
{
    readonly List<(string KerasName, Option<string?> Option)> _options = [];

    public GeneratorOptionsBinding(Command command)
    {
        foreach (var kerasOption in ImageDataGeneratorOptionTable.All.Where(o => o.Form != KerasValueForm.Function))
        {
            var option = CreateFlag(kerasOption);
            _options.Add((kerasOption.KerasName, option));
            command.Options.Add(option);
        }
    }

    /// <summary>
    /// The flag of one option. Every flag takes an optional string, even a switch, so that <c>--horizontal-flip</c>,
    /// <c>--horizontal-flip false</c> and <c>--horizontal-flip 0</c> are all read with Python's truthiness by the
    /// options factory (an <c>Option&lt;bool&gt;</c> would refuse 0 and 1).
    /// </summary>
    static Option<string?> CreateFlag(KerasOption kerasOption)
    {
        var option = new Option<string?>("--" + kerasOption.KerasName.Replace('_', '-'))
        {
            Arity = ArgumentArity.ZeroOrOne, // a bare flag means true
        };
        if (kerasOption.Form == KerasValueForm.Switch)
        {
            option.Description = kerasOption.Description;
            // Help shows "--name <name>" for a string option unless its completion sources offer nothing; a switch
            // offers nothing, so it is shown as the bare flag it usually is.
            option.CompletionSources.Clear();
            option.CompletionSources.Add(_ => []);
        }
        else
        {
            option.HelpName = kerasOption.ValueName;
            option.Description = $"{kerasOption.Description}, e.g. {kerasOption.Example} [default: {kerasOption.DefaultText}]";
        }
        return option;
    }

    /// <summary>The flags that were given, as a Keras keyword dictionary.</summary>
    public Dictionary<string, object?> ToKerasDictionary(ParseResult result)
    {
        var dict = new Dictionary<string, object?>();
        foreach (var (name, option) in _options)
        {
            var optionResult = result.GetResult(option);
            if (optionResult is null || optionResult.Implicit) continue;
            string? text = result.GetValue(option);
            dict[name] = text is null ? true : ParseLiteral(text);
        }
        return dict;
    }

    public ImageDataGeneratorOptions Build(ParseResult result) => ImageDataGeneratorOptions.FromKerasDictionary(ToKerasDictionary(result));

    /// <summary>Reads a value the way a Python literal would be read: bool, int, float, a comma list, else a string.</summary>
    internal static object ParseLiteral(string text)
    {
        string t = text.Trim();
        if (t.StartsWith('[') || t.StartsWith('(')) t = t[1..^1];
        if (t.Contains(','))
            return t.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(ParseScalar).ToList();
        return ParseScalar(t);
    }

    static object ParseScalar(string t)
    {
        if (t.Equals("true", StringComparison.OrdinalIgnoreCase)) return true;
        if (t.Equals("false", StringComparison.OrdinalIgnoreCase)) return false;
        if (t.Equals("none", StringComparison.OrdinalIgnoreCase) || t.Equals("null", StringComparison.OrdinalIgnoreCase)) return null!;
        if (long.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long l)) return l;
        if (t.Contains('/'))
        {
            var parts = t.Split('/');
            if (parts.Length == 2 && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double num)
                && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double den))
                return num / den; // "1/255" as the book writes rescale
        }
        if (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out double d)) return d;
        return t;
    }
}
