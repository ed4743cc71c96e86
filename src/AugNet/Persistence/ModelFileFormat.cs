namespace AugNet.Persistence;

/// <summary>The model file formats, chosen by file name as Keras chooses them.</summary>
public enum ModelFileFormat
{
    /// <summary>Keras 2's HDF5 (.h5, .hdf5): a full model, or weights only (spec §1).</summary>
    LegacyH5,
    /// <summary>Keras 3's zip (.keras): config.json, metadata.json, model.weights.h5 (spec §3).</summary>
    Keras,
    /// <summary>Keras 3's stand-alone variable store (.weights.h5), weights only (spec §3.2).</summary>
    Keras3Weights,
}
