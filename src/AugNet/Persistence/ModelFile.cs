using System.Text.Json;
using System.Text.Json.Nodes;
using AugNet.NN;
using AugNet.NN.Training;
using PureHDF;

namespace AugNet.Persistence;

/// <summary>
/// Saving and loading models in Keras's formats, chosen by file name: <c>.h5</c>/<c>.hdf5</c> is Keras 2's HDF5 (a full
/// model, readable by tf.keras 2.6–2.15 and Keras 3), <c>.keras</c> Keras 3's zip, <c>.weights.h5</c> Keras 3's
/// weights-only store. Files are written to a temporary name and renamed, so a crash never leaves a truncated model.
/// Every failure names the file: <see cref="FileNotFoundException"/>, <see cref="InvalidDataException"/> (not a model
/// file, or a broken one) or <see cref="NotSupportedException"/> (a valid Keras model using something AugNet lacks).
/// </summary>
/// <example><code>
/// model.Save("cats_and_dogs_small_2.h5");
/// var again = Sequential.Load("cats_and_dogs_small_2.h5");
/// again.LoadWeights("pretrained.weights.h5");
/// </code></example>
public static class ModelFile
{
    const string StateGroup = "augnet", StateDataset = "training_state";
    static readonly H5WriteOptions WriteOptions = new(PreferCompactDatasetLayout: false);

    public static ModelFileFormat FormatOf(string path)
    {
        string name = Path.GetFileName(path).ToLowerInvariant();
        if (name.EndsWith(".weights.h5", StringComparison.Ordinal)) return ModelFileFormat.Keras3Weights;
        if (name.EndsWith(".keras", StringComparison.Ordinal)) return ModelFileFormat.Keras;
        if (name.EndsWith(".h5", StringComparison.Ordinal) || name.EndsWith(".hdf5", StringComparison.Ordinal)) return ModelFileFormat.LegacyH5;
        throw new ArgumentException($"'{path}': unknown model file type; use .h5 (Keras 2 HDF5), .keras (Keras 3) or .weights.h5 (Keras 3 weights).");
    }

    extension(Sequential model)
    {
        /// <summary>Keras <c>model.save(path)</c>: architecture, weights, compile settings and AugNet's preprocessing record.</summary>
        public void Save(string path) => SaveModel(model, path, null);

        /// <summary>Keras <c>save_weights</c>: .h5 in Keras 2's layout, .weights.h5 in Keras 3's.</summary>
        public void SaveWeights(string path)
        {
            RequireBuilt(model, path);
            var format = FormatOf(path);
            if (format == ModelFileFormat.Keras) throw new ArgumentException($"'{path}': weights-only files end in .weights.h5 or .h5, not .keras.");
            var file = format == ModelFileFormat.Keras3Weights ? Keras3WeightsFormat.Write(model) : LegacyH5Format.WeightsOnly(model);
            Write(path, "weights file", s => file.Write(s, WriteOptions));
        }

        /// <summary>
        /// Keras <c>load_weights</c>. From .h5 (weights-only or full-model files, as Keras reads both) by layer order
        /// among the layers with weights or, with <paramref name="byName"/>, by layer name (then
        /// <paramref name="skipMismatch"/> skips layers whose shapes differ, with a warning). From .weights.h5 and .keras
        /// by Keras 3's store paths. Nothing changes unless every array fits.
        /// </summary>
        public void LoadWeights(string path, bool byName = false, bool skipMismatch = false, Action<string>? warn = null)
        {
            RequireBuilt(model, path);
            if (skipMismatch && !byName) throw new ArgumentException("skipMismatch needs byName, as in Keras.");
            warn ??= DefaultWarn;
            Read(path, () =>
            {
                switch (FormatOf(path))
                {
                    case ModelFileFormat.LegacyH5:
                        using (var f = H5File.OpenRead(path)) LegacyH5Format.LoadWeights(LegacyH5Format.WeightRoot(f), model, byName, skipMismatch, m => warn($"{path}: {m}"));
                        break;
                    case ModelFileFormat.Keras3Weights:
                        using (var f = H5File.OpenRead(path)) Keras3WeightsFormat.Load(f, model);
                        break;
                    case ModelFileFormat.Keras:
                        using (var s = File.OpenRead(path))
                        {
                            var (_, _, weights) = KerasArchive.Read(s);
                            using var f = H5File.Open(weights);
                            Keras3WeightsFormat.Load(f, model);
                        }
                        break;
                }
                return 0;
            });
        }
    }

