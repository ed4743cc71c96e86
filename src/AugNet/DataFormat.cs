namespace AugNet;

/// <summary>Where the channel axis sits, as Keras's <c>data_format</c>.</summary>
public enum DataFormat
{
    /// <summary>(H, W, C) images and (N, H, W, C) batches; Keras's default.</summary>
    ChannelsLast,
    /// <summary>(C, H, W) images and (N, C, H, W) batches.</summary>
    ChannelsFirst,
}
