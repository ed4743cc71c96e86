using System.Text;
using AugNet.Imaging;

namespace AugNet.NN;

/// <summary>
/// AugNet's own weights format (little-endian): "AUGNETW1", parameter count, then per parameter the layer name,
/// the parameter name, rank, dimensions and float32 values. Loading checks every name and shape and names the first
/// mismatch. Saving writes a temporary file beside the target and moves it into place, so no half-written file is left.
/// </summary>
public static class WeightsFile
{
    const string Magic = "AUGNETW1";

    public static void Save(string path, IEnumerable<Layer> layers)
    {
        string full = Path.GetFullPath(path);
        string? dir = Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        AtomicFile.Write(full, stream =>
        {
            using var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            var items = layers.SelectMany(l => l.Parameters.Select(p => (Layer: l.Name, P: p))).ToList();
            w.Write(Encoding.ASCII.GetBytes(Magic));
            w.Write(items.Count);
            foreach (var (layer, p) in items)
            {
                w.Write(layer);
                w.Write(p.Name);
                w.Write(p.Value.Rank);
                foreach (int d in p.Value.Shape) w.Write(d);
                foreach (float v in p.Value.Data) w.Write(v);
            }
        }, "weights file");
    }

    public static void Load(string path, IEnumerable<Layer> layers)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Weights file not found: {path}", path);
        using var r = new BinaryReader(File.OpenRead(path), Encoding.UTF8);
        if (Encoding.ASCII.GetString(r.ReadBytes(Magic.Length)) != Magic) throw new InvalidDataException($"{path} is not an AugNet weights file.");
        var items = layers.SelectMany(l => l.Parameters.Select(p => (Layer: l.Name, P: p))).ToList();
        int count = r.ReadInt32();
        if (count != items.Count) throw new InvalidDataException($"{path} holds {count} weight arrays but the model has {items.Count}.");
        var values = new List<float[]>();
        foreach (var (layer, p) in items)
        {
            string ln = r.ReadString(), pn = r.ReadString();
            int rank = r.ReadInt32();
            var shape = new int[rank];
            for (int i = 0; i < rank; i++) shape[i] = r.ReadInt32();
            if (ln != layer || pn != p.Name || !shape.AsSpan().SequenceEqual(p.Value.Shape))
                throw new InvalidDataException($"{path}: expected {layer}/{p.Name} {Tensor.FormatShape(p.Value.Shape)} but found {ln}/{pn} {Tensor.FormatShape(shape)}.");
            var data = new float[p.Count];
            for (int i = 0; i < data.Length; i++) data[i] = r.ReadSingle();
            values.Add(data);
        }
        int k = 0;
        foreach (var (_, p) in items) values[k++].CopyTo(p.Value.Data, 0);
    }
}
