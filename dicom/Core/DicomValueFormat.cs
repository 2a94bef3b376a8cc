using System.Globalization;

namespace Mosmos.Dicom;

/// <summary>Formatting of numeric strings (PS3.5 Table 6.2-1): invariant culture, DS ≤ 16 and IS ≤ 12 characters.</summary>
public static class DicomValueFormat
{
    public static string FormatDecimalString(double value)
    {
        if (!double.IsFinite(value))
            throw new ArgumentOutOfRangeException(nameof(value), value, "DS cannot hold NaN or infinity");
        if (value == 0) return "0";
        // Round-trip form first; shorten the precision until it fits the 16-byte limit.
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        for (int precision = 15; text.Length > 16 && precision > 0; precision--)
            text = value.ToString("G" + precision.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        if (text.Length > 16)
            throw new ArgumentOutOfRangeException(nameof(value), value, "value does not fit a DS");
        return text;
    }

    public static string FormatIntegerString(long value)
    {
        if (value is < -(1L << 31) or > (1L << 31) - 1)
            throw new ArgumentOutOfRangeException(nameof(value), value, "IS holds −2³¹ … 2³¹−1");
        return value.ToString(CultureInfo.InvariantCulture);
    }
}
