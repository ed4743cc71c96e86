using System.Buffers.Binary;
using AugNet.Data;

namespace AugNet.NN.Training;

/// <summary>
/// The bytes of a <see cref="TrainingState"/>: "AUGNETTS", version (int32), payload length (int64), the payload, and an
/// FNV-1a 64 checksum of everything before it; all little-endian. The length makes truncation distinguishable from
/// corruption, and the checksum catches flipped bits that would otherwise restore a silently wrong state.
/// Version 2 appends the random preprocessing layers' generators (a count, then each generator) to the version-1
/// payload; a version-1 blob still reads, with no layer generators.
/// </summary>
internal static class TrainingStateFormat
{
    static ReadOnlySpan<byte> Magic => "AUGNETTS"u8;
    const int Version = 2, FirstVersion = 1;
    const int HeaderSize = 8 + 4 + 8, ChecksumSize = 8;

    public static byte[] Write(TrainingState s, byte[]? reuse = null)
    {
        // Counted first, then written once into the exact array (no growing buffer, no copy of a 13 MB payload);
        // a caller that saves every epoch hands back its previous array, which has the same length.
        var count = new StateWriter();
        WritePayload(count, s);
        int payloadLength = count.Position;
        int total = checked(HeaderSize + payloadLength + ChecksumSize);
        var result = reuse?.Length == total ? reuse : new byte[total];
        var w = new StateWriter(result, HeaderSize);
        WritePayload(w, s);
        if (w.Position != HeaderSize + payloadLength) throw new InvalidOperationException("The training state changed while it was being written.");
        Magic.CopyTo(result);
        BinaryPrimitives.WriteInt32LittleEndian(result.AsSpan(8), Version);
        BinaryPrimitives.WriteInt64LittleEndian(result.AsSpan(12), payloadLength);
        BinaryPrimitives.WriteUInt64LittleEndian(result.AsSpan(HeaderSize + payloadLength), Fnv1a(result.AsSpan(0, HeaderSize + payloadLength)));
        return result;
    }

    static void WritePayload(StateWriter w, TrainingState s)
    {
        w.Int32(s.Epoch); w.Int32(s.Step); w.Int32(s.StepsPerEpoch);
        w.String(s.OptimizerName); w.Int64(s.Iterations); w.Double(s.LearningRate);
        w.Int32(s.OptimizerSlots.Count);
        foreach (var slots in s.OptimizerSlots)
        {
            w.Int32(slots.Length);
            foreach (var a in slots) w.Floats(a);
        }
        WriteRandom(w, s.DropoutRandom);
        WritePosition(w, s.Training);
        w.Bool(s.Validation is not null);
        if (s.Validation is not null) WritePosition(w, s.Validation);
        w.Double(s.LossSum); w.Int64(s.SamplesSeen);
        w.Int32(s.Metrics.Count);
        foreach (var m in s.Metrics) { w.String(m.Name); w.Double(m.Sum); w.Double(m.Weight); }
        w.Int32(s.Callbacks.Count);
        foreach (var c in s.Callbacks) { w.String(c.Kind); w.Doubles(c.Values); }
        w.Int32(s.LayerRandoms.Count);
        foreach (var g in s.LayerRandoms) WriteRandom(w, g);
    }

    public static TrainingState Read(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < Magic.Length) throw Truncated(bytes.Length, HeaderSize);
        if (!bytes[..Magic.Length].SequenceEqual(Magic))
            throw new InvalidDataException("The data is not an AugNet training state: it does not start with \"AUGNETTS\".");
        if (bytes.Length < HeaderSize) throw Truncated(bytes.Length, HeaderSize);
        int version = BinaryPrimitives.ReadInt32LittleEndian(bytes[8..]);
        if (version is < FirstVersion or > Version)
            throw new InvalidDataException($"Unsupported training state version {version}; this library reads versions {FirstVersion} to {Version}.");
        long payloadLength = BinaryPrimitives.ReadInt64LittleEndian(bytes[12..]);
        if (payloadLength < 0 || payloadLength > int.MaxValue - HeaderSize - ChecksumSize)
            throw new InvalidDataException($"The training state is malformed: its header gives a payload of {payloadLength} bytes.");
        long expected = HeaderSize + payloadLength + ChecksumSize;
        if (bytes.Length < expected) throw Truncated(bytes.Length, expected);
        if (bytes.Length > expected) throw new InvalidDataException($"The training state has {bytes.Length - expected} trailing bytes after its {expected}.");
        int end = HeaderSize + (int)payloadLength;
        if (BinaryPrimitives.ReadUInt64LittleEndian(bytes[end..]) != Fnv1a(bytes[..end]))
            throw new InvalidDataException("The training state's checksum does not match: the data is corrupted.");

