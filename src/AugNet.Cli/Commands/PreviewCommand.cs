using System.CommandLine;
using AugNet.Augmentation;
using AugNet.Imaging;
using AugNet.Plotting;

namespace AugNet.Cli.Commands;

/// <summary>
/// <c>augnet preview IMAGE [generator options] [--count 8] [--seed N] --out grid.png</c>: the book's "randomly augmented
/// training images" figure — the original followed by N augmented versions in one grid.
/// </summary>
internal static class PreviewCommand
{
    /// <summary>
    /// Without --target-size every cell of the grid is a full-size float copy (about 140 bytes per pixel for the
    /// default 8 versions), so preview takes at most 4 M pixels (2048×2048) then, unless --max-image-pixels says otherwise.
    /// </summary>
    internal const long DefaultMaxPixelsFullSize = 4L * 1024 * 1024;

    public static Command Create()
    {
        var image = new Argument<FileInfo>("image") { Description = "Image file (PNG, JPEG, BMP, GIF, WebP)" };
        var count = new Option<int>("--count") { Description = "Number of augmented versions", DefaultValueFactory = _ => 8 };
        var seed = new Option<uint?>("--seed") { Description = "Seed for reproducible draws" };
        var columns = new Option<int>("--columns") { Description = "Grid columns", DefaultValueFactory = _ => 3 };
        var targetSize = new Option<string?>("--target-size") { Description = "Resize on load to HEIGHT,WIDTH (Pillow-exact)" };
        var output = new Option<FileInfo>("--out") { Description = "Output PNG", Required = true };
        var command = new Command("preview", "Write a grid of an image and randomly augmented versions of it (any ImageDataGenerator flag).\n"
            + "Example: augnet preview cat.png --rotation-range 40 --zoom-range 0.2 --horizontal-flip --out grid.png") { image, count, seed, columns, targetSize, output };
        var generatorOptions = new GeneratorOptionsBinding(command);

        command.SetAction(result =>
        {
            int n = result.GetValue(count);
            if (n < 1 || n > 1000) throw new ArgumentException($"--count must be between 1 and 1000, got {n}.");
            int cols = result.GetValue(columns);
            if (cols < 1) throw new ArgumentException($"--columns must be at least 1, got {cols}.");
            var options = generatorOptions.Build(result);
            if (options.DataFormat != DataFormat.ChannelsLast)
                throw new ArgumentException("preview shows channels_last images; omit --data-format.");
            var generator = new ImageDataGenerator(options);
            var size = ParseSize(result.GetValue(targetSize));
            if (size is { } t)
            {
                // Every cell is a float copy at the target size: refuse sizes the grid cannot hold instead of running out of memory.
                long limit = Program.MaxImagePixelsGiven ? ImageDecoder.Budget.MaxPixels ?? long.MaxValue : DefaultMaxPixelsFullSize;
                if ((long)t.Item1 * t.Item2 > limit)
                    throw new ArgumentException($"--target-size {t.Item1},{t.Item2} is {(long)t.Item1 * t.Item2} pixels per cell, more than {limit}; "
                        + "choose a smaller size or raise --max-image-pixels.");
            }
            if (size is null && !Program.MaxImagePixelsGiven)
                ImageDecoder.Budget = ImageDecoder.Budget with
                {
                    MaxPixels = Math.Min(ImageDecoder.Budget.MaxPixels ?? long.MaxValue, DefaultMaxPixelsFullSize),
                    RaiseWith = "--target-size HEIGHT,WIDTH (preview then shows the image at that size) or --max-image-pixels N",
                };
            var original = ImageLoader.LoadImage(result.GetValue(image)!.FullName, ColorMode.Rgb, size, Interpolation.Bilinear);
            var rng = result.GetValue(seed) is uint s ? new NumpyRandom(s) : new NumpyRandom();

            var cells = new List<Tensor> { original };
            for (int i = 0; i < n; i++) cells.Add(generator.RandomTransform(original, rng));
            string path = result.GetValue(output)!.FullName;
            ImageGrid.Save(path, cells, cols, scale: false);
            Console.WriteLine($"wrote {path}: the original and {n} augmented versions");
            return 0;
        });
        return command;
    }

    static (int, int)? ParseSize(string? text)
    {
        if (text is null) return null;
        var parts = text.Split(',', 'x');
        if (parts.Length == 2 && int.TryParse(parts[0], out int h) && int.TryParse(parts[1], out int w) && h > 0 && w > 0) return (h, w);
        throw new ArgumentException($"--target-size must be HEIGHT,WIDTH with positive integers, got '{text}'.");
    }
}
