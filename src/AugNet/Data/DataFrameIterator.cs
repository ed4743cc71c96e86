using System.Data;
using AugNet.Augmentation;
using AugNet.Imaging;

namespace AugNet.Data;

/// <summary>
/// Keras's <c>DataFrameIterator</c> (spec §10), made by <c>ImageDataGenerator.FlowFromDataFrame</c>: file names and
/// labels from a table (a <see cref="DataTable"/>; <see cref="DataFrameCsv"/> reads a CSV file as pandas would).
/// Cells: strings; <see cref="DBNull"/>, null or NaN for pandas's NaN; numbers; bools (raw/multi_output targets only,
/// as 1/0: Keras's string checks reject them as labels, and a bool weight column is not numeric); and, for multi-label
/// categorical rows, a list of strings (any <c>IEnumerable&lt;string&gt;</c> that is not a string; a CSV cannot give
/// one, see <see cref="DataFrameCsv"/>). Rows keep the table's order; a subset
/// takes its share of the (filtered) rows globally, validation first.
/// </summary>
public sealed class DataFrameIterator : FileImageIterator
{
    /// <summary>Checks and filters the table with Keras's rules and messages, then prints "Found N ... image filenames ...".</summary>
    /// <remarks>
    /// <para><c>dataframe</c>: The table (not modified).</para>
    /// <para><c>directory</c>: Prefix of the file names; null = the names are paths (absolute, or relative to the working folder).</para>
    /// <para><c>yCol</c>: The label column (one name).</para>
    /// <para><c>yCols</c>: Several label columns (Keras's list y_col, for raw and multi_output); overrides <paramref name="yCol"/>.</para>
    /// <para><c>weightCol</c>: A numeric column of sample weights, or null.</para>
    /// <para><c>classes</c>: Class names in index order (deduplicated, kept as given); null = the sorted labels.</para>
    /// <para><c>validateFilenames</c>: Drop rows whose file is missing or not whitelisted, with a warning.</para>
    /// <para><c>keepAspectRatio</c>: Keras's flow_from_dataframe never passes this on; the iterator supports it.</para>
    /// </remarks>
    public DataFrameIterator(DataTable dataframe, ImageDataGenerator? generator, string? directory = null, string xCol = "filename",
        string? yCol = "class", IReadOnlyList<string>? yCols = null, string? weightCol = null, (int Height, int Width)? targetSize = null,
        ColorMode colorMode = ColorMode.Rgb, IReadOnlyList<string>? classes = null, ClassMode classMode = ClassMode.Categorical,
        int batchSize = 32, bool shuffle = true, long? seed = null, string? saveToDir = null, string savePrefix = "",
        string saveFormat = "png", Subset? subset = null, Interpolation interpolation = Interpolation.Nearest,
        bool validateFilenames = true, bool keepAspectRatio = false, PipelineOptions? pipeline = null)
        : base(List(dataframe, generator, directory, xCol, yCols ?? (yCol == null ? null : [yCol]), yCols != null, weightCol, classes,
                classMode, subset, validateFilenames, pipeline),
            generator, classMode, DirectoryIterator.CheckTarget(targetSize ?? (256, 256)), colorMode, batchSize, shuffle, seed,
            saveToDir, savePrefix, saveFormat, interpolation, keepAspectRatio, pipeline)
    {
        Directory = directory;
        XCol = xCol;
        ValidatedFilenames = validateFilenames;
    }

    /// <summary>The directory prefix, or null.</summary>
    public string? Directory { get; }
    public string XCol { get; }
    public bool ValidatedFilenames { get; }

    static bool IsNa(object? v) => v is null or DBNull || (v is double d && double.IsNaN(d)) || (v is float f && float.IsNaN(f));

    static IReadOnlyList<string>? AsList(object? v) => v is string ? null : v is IEnumerable<string> e ? e.ToList() : null;

    static string PyType(object? v) => IsNa(v) ? "float" : v switch { string => "str", bool => "bool", long or int => "int", double or float => "float", _ => v!.GetType().Name };

    /// <summary>Appended to Keras's type-check messages: which row (0-based, pandas's default index) broke the rule.</summary>
    static string Offending(int row, object? v) =>
        $" Row {row} (0-based) holds {(IsNa(v) ? "NaN (an empty or NA cell)" : v is bool b ? (b ? "True" : "False") + " (bool)" : $"{v} ({PyType(v)})")}.";

    static bool IsNumericType(Type t) => t == typeof(double) || t == typeof(float) || t == typeof(long) || t == typeof(int)
        || t == typeof(short) || t == typeof(byte) || t == typeof(decimal) || t == typeof(sbyte) || t == typeof(ushort) || t == typeof(uint) || t == typeof(ulong);

