using AugNet.Imaging;

namespace AugNet.Plotting;

/// <summary>
/// Tiles a list of images into one RGB picture (row-major, <c>columns</c> per row, a margin around and between cells)
/// for previews such as <c>augnet preview</c>. Cells are as large as the largest image; smaller images sit at the
/// cell's top-left. Grey images are replicated to RGB and alpha is dropped.
/// </summary>
public static class ImageGrid
{
    /// <summary>Background grey level of margins and empty cell area.</summary>
    public const byte Background = 255;

    /// <summary>
    /// Composes <paramref name="images"/> ((H, W, C) float tensors, C ∈ {1, 3, 4}) and writes the grid atomically as
    /// PNG/JPEG/BMP/WebP by extension. With <paramref name="scale"/> each image is min–max stretched to 0–255 as
    /// Keras's <c>array_to_img</c> does; without it values are taken as 0–255, clipped, and truncated.
    /// </summary>
    public static void Save(string path, IReadOnlyList<Tensor> images, int columns, bool scale = false, int margin = 2)
        => ImageSaver.SaveRaster(path, Compose(images, columns, scale, margin));

    /// <summary>The grid as an RGB image, without writing it.</summary>
    public static RasterImage Compose(IReadOnlyList<Tensor> images, int columns, bool scale = false, int margin = 2)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.Count == 0) throw new ArgumentException("ImageGrid needs at least one image.", nameof(images));
        if (columns < 1) throw new ArgumentOutOfRangeException(nameof(columns), columns, "columns must be at least 1.");
        if (margin < 0) throw new ArgumentOutOfRangeException(nameof(margin), margin, "margin must not be negative.");
        var cells = new RasterImage[images.Count];
        int cellW = 0, cellH = 0;
        for (int i = 0; i < images.Count; i++)
        {
            var t = images[i] ?? throw new ArgumentException($"Image {i} is null.", nameof(images));
            if (t.Rank != 3 || t.Shape[2] is not (1 or 3 or 4))
                throw new ArgumentException($"Image {i} has shape {Tensor.FormatShape(t.Shape)}; ImageGrid needs (H, W, C) with C = 1, 3 or 4.", nameof(images));
            cells[i] = ColorConversion.Convert(ToRaster(t, scale), PixelMode.RGB);
            cellW = Math.Max(cellW, cells[i].Width);
            cellH = Math.Max(cellH, cells[i].Height);
        }
        int cols = Math.Min(columns, cells.Length);
        int rows = (cells.Length + cols - 1) / cols;
        long width = margin + (long)cols * (cellW + margin);
        long height = margin + (long)rows * (cellH + margin);
        if (width * height * 3 > Array.MaxLength) throw new ArgumentException($"The grid would be {width}x{height} pixels, too large.");
        var grid = RasterImage.Create((int)width, (int)height, PixelMode.RGB);
        grid.Bytes.AsSpan().Fill(Background);
        for (int i = 0; i < cells.Length; i++)
        {
            int x0 = margin + (i % cols) * (cellW + margin);
            int y0 = margin + (i / cols) * (cellH + margin);
            var cell = cells[i];
            for (int y = 0; y < cell.Height; y++)
                cell.Row(y).CopyTo(grid.Row(y0 + y).Slice(x0 * 3, cell.RowLength));
        }
        return grid;
    }

    static RasterImage ToRaster(Tensor t, bool scale)
    {
        if (scale) return ArrayImage.ArrayToImage(t, DataFormat.ChannelsLast, scale: true);
        int h = t.Shape[0], w = t.Shape[1], c = t.Shape[2];
        var bytes = new byte[t.Length];
        for (int i = 0; i < bytes.Length; i++)
        {
            float v = t.Data[i];
            bytes[i] = v >= 255f ? (byte)255 : v > 0f ? (byte)v : (byte)0;
        }
        return new RasterImage(w, h, c switch { 1 => PixelMode.L, 3 => PixelMode.RGB, _ => PixelMode.RGBA }, bytes);
    }
}
