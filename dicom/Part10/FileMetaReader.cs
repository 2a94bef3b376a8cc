namespace Mosmos.Dicom;

/// <summary>Preamble, "DICM" and the File Meta Information group (PS3.10 §7.1), and transfer-syntax recovery.</summary>
internal static class FileMetaReader
{
    private const int PreambleLength = 128;

    public static DicomDataset Read(ByteSource source, DicomReadOptions options, out TransferSyntax syntax)
    {
        if (source.TryEnsure(PreambleLength + 4) && source.Peek(PreambleLength + 4)[PreambleLength..].SequenceEqual("DICM"u8))
            source.Advance(PreambleLength + 4);
        else if (source.TryEnsure(4) && source.Peek(4).SequenceEqual("DICM"u8))
            source.Advance(4);  // seen in the wild: prefix without the preamble

        var meta = new DicomDataset();
        if (source.TryEnsure(6) && IsMetaGroupStart(source.Peek(6)))
        {
            // Group 0002 is always Explicit VR Little Endian (PS3.10 §7.1); read while the group lasts.
            var reader = new DicomReader(source, TransferSyntax.ExplicitVRLittleEndian, options);
            reader.ReadMetaGroup(meta);
        }
        var uid = meta.GetString(DicomTags.TransferSyntaxUid);
        syntax = string.IsNullOrEmpty(uid) ? Guess(source) : TransferSyntax.FromUid(uid);
        return meta;
    }

    private static bool IsMetaGroupStart(ReadOnlySpan<byte> b) =>
        b[0] == 0x02 && b[1] == 0x00 && char.IsAsciiLetterUpper((char)b[4]) && char.IsAsciiLetterUpper((char)b[5]);

    /// <summary>No meta information: recognise the encoding from the first element header.</summary>
    private static TransferSyntax Guess(ByteSource source)
    {
        if (!source.TryEnsure(6))
            ThrowHelper.Format("not a DICOM file: too short and no meta information", source.Position);
        var b = source.Peek(6);
        bool explicitVR = DicomVR.TryFromBytes(b[4], b[5], out _);
        // Little-endian group numbers of a data set start low (0008, 0010 ...); a big-endian group shows as 0x0800.
        bool bigEndian = b[0] == 0x00 && b[1] != 0x00;
        if (bigEndian && explicitVR) return TransferSyntax.ExplicitVRBigEndian;
        if (bigEndian) ThrowHelper.Format("not a DICOM file: unrecognised encoding", source.Position);
        if (b[1] != 0x00 || b[0] > 0x7F)
            ThrowHelper.Format("not a DICOM file: no preamble, no meta information, no recognisable data set", source.Position);
        return explicitVR ? TransferSyntax.ExplicitVRLittleEndian : TransferSyntax.ImplicitVRLittleEndian;
    }
}
