using System.Data;
using AugNet.Augmentation;
using static AugNet.Data.DataFrameCells;

namespace AugNet.Data;

/// <summary>
/// Keras's <c>DataFrameIterator</c> listing (spec §10), one method per step and the steps in Keras's order, so errors
/// and warnings come as Keras's do: check the parameters against the whole table (<c>_check_params</c>), drop rows with
/// an invalid file name, keep the rows of the chosen classes, take the subset, then read each row's labels, weight and
/// targets and print "Found N ...". One instance lists one table; the table is not modified.
/// </summary>
internal sealed class DataFrameListing
{
    readonly DataTable _df;
    readonly DataFrameColumns _names;
    readonly FileIteratorOptions _options;
    readonly TextWriter _log;

    // Looked up by the checks, in Keras's order: a missing weight column is reported only after the label checks.
    DataColumn _xColumn = null!;
    DataColumn[] _yColumns = [];
    DataColumn? _weightColumn;

    DataFrameListing(DataTable df, DataFrameColumns names, FileIteratorOptions options, TextWriter log)
    {
        _df = df;
        _names = names;
        _options = options;
        _log = log;
    }

    ClassMode Mode => _options.ClassMode;
    string ModeName => Mode.ToKeras();
    bool UsesClasses => Mode is ClassMode.Binary or ClassMode.Categorical or ClassMode.Sparse;
    bool UsesY => Mode is not (ClassMode.Input or ClassMode.None);
    string YName => _names.LabelColumns is { Count: > 0 } y ? y[0] : "";
    int RowCount => _df.Rows.Count;

    /// <summary>
    /// Lists <paramref name="df"/>: file names joined to <paramref name="directory"/> (null = the names are paths), with
    /// Keras's checks and, when <paramref name="validateFilenames"/>, missing or non-image files dropped with a warning.
    /// </summary>
    public static FileListing List(DataTable df, ImageDataGenerator? generator, string? directory, DataFrameColumns columns,
        FileIteratorOptions options, bool validateFilenames, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(df);
        double split = SubsetNames.SplitFor(options.Subset, generator);
        var listing = new DataFrameListing(df, columns, options, log);
        listing.CheckParams();
        string dir = directory ?? "";
        var valid = listing.RowsWithValidFilenames(dir, validateFilenames);
        var (rows, labels, classIndices) = listing.SelectClasses(valid);
        var (start, end) = SubsetNames.Range(options.Subset, split, rows.Count);
        rows = rows.GetRange(start, end - start);
        var result = listing.Read(rows, labels, classIndices, dir);
        listing.ReportFound(rows.Count, classIndices.Count, validateFilenames);
        return result;
    }

    /// <summary>Keras's <c>_check_params</c> and the column type checks, on the unfiltered table.</summary>
    void CheckParams()
    {
        ResolveColumns();
        CheckLabelCells();
        if (_options.Classes != null && !UsesClasses)
            _log.WriteLine($"UserWarning: `classes` will be ignored given the class_mode=\"{ModeName}\"");
        ResolveWeightColumn();
        CheckNumericTargets();
    }

    /// <summary>The x_col and y_col columns, which must exist, with the y_col form the class mode needs.</summary>
    void ResolveColumns()
    {
        var yCols = _names.LabelColumns;
        if (Mode == ClassMode.MultiOutput && !_names.LabelsAreList)
            throw new ArgumentException($"If class_mode=\"multi_output\", y_col must be a list. Received {(yCols == null ? "NoneType" : "str")}.", "yCols");
        _xColumn = Column(_names.XCol, "x_col");
        if (!UsesY) return;
        if (yCols == null || yCols.Count == 0) throw new ArgumentException($"class_mode=\"{ModeName}\" needs y_col.", "yCols");
        if (UsesClasses && _names.LabelsAreList)
            throw new ArgumentException($"class_mode=\"{ModeName}\" takes one y_col column, not a list.", "yCols");
        _yColumns = yCols.Select(c => Column(c, "y_col")).ToArray();
    }