        var r = new StateReader(bytes.ToArray(), HeaderSize, end);
        int epoch = r.Int32("epoch"), step = r.Int32("step"), stepsPerEpoch = r.Int32("steps per epoch");
        string optimizer = r.String("optimizer name");
        long iterations = r.Int64("iterations");
        double lr = r.Double("learning rate");
        var slots = new float[r.Count(4, "optimizer slots")][][];
        for (int p = 0; p < slots.Length; p++)
        {
            slots[p] = new float[r.Count(4, "slots of a parameter")][];
            for (int k = 0; k < slots[p].Length; k++) slots[p][k] = r.Floats("slot array");
        }
        var dropout = ReadRandom(r, "dropout generator");
        var training = ReadPosition(r, "training sequence");
        var validation = r.Bool("validation flag") ? ReadPosition(r, "validation sequence") : null;
        double lossSum = r.Double("loss sum");
        long seen = r.Int64("samples seen");
        var metrics = new MetricTotals[r.Count(4 + 16, "metrics")];
        for (int i = 0; i < metrics.Length; i++) metrics[i] = new MetricTotals(r.String("metric name"), r.Double("metric sum"), r.Double("metric weight"));
        var callbacks = new CallbackState[r.Count(8, "callbacks")];
        for (int i = 0; i < callbacks.Length; i++) callbacks[i] = new CallbackState(r.String("callback kind"), r.Doubles("callback values"));
        var layerRandoms = new NumpyRandomState[version >= 2 ? r.Count(4 * 624 + 8, "layer generators") : 0];
        for (int i = 0; i < layerRandoms.Length; i++) layerRandoms[i] = ReadRandom(r, "layer generator");
        if (!r.AtEnd) throw new InvalidDataException("The training state is malformed: its payload has unread bytes.");
        if (epoch < 0 || step < 0 || stepsPerEpoch <= 0 || step > stepsPerEpoch || iterations < 0 || seen < 0)
            throw new InvalidDataException($"The training state is malformed: epoch {epoch}, step {step} of {stepsPerEpoch}, {iterations} iterations, {seen} samples.");
        return new TrainingState(epoch, step, stepsPerEpoch, optimizer, iterations, lr, slots, dropout, training, validation, lossSum, seen, metrics, callbacks, layerRandoms);
    }

    static InvalidDataException Truncated(long have, long need) =>
        new($"The training state is truncated: {have} bytes, {need} expected.");

    static void WriteRandom(StateWriter w, NumpyRandomState s) { w.UInts(s.Key); w.Int32(s.Position); }

    static NumpyRandomState ReadRandom(StateReader r, string what)
    {
        var key = r.UInts(what + " key");
        int pos = r.Int32(what + " position");
        if (key.Length != 624 || pos is < 0 or > 624)
            throw new InvalidDataException($"The training state is malformed: the {what} has {key.Length} key words and position {pos} (MT19937: 624, [0, 624]).");
        return new NumpyRandomState(key, pos);
    }

    static void WritePosition(StateWriter w, DataPosition p)
    {
        w.Int32(p.NextBatch);
        w.Bool(p.State is not null);
        if (p.State is not { } s) return;
        w.String(s.Kind); w.Int64(s.BatchesSeen); w.Int32(s.PassPosition);
        w.Bool(s.Order is not null);
        if (s.Order is not null) w.Ints(s.Order);
        WriteRandom(w, s.Random);
        w.Int64(s.Seed);
    }

    static DataPosition ReadPosition(StateReader r, string what)
    {
        int next = r.Int32(what + " next batch");
        if (!r.Bool(what + " state flag")) return new DataPosition(next, null);
        string kind = r.String(what + " kind");
        long seen = r.Int64(what + " batches seen");
        int pass = r.Int32(what + " pass position");
        int[]? order = r.Bool(what + " order flag") ? r.Ints(what + " order") : null;
        var random = ReadRandom(r, what + " generator");
        long seed = r.Int64(what + " seed");
        return new DataPosition(next, new SequenceState(kind, seen, pass, order, random, seed));
    }

    static ulong Fnv1a(ReadOnlySpan<byte> data)
    {
        ulong h = 14695981039346656037UL;
        foreach (byte b in data) h = (h ^ b) * 1099511628211UL;
        return h;
    }
}
