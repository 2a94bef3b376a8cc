// Times dcmjs encoding the benchmark's label map into a BINARY SEG and decoding it again, in one node process
// (start-up excluded). usage: node dcmjs_seg.mjs DATA_FOLDER RUNS NODE_MODULES
// DATA_FOLDER (written by SegBenchData.cs): slices.txt (CT Part 10 files in label-map order), labels.u8 (the label
// map, x fastest), segments.json (label value → Segment Sequence item).
// Timed, each after one warm-up pass:
//   generate  adapters.Cornerstone.Segmentation.generateSegmentation(images, labelmap3D, { rleEncode: false }) and the
//             Blob's bytes: dcmjs's label-map entry point; it parses the 300 CT Part 10 buffers it is given
//   fill      fillSegmentation(segmentation, labelmap3D, { rleEncode: false }) and the Blob's bytes, on a derived
//             Segmentation prepared from the CT data sets outside the timing (what generate does first)
//   decode    adapters.Cornerstone.Segmentation.generateToolState(imageIds, bytes, metadataProvider): the SEG back
//             onto the source grid as a 16-bit label map (the path OHIF's Cornerstone tools take)
// Not timed: reading the files, building dcmjs's Labelmap3D input (per-slice Uint16 label maps with the segments on
// each), the metadata provider; the round trip is checked voxel for voxel once.
// Prints one JSON object: { version, frames, bytes, roundTrip, generate, fill, decode }, each timing { wall: [s…],
// cpu: [s…] } (process CPU time, all threads).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const [folder, runsText, nodeModules] = process.argv.slice(2);
const require = createRequire(path.join(path.resolve(nodeModules), "noop.js"));
const dcmjs = require("dcmjs");
const version = JSON.parse(readFileSync(path.join(path.resolve(nodeModules), "dcmjs", "package.json"), "utf8")).version;
dcmjs.log.setLevel("error");
const { DicomMessage, DicomMetaDictionary } = dcmjs.data;
const Cornerstone = dcmjs.adapters.Cornerstone.Segmentation;

const listed = readFileSync(path.join(folder, "slices.txt"), "utf8").split("\n").filter((l) => l.trim().length > 0);
const labels = new Uint8Array(readFileSync(path.join(folder, "labels.u8")));
const segments = JSON.parse(readFileSync(path.join(folder, "segments.json"), "utf8"));
const toArrayBuffer = (b) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
const parse = (b) => {
  const dict = DicomMessage.readFile(b);
  const ds = DicomMetaDictionary.naturalizeDataset(dict.dict);
  ds._meta = DicomMetaDictionary.namifyDataset(dict.meta);
  return ds;
};
const listedBuffers = listed.map((f) => toArrayBuffer(readFileSync(f)));
const listedDatasets = listedBuffers.map(parse);
// dcmjs's derived SEG numbers its frames in the order its ImageNormalizer sorts the source (descending along the
// row × column normal) and takes Labelmap3D slice k as that frame k: give it images, data sets and label slices in
// that order. order[k] = the label-map slice (line of slices.txt) that is dcmjs's slice k.
const normal = (() => {
  const [r0, r1, r2, c0, c1, c2] = listedDatasets[0].ImageOrientationPatient.map(Number);
  return [r1 * c2 - r2 * c1, r2 * c0 - r0 * c2, r0 * c1 - r1 * c0];
})();
const along = (ds) => ds.ImagePositionPatient.map(Number).reduce((sum, v, i) => sum + v * normal[i], 0);
const order = listed.map((_, k) => k).sort((a, b) => along(listedDatasets[b]) - along(listedDatasets[a]));
const slices = order.map((k) => listed[k]);
const buffers = order.map((k) => listedBuffers[k]);
const datasets = order.map((k) => listedDatasets[k]);
const imageIds = slices.map((_, k) => `mosmos:${k}`);
const images = buffers.map((buffer, k) => ({ imageId: imageIds[k], data: { byteArray: { buffer } } }));
const { Rows: rows, Columns: columns } = datasets[0];
const plane = rows * columns;

// dcmjs's input: a Labelmap3D whose metadata index is the label value (cornerstoneTools 4 brush data).
function labelmap3D() {
  const labelmaps2D = slices.map((_, k) => {
    const pixelData = Uint16Array.from(labels.subarray(order[k] * plane, (order[k] + 1) * plane));
    const on = new Set([0]);
    for (const v of pixelData) on.add(v);
    return { pixelData, segmentsOnLabelmap: [...on].sort((a, b) => a - b) };
  });
  const metadata = [];
  for (const s of segments) metadata[s.labelValue] = { ...s.segment };
  return { labelmaps2D, metadata };
}

const provider = {
  get(type, imageId) {
    const ds = datasets[Number(imageId.slice("mosmos:".length))];
    const iop = ds.ImageOrientationPatient.map(Number);
    switch (type) {
      case "imagePlaneModule": return { rowCosines: iop.slice(0, 3), columnCosines: iop.slice(3), rows: ds.Rows, columns: ds.Columns,
        imagePositionPatient: ds.ImagePositionPatient.map(Number), frameOfReferenceUID: ds.FrameOfReferenceUID };
      case "generalSeriesModule": return { seriesInstanceUID: ds.SeriesInstanceUID };
      case "sopCommonModule": return { sopInstanceUID: ds.SOPInstanceUID, sopClassUID: ds.SOPClassUID };
      case "imagePixelModule": return { rows: ds.Rows, columns: ds.Columns };
      case "instance": return ds;
      default: return undefined;
    }
  },
};

const options = { rleEncode: false, includeSliceSpacing: true };
const input = labelmap3D();
const generate = async () => new Uint8Array(await Cornerstone.generateSegmentation(images, input, options).arrayBuffer());
const prepared = () => new dcmjs.derivations.Segmentation([dcmjs.normalizers.Normalizer.normalizeToDataset(datasets)], options);
const fill = async (segmentation) => new Uint8Array(await Cornerstone.fillSegmentation(segmentation, input, options).arrayBuffer());
const decode = (bytes) => Cornerstone.generateToolState(imageIds, toArrayBuffer(bytes), provider);

async function time(runs, setup, pass) {
  await pass(await setup());
  const wall = [], cpu = [];
  for (let i = 0; i < runs; i++) {
    const arg = await setup();
    const cpu0 = process.cpuUsage();
    const start = process.hrtime.bigint();
    await pass(arg);
    wall.push(Number(process.hrtime.bigint() - start) / 1e9);
    const used = process.cpuUsage(cpu0);
    cpu.push((used.user + used.system) / 1e6);
  }
  return { wall, cpu };
}

const runs = Number(runsText);
const bytes = await generate();
// round trip: segment number n decodes to the n-th described label value
const state = decode(bytes);
const decoded = new Uint16Array(state.labelmapBufferArray[0]);
const lut = [0, ...segments.map((s) => s.labelValue)];
let roundTrip = decoded.length === labels.length;
for (let k = 0; roundTrip && k < slices.length; k++) {
  for (let i = 0; roundTrip && i < plane; i++) roundTrip = lut[decoded[k * plane + i]] === labels[order[k] * plane + i];
}
const frames = DicomMetaDictionary.naturalizeDataset(DicomMessage.readFile(toArrayBuffer(bytes)).dict).NumberOfFrames;

const result = { version, frames, bytes: bytes.length, roundTrip };
result.generate = await time(runs, async () => null, generate);
result.fill = await time(runs, async () => prepared(), fill);
result.decode = await time(runs, async () => bytes, async (b) => decode(b));
console.log(JSON.stringify(result));