    static DataColumn Column(DataTable table, string name, string role)
    {
        var column = table.Columns[name];
        if (column == null || column.ColumnName != name)
            throw new ArgumentException($"Column {role}=\"{name}\" is not in the data frame; its columns are: {string.Join(", ", table.Columns.Cast<DataColumn>().Select(c => c.ColumnName))}.", role);
        return column;
    }

    static Listing List(DataTable df, ImageDataGenerator? generator, string? directory, string xCol, IReadOnlyList<string>? yCols,
        bool yIsList, string? weightCol, IReadOnlyList<string>? classes, ClassMode mode, Subset? subset, bool validate, PipelineOptions? pipeline)
    {
        ArgumentNullException.ThrowIfNull(df);
        ArgumentNullException.ThrowIfNull(xCol);
        var log = (pipeline ?? PipelineOptions.Default).Writer;
        double split = SubsetNames.SplitFor(subset, generator);
        string modeName = mode.ToKeras();
        bool usesClasses = mode is ClassMode.Binary or ClassMode.Categorical or ClassMode.Sparse;
        bool usesY = mode is not (ClassMode.Input or ClassMode.None);

        // _check_params, on the unfiltered table.
        if (mode == ClassMode.MultiOutput && !yIsList)
            throw new ArgumentException($"If class_mode=\"multi_output\", y_col must be a list. Received {(yCols == null ? "NoneType" : "str")}.", nameof(yCols));
        var xColumn = Column(df, xCol, "x_col");
        DataColumn[] yColumns = [];
        if (usesY)
        {
            if (yCols == null || yCols.Count == 0) throw new ArgumentException($"class_mode=\"{modeName}\" needs y_col.", nameof(yCols));
            if (usesClasses && yIsList)
                throw new ArgumentException($"class_mode=\"{modeName}\" takes one y_col column, not a list.", nameof(yCols));
            yColumns = yCols.Select(c => Column(df, c, "y_col")).ToArray();
        }
        int n0 = df.Rows.Count;
        for (int r = 0; r < n0; r++)
            if (df.Rows[r][xColumn] is not string)
                throw new ArgumentException($"All values in column x_col={xCol} must be strings." + Offending(r, df.Rows[r][xColumn]), nameof(xCol));
        string yName = yCols is { Count: > 0 } ? yCols[0] : "";
        if (mode is ClassMode.Binary or ClassMode.Sparse)
            for (int r = 0; r < n0; r++)
                if (df.Rows[r][yColumns[0]] is not string)
                    throw new ArgumentException($"If class_mode=\"{modeName}\", y_col=\"{yName}\" column values must be strings." + Offending(r, df.Rows[r][yColumns[0]]), "yCol");
        if (mode == ClassMode.Binary)
        {
            if (classes != null)
            {
                int k = classes.Distinct().Count();
                if (k != 2) throw new ArgumentException($"If class_mode=\"binary\" there must be 2 classes. {k} class/es were given.", nameof(classes));
            }
            else
            {
                int k = df.Rows.Cast<DataRow>().Select(row => (string)row[yColumns[0]]).Distinct(StringComparer.Ordinal).Count();
                if (k != 2) throw new ArgumentException($"If class_mode=\"binary\" there must be 2 classes. Found {k} classes.", "yCol");
            }
        }
        if (mode == ClassMode.Categorical)
            for (int r = 0; r < n0; r++)
            {
                object v = df.Rows[r][yColumns[0]];
                if (v is not string && AsList(v) == null)
                    throw new ArgumentException($"If class_mode=\"categorical\", y_col=\"{yName}\" column values must be type string, list or tuple." + Offending(r, v), "yCol");
            }
        if (classes != null && !usesClasses)
            log.WriteLine($"UserWarning: `classes` will be ignored given the class_mode=\"{modeName}\"");
        DataColumn? weightColumn = null;
        if (weightCol != null)
        {
            weightColumn = Column(df, weightCol, "weight_col");
            if (!IsNumericType(weightColumn.DataType)) throw new ArgumentException($"Column weight_col={weightCol} must be numeric.", nameof(weightCol));
        }
        if (mode is ClassMode.Raw or ClassMode.MultiOutput)
            foreach (var c in yColumns)
                if (!IsNumericType(c.DataType) && c.DataType != typeof(bool) && !df.Rows.Cast<DataRow>().All(row => row[c] is float[] or double[] || IsNumber(row[c])))
                    throw new ArgumentException($"class_mode=\"{modeName}\" needs numeric values (or float[] cells) in y_col=\"{c.ColumnName}\".", nameof(yCols));

        // Filename filtering.
        var rows = Enumerable.Range(0, n0).ToList();
        string dir = directory ?? "";
        if (validate)
        {
            rows = rows.Where(r =>
            {
                string path = Path.Combine(dir, (string)df.Rows[r][xColumn]);
                return WhiteListFormats.IsWhiteListed(path) && FileProbe.Stat(path).Kind == FileKind.Regular; // os.path.isfile: regular files (and links to them) only
            }).ToList();
            int dropped = n0 - rows.Count;
            if (dropped > 0)
                log.WriteLine($"UserWarning: Found {dropped} invalid image filename(s) in x_col=\"{xCol}\". These filename(s) will be ignored.");
        }

        // Class filtering.
        var classIndices = new Dictionary<string, int>();
        var labels = new Dictionary<int, object>(); // row → string or list
        if (usesClasses)
        {
            List<string> classList;
            foreach (int r in rows)
            {
                object v = df.Rows[r][yColumns[0]];
                labels[r] = AsList(v) is { } list ? list : v;
            }
            if (classes != null)
            {
                classList = classes.Distinct().ToList();
                var set = classList.ToHashSet();
                foreach (int r in rows.ToList())
                {
                    object v = labels[r];
                    if (v is IReadOnlyList<string> list)
                    {
                        var kept = list.Where(set.Contains).ToList();
                        if (kept.Count == 0) labels.Remove(r); else labels[r] = kept;
                    }
                    else if (v is string s) { if (!set.Contains(s)) labels.Remove(r); }
                    else throw new ArgumentException($"Expect string, list or tuple but found {PyType(v)} in {yName} column ", "yCol");
                }
            }
            else
            {
                classList = labels.Values.SelectMany(v => v is IReadOnlyList<string> l ? l : [(string)v]).Distinct().Order(StringComparer.Ordinal).ToList();
            }
            rows = rows.Where(labels.ContainsKey).ToList();
            for (int i = 0; i < classList.Count; i++) classIndices[classList[i]] = i;
        }

        // Split by position.
        var (start, end) = SubsetNames.Range(subset, split, rows.Count);
        rows = rows.GetRange(start, end - start);
        int n = rows.Count;

        int[]? classIdx = null;
        int[][]? multi = null;
        if (usesClasses)
        {
            classIdx = new int[n];
            for (int i = 0; i < n; i++)
            {
                if (labels[rows[i]] is IReadOnlyList<string> list)
                {
                    multi ??= new int[n][];
                    multi[i] = list.Select(c => classIndices[c]).ToArray();
                    classIdx[i] = -1;
                }
                else classIdx[i] = classIndices[(string)labels[rows[i]]];
            }
        }
        string[] filenames = rows.Select(r => (string)df.Rows[r][xColumn]).ToArray();
        float[]? weights = weightColumn == null ? null : rows.Select(r => ToFloat(df.Rows[r][weightColumn])).ToArray();
        Tensor? raw = null;
        Tensor[]? outputs = null;
        if (mode == ClassMode.Raw)
        {
            if (yIsList)
            {
                var data = new float[n * yColumns.Length];
                for (int i = 0; i < n; i++)
                    for (int c = 0; c < yColumns.Length; c++) data[i * yColumns.Length + c] = ToFloat(df.Rows[rows[i]][yColumns[c]]);
                raw = new Tensor(data, n, yColumns.Length);
            }
            else raw = ColumnTensor(df, rows, yColumns[0]);
        }
        if (mode == ClassMode.MultiOutput)
            outputs = yColumns.Select(c => ColumnTensor(df, rows, c)).ToArray();

        string validated = validate ? "validated" : "non-validated";
        log.WriteLine(usesClasses
            ? $"Found {n} {validated} image filenames belonging to {classIndices.Count} classes."
            : $"Found {n} {validated} image filenames.");
        var paths = filenames.Select(f => Path.Combine(dir, f)).ToArray();
        return new Listing(filenames, paths, classIdx, multi, classIndices, weights, raw, outputs);
    }

