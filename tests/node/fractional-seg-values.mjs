// node fractional-seg-values.mjs SEG.dcm POSITIONS.json — reads a FRACTIONAL SEG with dcmjs's data API only
// (PS3.3 C.8.20.2, A.51): the Segmentation Image attributes, and each frame's stored bytes placed by its Segment
// Identification and Plane Position functional groups on the nearest source slice (POSITIONS.json: [[x,y,z], ...]
// in slice order). Prints {segmentationType, fractionalType, maximumFractionalValue, bits: [allocated, stored,
// high], frames, segments: [{number, label}], values: {segment: base64 of slices × rows × columns bytes, x fastest}}.
import { readFileSync } from "node:fs";
import { asArray, readSegFrames } from "./seg-frames.mjs";

const [segPath, positionsPath] = process.argv.slice(2);
const positions = JSON.parse(readFileSync(positionsPath, "utf8"));
const { seg, rows, columns, frames, pixels, segmentOf, sliceOf } = readSegFrames(segPath, positions);
const frameVoxels = rows * columns;
if (pixels.length < frames * frameVoxels) throw new Error(`Pixel Data holds ${pixels.length} bytes, ${frames} frames need ${frames * frameVoxels}`);

const values = {};
for (let f = 0; f < frames; f++) {
  const segment = segmentOf(f);
  values[segment] ??= new Uint8Array(frameVoxels * positions.length);
  values[segment].set(pixels.subarray(f * frameVoxels, (f + 1) * frameVoxels), sliceOf(f) * frameVoxels);
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
