using System.Text.Json;
using System.Text.Json.Nodes;
using AugNet.NN;
using AugNet.NN.Layers.Preprocessing;

namespace AugNet.Persistence;

/// <summary>
/// Keras configs of the image preprocessing layers (keys of Keras 3's <c>get_config()</c>: factor(s), fill_mode,
/// fill_value, interpolation, seed, mode, value_range, height/width, crop_to_aspect_ratio; RandomColorJitter's
/// value_range, brightness_factor, contrast_factor, saturation_factor, hue_factor, seed). Written without the keys
/// tf.keras 2.15's constructors refuse (data_format; Resizing's pad_to_aspect_ratio/fill_mode/fill_value; RandomContrast's
/// value_range at its default), which Keras 3 defaults to the same values, so both load the file; Keras 2 then augments
/// with its own semantics. RandomHue, RandomSaturation and RandomColorJitter exist only in Keras 3 (tf.keras 2.x has no
/// such class, so only Keras 3 and AugNet load a file holding one). A factor is written as given: a number or a
/// [lower, upper] list (Keras 3 writes RandomHue's and RandomSaturation's validated pair, which reads back to the same
/// range). The SeedGenerator state
/// Keras 3 keeps is not a saved variable (it is not a KerasSaveable), so there are no weights to write.
/// </summary>
internal static class KerasPreprocessingLayerConfig
{
    public static readonly string[] ClassNames =
        ["RandomFlip", "RandomRotation", "RandomZoom", "RandomTranslation", "RandomContrast", "RandomBrightness", "Resizing", "CenterCrop", "RandomCrop",
         "RandomShear", "RandomGrayscale", "RandomHue", "RandomSaturation", "RandomColorJitter"];

    public static void Write(ImagePreprocessingLayer layer, JsonObject c)
    {
        // The colour layers with a factor, a value_range (written even when it is the default) and a seed.
        void FactorRangeSeed(KerasFactor factor, (double Low, double High) range, int? seed)
        {
            c["factor"] = Factor(factor);
            c["value_range"] = new JsonArray(range.Low, range.High);
            c["seed"] = seed;
        }

        switch (layer)
        {
            case RandomFlip f:
                c["seed"] = f.Seed;
                c["mode"] = f.Mode;
                break;
            case RandomRotation r:
                c["factor"] = Factor(r.Factor);
                AddFill(c, r);
                break;
            case RandomZoom z:
                c["height_factor"] = Factor(z.HeightFactor);
                c["width_factor"] = z.WidthFactor is { } w ? Factor(w) : null;
                AddFill(c, z);
                break;
            case RandomTranslation t:
                c["height_factor"] = Factor(t.HeightFactor);
                c["width_factor"] = Factor(t.WidthFactor);
                AddFill(c, t);
                break;
            case RandomShear sh:
                c["x_factor"] = Factor(sh.XFactor);
                c["y_factor"] = Factor(sh.YFactor);
                AddFill(c, sh);
                break;
            case RandomGrayscale g:
                c["factor"] = g.Factor;
                // Keras's get_config writes factor only; the seed goes in when set (Keras 3.8+ takes it) so a seeded layer repeats.
                if (g.Seed is { } gs) c["seed"] = gs;
                break;
            case RandomContrast rc:
                c["factor"] = Factor(rc.Factor);
                if (rc.ValueRange != (0, 255)) c["value_range"] = new JsonArray(rc.ValueRange.Low, rc.ValueRange.High);
                c["seed"] = rc.Seed;
                break;
            case RandomHue h:
                FactorRangeSeed(h.Factor, h.ValueRange, h.Seed);
                break;
            case RandomSaturation sa:
                FactorRangeSeed(sa.Factor, sa.ValueRange, sa.Seed);
                break;
            case RandomColorJitter j:
                c["value_range"] = new JsonArray(j.ValueRange.Low, j.ValueRange.High);
                c["brightness_factor"] = j.BrightnessFactor is { } jb ? Factor(jb) : null;
                c["contrast_factor"] = j.ContrastFactor is { } jc ? Factor(jc) : null;
                c["saturation_factor"] = j.SaturationFactor is { } js ? Factor(js) : null;
                c["hue_factor"] = j.HueFactor is { } jh ? Factor(jh) : null;
                c["seed"] = j.Seed;
                break;
            case RandomBrightness rb:
                FactorRangeSeed(rb.Factor, rb.ValueRange, rb.Seed);
                break;
            case Resizing rs:
                c["height"] = rs.Height;
                c["width"] = rs.Width;
                c["interpolation"] = rs.Interpolation;
                c["crop_to_aspect_ratio"] = rs.CropToAspectRatio;
                break;
            case CenterCrop cc:
                c["height"] = cc.Height;
                c["width"] = cc.Width;
                break;
            case RandomCrop cr:
                c["height"] = cr.Height;
                c["width"] = cr.Width;
                c["seed"] = cr.Seed;
                break;
            default:
                throw new NotSupportedException($"Layer '{layer.Name}' ({layer.TypeName}) has no Keras config writer.");
        }
    }

    static void AddFill(JsonObject c, RandomAffineLayer a)
    {
        c["fill_mode"] = a.FillModeName;
        c["fill_value"] = a.FillValue;
        c["interpolation"] = a.Interpolation;
        c["seed"] = a.Seed;
    }

    static JsonNode Factor(KerasFactor f) => f.IsPair ? new JsonArray(f.First, f.Second) : JsonValue.Create(f.First);