    /// <summary>A scalar NumPy would put in a numeric (or bool) array; bools become 1/0 as NumPy's bool → float cast does.</summary>
    static bool IsNumber(object? v) => v is double or float or long or int or short or byte or decimal or bool || IsNa(v);

    static float ToFloat(object? v) => IsNa(v) ? float.NaN : Convert.ToSingle(v, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>One column as (N,) numbers, or (N, k) when its cells are arrays (as NumPy stacks them).</summary>
    static Tensor ColumnTensor(DataTable df, List<int> rows, DataColumn c)
    {
        int n = rows.Count;
        if (n > 0 && df.Rows[rows[0]][c] is float[] or double[])
        {
            float[][] cells = rows.Select(r => df.Rows[r][c] switch
            {
                float[] f => f,
                double[] d => d.Select(x => (float)x).ToArray(),
                var v => throw new ArgumentException($"Column {c.ColumnName}: mixed array and scalar cells ({PyType(v)})."),
            }).ToArray();
            int k = cells[0].Length;
            if (cells.Any(a => a.Length != k)) throw new ArgumentException($"Column {c.ColumnName}: array cells of different lengths cannot be stacked.");
            return new Tensor(cells.SelectMany(a => a).ToArray(), n, k);
        }
        return new Tensor(rows.Select(r => ToFloat(df.Rows[r][c])).ToArray(), n);
    }
}