    /// <summary>File names must be strings; labels must be strings (or lists for categorical); binary needs two classes.</summary>
    void CheckLabelCells()
    {
        for (int r = 0; r < RowCount; r++)
            if (_df.Rows[r][_xColumn] is not string)
                throw new ArgumentException($"All values in column x_col={_names.XCol} must be strings." + Offending(r, _df.Rows[r][_xColumn]), "xCol");
        if (Mode is ClassMode.Binary or ClassMode.Sparse)
            for (int r = 0; r < RowCount; r++)
                if (_df.Rows[r][_yColumns[0]] is not string)
                    throw new ArgumentException($"If class_mode=\"{ModeName}\", y_col=\"{YName}\" column values must be strings." + Offending(r, _df.Rows[r][_yColumns[0]]), "yCol");
        if (Mode == ClassMode.Binary)
        {
            if (_options.Classes is { } classes)
            {
                int k = classes.Distinct().Count();
                if (k != 2) throw new ArgumentException($"If class_mode=\"binary\" there must be 2 classes. {k} class/es were given.", "classes");
            }
            else
            {
                int k = _df.Rows.Cast<DataRow>().Select(row => (string)row[_yColumns[0]]).Distinct(StringComparer.Ordinal).Count();
                if (k != 2) throw new ArgumentException($"If class_mode=\"binary\" there must be 2 classes. Found {k} classes.", "yCol");
            }
        }
        if (Mode == ClassMode.Categorical)
            for (int r = 0; r < RowCount; r++)
            {
                object v = _df.Rows[r][_yColumns[0]];
                if (v is not string && AsList(v) == null)
                    throw new ArgumentException($"If class_mode=\"categorical\", y_col=\"{YName}\" column values must be type string, list or tuple." + Offending(r, v), "yCol");
            }
    }

    void ResolveWeightColumn()
    {
        if (_names.WeightCol is not { } weightCol) return;
        _weightColumn = Column(weightCol, "weight_col");
        if (!IsNumericType(_weightColumn.DataType)) throw new ArgumentException($"Column weight_col={weightCol} must be numeric.", "weightCol");
    }

    /// <summary>raw and multi_output targets must be numbers (bools count as 1/0) or float arrays.</summary>
    void CheckNumericTargets()
    {
        if (Mode is not (ClassMode.Raw or ClassMode.MultiOutput)) return;
        foreach (var c in _yColumns)
            if (!IsNumericType(c.DataType) && c.DataType != typeof(bool) && !_df.Rows.Cast<DataRow>().All(row => row[c] is float[] or double[] || IsNumber(row[c])))
                throw new ArgumentException($"class_mode=\"{ModeName}\" needs numeric values (or float[] cells) in y_col=\"{c.ColumnName}\".", "yCols");
    }

    DataColumn Column(string name, string role)
    {
        var column = _df.Columns[name];
        if (column == null || column.ColumnName != name)
            throw new ArgumentException($"Column {role}=\"{name}\" is not in the data frame; its columns are: {string.Join(", ", _df.Columns.Cast<DataColumn>().Select(c => c.ColumnName))}.", role);
        return column;
    }

    /// <summary>
    /// Keras's filename filtering: with <paramref name="validate"/>, only rows whose file exists and has a whitelisted
    /// extension are kept, and the number dropped is reported.
    /// </summary>
    List<int> RowsWithValidFilenames(string dir, bool validate)
    {
        var rows = Enumerable.Range(0, RowCount).ToList();
        if (!validate) return rows;
        rows = rows.Where(r =>
        {
            string path = Path.Combine(dir, (string)_df.Rows[r][_xColumn]);
            return WhiteListFormats.IsWhiteListed(path) && FileProbe.Stat(path).Kind == FileKind.Regular; // os.path.isfile: regular files (and links to them) only
        }).ToList();
        int dropped = RowCount - rows.Count;
        if (dropped > 0)
            _log.WriteLine($"UserWarning: Found {dropped} invalid image filename(s) in x_col=\"{_names.XCol}\". These filename(s) will be ignored.");
        return rows;
    }

