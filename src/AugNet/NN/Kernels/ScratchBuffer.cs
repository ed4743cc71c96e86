namespace AugNet.NN.Kernels;

/// <summary>
/// A per-thread, pinned, 64-byte-aligned float buffer that only grows, so that steady-state kernel calls allocate
/// nothing. Each thread owns a few independent slots (packed A, packed B, im2col columns, ...).
/// </summary>
internal static unsafe class ScratchBuffer
{
    internal const int PackA = 0, PackB = 1, Columns = 2, EdgeTile = 3, SlotCount = 4;

    [ThreadStatic] static float[]?[]? _arrays;
    [ThreadStatic] static nint[]? _aligned;

    /// <summary>Pointer to at least <paramref name="length"/> floats, valid until the same slot is requested again on this thread.</summary>
    internal static float* Get(int slot, long length)
    {
        var arrays = _arrays ??= new float[]?[SlotCount];
        var aligned = _aligned ??= new nint[SlotCount];
        var array = arrays[slot];
        if (array is null || array.Length - 16 < length)
        {
            long size = Math.Max(length, array is null ? 0 : (long)(array.Length * 1.5));
            if (size + 16 > Array.MaxLength) throw new OutOfMemoryException($"Kernel scratch buffer of {length} floats is too large.");
            array = GC.AllocateUninitializedArray<float>((int)size + 16, pinned: true);
            arrays[slot] = array;
            fixed (float* p = array)
                aligned[slot] = (nint)(((ulong)p + 63) & ~63UL);
        }
        return (float*)aligned[slot];
    }
}
