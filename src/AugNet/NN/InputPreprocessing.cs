namespace AugNet.NN;

/// <summary>
/// How the images a model was trained on were prepared, saved with the model so that <c>augnet predict</c> and
/// <c>augnet evaluate</c> feed new images the same way: the image size is the model's input shape, plus the colour mode,
/// the resize interpolation, the rescale factor and the class names in index order. Keras keeps none of this in its
/// files; AugNet writes it where Keras ignores it (an extra root attribute in .h5, metadata.json in .keras).
/// </summary>
/// <param name="ColorMode">"rgb", "grayscale" or "rgba", as given to load_img / FlowFromDirectory.</param>
/// <param name="Interpolation">The resize filter name ("nearest" is Keras's default for the iterators).</param>
/// <param name="Rescale">The generator's rescale factor (e.g. 1/255), or null for none.</param>
/// <param name="ClassNames">Class names by index (the sorted folder names of FlowFromDirectory).</param>
/// <param name="ClassMode">"binary", "categorical", "sparse" or "raw": how outputs map to classes.</param>
/// <param name="Standardization">The generator's sample- and feature-wise standardisation (with the fitted statistics), or null for none.</param>
/// <param name="JpegDraft">Whether JPEGs were decoded at reduced scale first (Pillow's <c>Image.draft</c>; not a Keras option).</param>
public sealed record InputPreprocessing(string ColorMode, string Interpolation, double? Rescale, IReadOnlyList<string> ClassNames, string ClassMode,
    InputStandardization? Standardization = null, bool JpegDraft = false)
{
    /// <summary>The class name for an output row: index 1 when a binary output is ≥ 0.5, else the largest output.</summary>
    public int ClassIndex(ReadOnlySpan<float> output)
    {
        if (output.Length == 1) return output[0] >= 0.5f ? 1 : 0;
        int best = 0;
        for (int j = 1; j < output.Length; j++) if (output[j] > output[best]) best = j;
        return best;
    }
}