    extension(Sequential)
    {
        /// <summary>
        /// Keras <c>load_model</c>: rebuilds the model from the file's config, loads its weights and, when the file has
        /// compile settings AugNet can train with, compiles it. Warnings (ignored regularizers, an unknown optimizer)
        /// go to <paramref name="warn"/> (default: standard error).
        /// </summary>
        public static Sequential Load(string path, Action<string>? warn = null) => LoadCheckpoint(path, warn).Model;
    }

    /// <summary>
    /// A model and the training state saved with it by <see cref="SaveCheckpoint"/> (null when the file has none, as in
    /// files Keras wrote). Resume with <c>Fit(data, new FitOptions { InitialEpoch = state.Epoch, ResumeFrom = state, ... })</c>
    /// on iterators made with the same seeds.
    /// </summary>
    public static (Sequential Model, TrainingState? State) LoadCheckpoint(string path, Action<string>? warn = null)
    {
        warn ??= DefaultWarn;
        if (FormatOf(path) == ModelFileFormat.Keras3Weights)
            throw new ArgumentException($"'{path}' is a weights-only file; build the model, then call LoadWeights.");
        var context = new ConfigReadContext();
        var result = Read(path, () => FormatOf(path) == ModelFileFormat.Keras ? LoadKeras(path, context) : LoadLegacy(path, context));
        foreach (var w in context.Warnings) warn($"{path}: {w}");
        var (model, bytes) = result;
        return (model, bytes is null ? null : Read(path, () => TrainingState.FromBytes(bytes)));
    }

