namespace AugNet.Cli.Commands;

/// <summary>The quickstart's runs: how the training images are augmented and whether the model has dropout.</summary>
internal enum QuickstartRunKind
{
    /// <summary>The first edition's: the training generator augments (ImageDataGenerator), Dropout(0.5).</summary>
    Augmented,

    /// <summary>The book's first model: rescaling only, no dropout.</summary>
    Baseline,

    /// <summary>
    /// The second edition's: rescaling only in the generator, augmentation layers at the front of the model
    /// (RandomFlip("horizontal"), RandomRotation(0.1), RandomZoom(0.2)), Dropout(0.5).
    /// </summary>
    Layers,
}
