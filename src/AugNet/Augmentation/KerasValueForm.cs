namespace AugNet.Augmentation;

/// <summary>How a Keras option is given on a command line, which decides how its flag is shown and read.</summary>
public enum KerasValueForm
{
    /// <summary>On/off (Python truthiness): a bare <c>--horizontal-flip</c> means true; <c>--horizontal-flip false</c> also works.</summary>
    Switch,
    /// <summary>A value written as a Python literal: a number, <c>1/255</c>, a list <c>0.8,1.2</c> or <c>[0.8,1.2]</c>, a name.</summary>
    Value,
    /// <summary>A C# function (<c>preprocessing_function</c>): there is no command-line form.</summary>
    Function,
}