    /// <summary>
    /// Keras's <c>model_from_json(json)</c>: a new, uncompiled model from a Keras model config (the text of
    /// <c>model.to_json()</c>, Keras 2 or 3, Sequential or a single-chain Functional model), its weights initialised
    /// from <paramref name="seed"/>. A config AugNet cannot build is an <see cref="InvalidDataException"/> or
    /// <see cref="NotSupportedException"/> saying why; warnings (ignored regularizers) go to <paramref name="warn"/>.
    /// </summary>
    public static Sequential FromKerasConfigJson(string json, uint seed = 0, Action<string>? warn = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        warn ??= DefaultWarn;
        var context = new ConfigReadContext();
        Sequential model;
        try { model = KerasModelConfig.FromConfig(ParseJson(json, "the model config"), context, seed); }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException)
        {
            // A JSON value of the wrong type or an impossible layer setting: the config is at fault, not the caller.
            throw new InvalidDataException($"not a model config AugNet can build ({e.Message}).", e);
        }
        foreach (var w in context.Warnings) warn(w);
        return model;
    }

    /// <summary>
    /// Saves the model (.h5 or .keras) with a <see cref="TrainingState"/> (optimiser slots, epoch, iterator positions):
    /// a file Keras still loads as an ordinary model, from which <see cref="LoadCheckpoint"/> resumes training exactly.
    /// </summary>
    public static void SaveCheckpoint(Sequential model, string path, TrainingState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        SaveModel(model, path, state.ToBytes());
    }

    /// <summary><see cref="SaveCheckpoint(Sequential, string, TrainingState)"/> with the state already serialised (<see cref="TrainingState.ToBytes()"/>).</summary>
    internal static void SaveCheckpointBytes(Sequential model, string path, byte[] stateBytes) => SaveModel(model, path, stateBytes);

    static void SaveModel(Sequential model, string path, byte[]? state)
    {
        RequireBuilt(model, path);
        var preprocessing = InputPreprocessingJson.ToJson(model.Preprocessing);
        switch (FormatOf(path))
        {
            case ModelFileFormat.LegacyH5:
                var file = LegacyH5Format.FullModel(model, preprocessing);
                AddState(file, state);
                Write(path, "model file", s => file.Write(s, WriteOptions));
                break;
            case ModelFileFormat.Keras:
                Write(path, "model file", s => KerasArchive.Write(s, model, preprocessing, m => AddState(Keras3WeightsFormat.Write(m), state)));
                break;
            default:
                throw new ArgumentException($"'{path}' names a weights-only file; use SaveWeights, or save the model as .h5 or .keras.");
        }
    }

    /// <summary>Keras ignores groups it does not know, so the state rides in the HDF5 file as one byte dataset.</summary>
    static H5File AddState(H5File file, byte[]? state)
    {
        if (state is not null) file[StateGroup] = new H5Group { [StateDataset] = new H5Dataset(state) };
        return file;
    }

    static byte[]? ReadState(IH5Group root) =>
        root.LinkExists($"{StateGroup}/{StateDataset}") ? root.Dataset($"{StateGroup}/{StateDataset}").Read<byte[]>() : null;

    static (Sequential, byte[]?) LoadLegacy(string path, ConfigReadContext context)
    {
        using var f = H5File.OpenRead(path);
        if (!LegacyH5Format.IsFullModel(f))
            throw new InvalidDataException(f.AttributeExists("layer_names") ? "it holds weights only (no model_config); build the model, then call LoadWeights." : "no model_config attribute: this is not a Keras model file.");
        var model = KerasModelConfig.FromConfig(ParseJson(HdfRead.StringAttribute(f, "model_config")!, "model_config"), context);
        LegacyH5Format.LoadWeights(LegacyH5Format.WeightRoot(f), model, byName: false, skipMismatch: false, _ => { });
        if (HdfRead.StringAttribute(f, "training_config") is { } tc && ParseJson(tc, "training_config") is JsonObject t)
            KerasCompileConfig.Apply(t, model, context);
        if (HdfRead.StringAttribute(f, LegacyH5Format.PreprocessingAttribute) is { } pp)
            model.Preprocessing = InputPreprocessingJson.FromJson(ParseJson(pp, LegacyH5Format.PreprocessingAttribute));
        return (model, ReadState(f));
    }

    static (Sequential, byte[]?) LoadKeras(string path, ConfigReadContext context)
    {
        using var s = File.OpenRead(path);
        var (config, metadata, weights) = KerasArchive.Read(s);
        var model = KerasModelConfig.FromConfig(config, context);
        using var f = H5File.Open(weights);
        Keras3WeightsFormat.Load(f, model);
        if (config["compile_config"] is JsonObject cc) KerasCompileConfig.Apply(cc, model, context);
        model.Preprocessing = InputPreprocessingJson.FromJson(metadata?[LegacyH5Format.PreprocessingAttribute]);
        return (model, ReadState(f));
    }

    internal static JsonNode ParseJson(string text, string what)
    {
        try { return JsonNode.Parse(text) ?? throw new InvalidDataException($"{what} is empty."); }
        catch (JsonException e) { throw new InvalidDataException($"{what} is not valid JSON: {e.Message}", e); }
    }

    static void RequireBuilt(Sequential model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(path);
        if (!model.IsBuilt) throw new InvalidOperationException($"Cannot save or load '{path}': the model is not built yet (declare an input shape or call Build).");
    }

    static void Write(string path, string what, Action<Stream> write)
    {
        string? dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        AtomicFile.Write(path, write, what);
    }

    /// <summary>Runs a read, turning every failure into one exception that names the file (PureHDF's own included).</summary>
    static T Read<T>(string path, Func<T> read)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Model file not found: {path}", path);
        FormatOf(path);
        // Past this point an argument or state error comes from the file's contents (a layer config with 0 filters,
        // a JSON value of the wrong type), so it is reported as a bad file, with its name.
        try { return read(); }
        catch (NotSupportedException e) { throw new NotSupportedException($"{path}: {e.Message}", e); }
        catch (InvalidDataException e) { throw new InvalidDataException($"{path}: {e.Message}", e); }
        catch (Exception e) when (e is not (OutOfMemoryException or UnauthorizedAccessException or IOException and not EndOfStreamException))
        {
            throw new InvalidDataException($"{path}: not a readable {Describe(path)} ({e.GetType().Name}: {e.Message}).", e);
        }
    }

    static string Describe(string path) => FormatOf(path) == ModelFileFormat.Keras ? "Keras zip archive" : "HDF5 file";

    internal static void DefaultWarn(string message) => Console.Error.WriteLine($"Warning: {message}");
}
