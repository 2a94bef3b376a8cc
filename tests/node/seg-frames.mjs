// The frames of a DICOM SEG read with dcmjs's data API only (PS3.3 C.8.20, A.51), shared by seg-to-labelmap.mjs
// and fractional-seg-values.mjs: the naturalized data set, its Pixel Data as one byte array, and per frame its
// Segment Identification and the nearest of the given source slice positions ([[x,y,z], ...], slice order).
import { readFileSync } from "node:fs";
import dcmjs from "dcmjs";

dcmjs.log.setLevel("error");

export const asArray = (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

export function readSegFrames(segPath, positions) {
  const buffer = readFileSync(segPath);
  const dict = dcmjs.data.DicomMessage.readFile(buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength));
  const seg = dcmjs.data.DicomMetaDictionary.naturalizeDataset(dict.dict);
  const frames = Number(seg.NumberOfFrames);
  const shared = asArray(seg.SharedFunctionalGroupsSequence)[0] ?? {};
  const perFrame = asArray(seg.PerFrameFunctionalGroupsSequence);
  const pixelBuffers = asArray(seg.PixelData).map((b) => new Uint8Array(b));
  const pixels = pixelBuffers.length === 1 ? pixelBuffers[0] : Uint8Array.from(pixelBuffers.flatMap((b) => [...b]));
  if (perFrame.length !== frames) throw new Error(`NumberOfFrames ${frames} but ${perFrame.length} per-frame items`);

  const group = (f, name) => asArray(perFrame[f]?.[name])[0] ?? asArray(shared[name])[0];
  const nearestSlice = (ipp) => {
    let best = -1, bestDistance = Infinity;
    positions.forEach((p, k) => {
      const d = Math.hypot(p[0] - ipp[0], p[1] - ipp[1], p[2] - ipp[2]);
      if (d < bestDistance) { best = k; bestDistance = d; }
    });
    if (bestDistance > 1e-3) throw new Error(`frame at ${ipp} matches no source slice (${bestDistance} mm)`);
    return best;
  };
  return {
    seg,
    rows: seg.Rows,
    columns: seg.Columns,
    frames,
    pixels,
    /** The frame's Referenced Segment Number (BINARY, FRACTIONAL). */
    segmentOf: (f) => Number(group(f, "SegmentIdentificationSequence").ReferencedSegmentNumber),
    /** The index of the source slice the frame lies on. */
    sliceOf: (f) => nearestSlice(asArray(group(f, "PlanePositionSequence").ImagePositionPatient).map(Number)),
  };
}
