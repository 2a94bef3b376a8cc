// node seg-to-labelmap.mjs SEG.dcm POSITIONS.json — decodes a DICOM SEG with dcmjs's data API only (PS3.3
// C.8.20, A.51): each frame's Segment Identification and Plane Position functional groups place it; the frame is
// matched to the nearest source slice position (POSITIONS.json: [[x,y,z], ...] in label-map slice order).
// Prints {columns, rows, slices, labels (base64, x fastest), counts {segment: voxels}} as JSON.
import { readFileSync } from "node:fs";
import dcmjs from "dcmjs";

const [segPath, positionsPath] = process.argv.slice(2);
const positions = JSON.parse(readFileSync(positionsPath, "utf8"));
const buffer = readFileSync(segPath);
const dict = dcmjs.data.DicomMessage.readFile(buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength));
const seg = dcmjs.data.DicomMetaDictionary.naturalizeDataset(dict.dict);

const asArray = (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const { Rows: rows, Columns: columns, BitsAllocated: bits } = seg;
const frames = Number(seg.NumberOfFrames);
const shared = asArray(seg.SharedFunctionalGroupsSequence)[0] ?? {};
const perFrame = asArray(seg.PerFrameFunctionalGroupsSequence);
const pixelBuffers = asArray(seg.PixelData).map((b) => new Uint8Array(b));
const pixels = pixelBuffers.length === 1 ? pixelBuffers[0] : Uint8Array.from(pixelBuffers.flatMap((b) => [...b]));

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

const frameVoxels = rows * columns;
const labels = new Uint8Array(frameVoxels * positions.length);
const counts = {};
for (let f = 0; f < frames; f++) {
  // LABELMAP frames carry segment numbers as pixel values and need no Segment Identification (PS3.3 C.8.20.2)
  const segment = bits === 1 ? Number(group(f, "SegmentIdentificationSequence").ReferencedSegmentNumber) : 0;
  const ipp = asArray(group(f, "PlanePositionSequence").ImagePositionPatient).map(Number);
  const offset = nearestSlice(ipp) * frameVoxels;
  for (let i = 0; i < frameVoxels; i++) {
    const bit = f * frameVoxels + i; // BINARY frames are packed back to back, LSB first (PS3.5 8.1.1)
    const set = bits === 1 ? (pixels[bit >> 3] >> (bit & 7)) & 1 : pixels[bit];
    if (!set) continue;
    const value = bits === 1 ? segment : set;
    if (labels[offset + i] !== 0 && labels[offset + i] !== value) throw new Error(`overlap at voxel ${offset + i}`);
    labels[offset + i] = value;
    counts[value] = (counts[value] ?? 0) + 1;
  }
}
process.stdout.write(JSON.stringify({ columns, rows, slices: positions.length, labels: Buffer.from(labels).toString("base64"), counts }));