    /// <summary>
    /// Keras's class filtering, for the class modes that have classes: each row's label (a name, or a list of names).
    /// With classes given, labels outside them are dropped and rows left with none are removed; otherwise the classes
    /// are the labels found, sorted.
    /// </summary>
    (List<int> Rows, Dictionary<int, object> Labels, Dictionary<string, int> ClassIndices) SelectClasses(List<int> rows)
    {
        var labels = new Dictionary<int, object>(); // row → string or list
        var classIndices = new Dictionary<string, int>();
        if (!UsesClasses) return (rows, labels, classIndices);
        foreach (int r in rows)
        {
            object v = _df.Rows[r][_yColumns[0]];
            labels[r] = AsList(v) is { } list ? list : v;
        }
        var classList = _options.Classes is { } classes
            ? KeepGivenClasses(rows, labels, classes)
            : labels.Values.SelectMany(v => v is IReadOnlyList<string> l ? l : [(string)v]).Distinct().Order(StringComparer.Ordinal).ToList();
        for (int i = 0; i < classList.Count; i++) classIndices[classList[i]] = i;
        return (rows.Where(labels.ContainsKey).ToList(), labels, classIndices);
    }

    /// <summary>Removes from <paramref name="labels"/> what is not in <paramref name="classes"/>; returns the classes, deduplicated in the given order.</summary>
    List<string> KeepGivenClasses(List<int> rows, Dictionary<int, object> labels, IReadOnlyList<string> classes)
    {
        var classList = classes.Distinct().ToList();
        var set = classList.ToHashSet();
        foreach (int r in rows)
        {
            object v = labels[r];
            if (v is IReadOnlyList<string> list)
            {
                var kept = list.Where(set.Contains).ToList();
                if (kept.Count == 0) labels.Remove(r); else labels[r] = kept;
            }
            else if (v is string s) { if (!set.Contains(s)) labels.Remove(r); }
            else throw new ArgumentException($"Expect string, list or tuple but found {PyType(v)} in {YName} column ", "yCol");
        }
        return classList;
    }

    /// <summary>What the iterator needs of the final rows: file names and paths, class indices, weights and targets.</summary>
    FileListing Read(List<int> rows, Dictionary<int, object> labels, Dictionary<string, int> classIndices, string dir)
    {
        var (classIdx, multi) = ClassIndicesOf(rows, labels, classIndices);
        string[] filenames = rows.Select(r => (string)_df.Rows[r][_xColumn]).ToArray();
        float[]? weights = _weightColumn == null ? null : rows.Select(r => ToFloat(_df.Rows[r][_weightColumn])).ToArray();
        Tensor? raw = Mode == ClassMode.Raw ? RawTargets(rows) : null;
        Tensor[]? outputs = Mode == ClassMode.MultiOutput ? _yColumns.Select(c => ColumnTensor(_df, rows, c)).ToArray() : null;
        var paths = filenames.Select(f => Path.Combine(dir, f)).ToArray();
        return new FileListing(filenames, paths, classIdx, multi, classIndices, weights, raw, outputs);
    }

    /// <summary>Each row's class index, or -1 and its list of indices for a multi-label row; nulls without classes.</summary>
    (int[]? Classes, int[][]? MultiLabels) ClassIndicesOf(List<int> rows, Dictionary<int, object> labels, Dictionary<string, int> classIndices)
    {
        if (!UsesClasses) return (null, null);
        int n = rows.Count;
        var classIdx = new int[n];
        int[][]? multi = null;
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
        return (classIdx, multi);
    }

    /// <summary>raw targets: the one y_col column as it is, or the listed columns side by side as (N, k).</summary>
    Tensor RawTargets(List<int> rows)
    {
        if (!_names.LabelsAreList) return ColumnTensor(_df, rows, _yColumns[0]);
        int n = rows.Count, k = _yColumns.Length;
        var data = new float[n * k];
        for (int i = 0; i < n; i++)
            for (int c = 0; c < k; c++) data[i * k + c] = ToFloat(_df.Rows[rows[i]][_yColumns[c]]);
        return new Tensor(data, n, k);
    }

    void ReportFound(int n, int classes, bool validated)
    {
        string kind = validated ? "validated" : "non-validated";
        _log.WriteLine(UsesClasses
            ? $"Found {n} {kind} image filenames belonging to {classes} classes."
            : $"Found {n} {kind} image filenames.");
    }
}
