namespace AugNet.Imaging;

/// <summary>Keras's <c>save_img</c>. (Contract stub: Imaging owner implements.)</summary>
public static class ImageSaver
{
    /// <summary>Writes a (H, W, C) float image as PNG/JPEG/BMP/WebP by extension, min–max scaling to 0–255 when <paramref name="scale"/>.</summary>
    public static void SaveImage(string path, Tensor image, DataFormat dataFormat = DataFormat.ChannelsLast, bool scale = true)
        => throw new NotImplementedException();
}
