namespace AugNet.NN;

/// <summary>
/// The standardisation an <c>ImageDataGenerator</c> applied after rescaling (Keras's <c>standardize</c>): samplewise
/// centring and std normalisation, and featurewise ones with the statistics <c>fit</c> computed (per channel, or per
/// pixel and channel). Kept with the model so new images are standardised as the training images were; ZCA whitening
/// is not kept (its matrix is as large as the image squared).
/// </summary>
public sealed record InputStandardization(bool SamplewiseCenter, bool SamplewiseStdNormalization, bool FeaturewiseCenter,
    bool FeaturewiseStdNormalization, double[]? Mean, double[]? Std)
{
    /// <summary>Whether anything is applied at all.</summary>
    public bool IsIdentity => !SamplewiseCenter && !SamplewiseStdNormalization && !FeaturewiseCenter && !FeaturewiseStdNormalization;
}
