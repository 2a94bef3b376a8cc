// node fractional-seg-values.mjs SEG.dcm POSITIONS.json NODE_MODULES — reads a FRACTIONAL SEG with dcmjs's data
// API only (PS3.3 C.8.20.2, A.51): the Segmentation Image attributes, and each frame's stored bytes placed by its
// Segment Identification and Plane Position functional groups on the nearest source slice (POSITIONS.json:
// [[x,y,z], ...] in slice order). dcmjs comes from NODE_MODULES (tests/node/node_modules, pinned).
// Prints {segmentationType, fractionalType, maximumFractionalValue, bits: [allocated, stored, high], frames,
// segments: [{number, label}], values: {segment: base64 of slices × rows × columns bytes, x fastest}} as JSON.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const [segPath, positionsPath, nodeModules] = process.argv.slice(2);
const dcmjs = createRequire(path.join(path.resolve(nodeModules), "noop.js"))("dcmjs");
dcmjs.log.setLevel("error");
const positions = JSON.parse(readFileSync(positionsPath, "utf8"));
const buffer = readFileSync(segPath);
const dict = dcmjs.data.DicomMessage.readFile(buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength));
const seg = dcmjs.data.DicomMetaDictionary.naturalizeDataset(dict.dict);

const asArray = (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const { Rows: rows, Columns: columns } = seg;
const frames = Number(seg.NumberOfFrames);
const shared = asArray(seg.SharedFunctionalGroupsSequence)[0] ?? {};
const perFrame = asArray(seg.PerFrameFunctionalGroupsSequence);
const pixelBuffers = asArray(seg.PixelData).map((b) => new Uint8Array(b));
const pixels = pixelBuffers.length === 1 ? pixelBuffers[0] : Uint8Array.from(pixelBuffers.flatMap((b) => [...b]));
if (perFrame.length !== frames) throw new Error(`NumberOfFrames ${frames} but ${perFrame.length} per-frame items`);
if (pixels.length < frames * rows * columns) throw new Error(`Pixel Data holds ${pixels.length} bytes, ${frames} frames need ${frames * rows * columns}`);

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
const values = {};
for (let f = 0; f < frames; f++) {
  const segment = Number(group(f, "SegmentIdentificationSequence").ReferencedSegmentNumber);
  const ipp = asArray(group(f, "PlanePositionSequence").ImagePositionPatient).map(Number);
  values[segment] ??= new Uint8Array(frameVoxels * positions.length);
  values[segment].set(pixels.subarray(f * frameVoxels, (f + 1) * frameVoxels), nearestSlice(ipp) * frameVoxels);
}
process.stdout.write(JSON.stringify({
  segmentationType: seg.SegmentationType,
  fractionalType: seg.SegmentationFractionalType,
  maximumFractionalValue: Number(seg.MaximumFractionalValue),
  bits: [seg.BitsAllocated, seg.BitsStored, seg.HighBit].map(Number),
  frames,
  segments: asArray(seg.SegmentSequence).map((s) => ({ number: Number(s.SegmentNumber), label: s.SegmentLabel })),
  values: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, Buffer.from(v).toString("base64")])),
}));
