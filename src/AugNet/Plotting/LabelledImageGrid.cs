using AugNet.Imaging;
using SkiaSharp;

namespace AugNet.Plotting;

/// <summary>
/// A grid of images with a caption under each, enlarged by a whole factor with nearest-neighbour sampling so that
/// 32×32 pixels stay visible as pixels: the book's figure of one training image and its augmented versions, with
/// each tile saying what it is ("original", "augmented 3").
/// </summary>
public static class LabelledImageGrid
{
    const int Margin = 8, CaptionHeight = 22;
    const float TextSize = 14;

    /// <summary>
    /// Writes the grid as PNG (atomically) and returns its size in pixels. Images are (H, W, C) tensors with values
    /// 0–255, as <see cref="ImageGrid"/> takes them; <paramref name="zoom"/> is the enlargement of every tile.
    /// </summary>
    public static (int Width, int Height) Save(string path, IReadOnlyList<Tensor> images, IReadOnlyList<string> captions, int columns, int zoom = 4)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(captions);
        if (images.Count != captions.Count) throw new ArgumentException($"{images.Count} images but {captions.Count} captions.", nameof(captions));
        if (zoom is < 1 or > 64) throw new ArgumentOutOfRangeException(nameof(zoom), zoom, "zoom must be between 1 and 64.");
        // ImageGrid validates the images and converts each to RGB; one-image grids without margin are the tiles.
        var tiles = images.Select(t => ImageGrid.Compose([t], 1, margin: 0)).ToArray();
        if (columns < 1) throw new ArgumentOutOfRangeException(nameof(columns), columns, "columns must be at least 1.");
        int cellW = tiles.Max(t => t.Width) * zoom, cellH = tiles.Max(t => t.Height) * zoom + CaptionHeight;
        int cols = Math.Min(columns, tiles.Length), rows = (tiles.Length + cols - 1) / cols;
        int width = Margin + cols * (cellW + Margin), height = Margin + rows * (cellH + Margin);

        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul))
            ?? throw new ArgumentException($"The grid would be {width}x{height} pixels, too large.");
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using var typeface = PlotFonts.FontFile is { } file ? SKTypeface.FromFile(file) : null;
        using var font = new SKFont(typeface ?? SKTypeface.Default, TextSize);
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        for (int i = 0; i < tiles.Length; i++)
        {
            float x = Margin + i % cols * (cellW + Margin), y = Margin + i / cols * (cellH + Margin);
            using var tile = ToSkImage(tiles[i]);
            // Nearest: a smoothed 32-pixel image would hide exactly the detail the augmentation moved.
            canvas.DrawImage(tile, SKRect.Create(x, y, tiles[i].Width * zoom, tiles[i].Height * zoom), new SKSamplingOptions(SKFilterMode.Nearest));
            canvas.DrawText(captions[i], x + cellW / 2f, y + cellH - 6, SKTextAlign.Center, font, ink);
        }
        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100) ?? throw new NotSupportedException("The PNG encoder failed for the grid.");
        AtomicFile.Write(Path.GetFullPath(path), png.AsSpan(), "image grid");
        return (width, height);
    }

    static SKImage ToSkImage(RasterImage rgb)
    {
        var rgba = ColorConversion.Convert(rgb, PixelMode.RGBA);
        var info = new SKImageInfo(rgba.Width, rgba.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        return SKImage.FromPixelCopy(info, rgba.Bytes, info.RowBytes) ?? throw new NotSupportedException("Skia could not take the tile's pixels.");
    }
}
