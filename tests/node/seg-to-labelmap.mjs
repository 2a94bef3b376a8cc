// node seg-to-labelmap.mjs SEG.dcm POSITIONS.json — decodes a DICOM SEG with dcmjs's data API only (PS3.3
// C.8.20, A.51): each frame's Segment Identification and Plane Position functional groups place it; the frame is
// matched to the nearest source slice position (POSITIONS.json: [[x,y,z], ...] in label-map slice order).
// Prints {columns, rows, slices, labels (base64, x fastest), counts {segment: voxels}} as JSON.
import { readFileSync } from "node:fs";
import { readSegFrames } from "./seg-frames.mjs";

const [segPath, positionsPath] = process.argv.slice(2);
const positions = JSON.parse(readFileSync(positionsPath, "utf8"));
const { seg, rows, columns, frames, pixels, segmentOf, sliceOf } = readSegFrames(segPath, positions);
const bits = seg.BitsAllocated;

const frameVoxels = rows * columns;
const labels = new Uint8Array(frameVoxels * positions.length);
const counts = {};
for (let f = 0; f < frames; f++) {
  // LABELMAP frames carry segment numbers as pixel values and need no Segment Identification (PS3.3 C.8.20.2)
  const segment = bits === 1 ? segmentOf(f) : 0;
  const offset = sliceOf(f) * frameVoxels;
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