    public static Layer Read(string className, KerasConfigReader r, int[]? input, string? name)
    {
        r.RequireChannelsLast();
        if (r.Has("bounding_box_format") && r.Config["bounding_box_format"] is not null)
            throw r.Unsupported("bounding_box_format", "bounding boxes are not supported");
        int? seed = Seed(r);
        try
        {
            return className switch
            {
                "RandomFlip" => new RandomFlip(r.String("mode", RandomFlip.HorizontalAndVertical), seed, input, name),
                "RandomRotation" => new RandomRotation(Factor(r, "factor"), r.String("fill_mode", "reflect"), r.String("interpolation", "bilinear"),
                    seed, r.Double("fill_value", 0), input, name),
                "RandomZoom" => new RandomZoom(Factor(r, "height_factor"), r.Config["width_factor"] is null ? null : Factor(r, "width_factor"),
                    r.String("fill_mode", "reflect"), r.String("interpolation", "bilinear"), seed, r.Double("fill_value", 0), input, name),
                "RandomTranslation" => new RandomTranslation(Factor(r, "height_factor"), Factor(r, "width_factor"),
                    r.String("fill_mode", "reflect"), r.String("interpolation", "bilinear"), seed, r.Double("fill_value", 0), input, name),
                "RandomShear" => new RandomShear(ShearFactor(r, "x_factor"), ShearFactor(r, "y_factor"), r.String("interpolation", "bilinear"),
                    r.String("fill_mode", "reflect"), r.Double("fill_value", 0), seed, input, name),
                "RandomGrayscale" => new RandomGrayscale(r.Double("factor", 0.5), seed, input, name),
                "RandomContrast" => new RandomContrast(Factor(r, "factor"), ValueRange(r), seed, input, name),
                "RandomBrightness" => new RandomBrightness(Factor(r, "factor"), ValueRange(r), seed, input, name),
                "RandomHue" => new RandomHue(Factor(r, "factor"), ValueRange(r), seed, input, name),
                "RandomSaturation" => new RandomSaturation(Factor(r, "factor"), ValueRange(r), seed, input, name),
                "RandomColorJitter" => new RandomColorJitter(ValueRange(r), OptionalFactor(r, "brightness_factor"), OptionalFactor(r, "contrast_factor"),
                    OptionalFactor(r, "saturation_factor"), OptionalFactor(r, "hue_factor"), seed, input, name),
                "Resizing" => ReadResizing(r, input, name),
                "CenterCrop" => new CenterCrop(r.Int("height"), r.Int("width"), input, name),
                "RandomCrop" => new RandomCrop(r.Int("height"), r.Int("width"), seed, input, name),
                _ => throw new NotSupportedException($"layer '{name}': Keras layer class '{className}' is not supported."),
            };
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"layer '{name}' ({className}): {e.Message}", e);
        }
    }

    static Resizing ReadResizing(KerasConfigReader r, int[]? input, string? name)
    {
        if (r.Bool("pad_to_aspect_ratio", false)) throw r.Unsupported("pad_to_aspect_ratio", "pad_to_aspect_ratio=True is not supported");
        if (r.Bool("antialias", false)) throw r.Unsupported("antialias", "antialias=True is not supported");
        string interpolation = r.String("interpolation", "bilinear");
        if (interpolation is not ("bilinear" or "nearest")) throw r.Unsupported("interpolation", $"'{interpolation}' is not supported (bilinear, nearest)");
        return new Resizing(r.Int("height"), r.Int("width"), interpolation, r.Bool("crop_to_aspect_ratio", false), input, name);
    }

    static (double, double)? ValueRange(KerasConfigReader r)
    {
        if (r.Config["value_range"] is null) return null;
        if (r.Config["value_range"] is JsonArray a && a.Count == 2 && a.All(x => x is JsonValue v && v.GetValueKind() == JsonValueKind.Number))
            return (a[0]!.GetValue<double>(), a[1]!.GetValue<double>());
        throw new InvalidDataException($"The `value_range` argument should be a list of two numbers. Received: value_range={r.Config["value_range"]!.ToJsonString()}");
    }

    static int? Seed(KerasConfigReader r) => r.Config["seed"] is null ? null : r.Int("seed");

    /// <summary>
    /// RandomShear's factor, 0 when absent. Keras's get_config writes the validated range, so RandomShear(0.2) saves
    /// x_factor [-0.2, 0.2], which Keras's own constructor then refuses (−0.2 &lt; 0); a symmetric pair [−f, f] with f in
    /// [0, 1] is read as the single factor f — the same range, so the same draws.
    /// </summary>
    static KerasFactor ShearFactor(KerasConfigReader r, string key)
    {
        if (r.Config[key] is null) return 0.0;
        var f = Factor(r, key);
        return f.IsPair && f.First == -f.Second && f.Second >= 0 ? new KerasFactor(f.Second) : f;
    }

    /// <summary>A factor that may be null or absent (RandomColorJitter's: null leaves the stage out).</summary>
    static KerasFactor? OptionalFactor(KerasConfigReader r, string key) => r.Config[key] is null ? null : Factor(r, key);

    static KerasFactor Factor(KerasConfigReader r, string key)
    {
        var n = r.Config[key];
        if (n is JsonArray a && a.Count == 2 && a.All(x => x is JsonValue v && v.GetValueKind() == JsonValueKind.Number))
            return new KerasFactor(a[0]!.GetValue<double>(), a[1]!.GetValue<double>());
        return new KerasFactor(r.Double(key));
    }
}
