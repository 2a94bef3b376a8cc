// Times dcmjs over a list of files inside one node process (start-up excluded).
// usage: node dcmjs_read.js MODE LIST_FILE RUNS NODE_MODULES
// MODE: header  DicomMessage.readFile(buffer, { untilTag: "7FE00010", includeUntilTagValue: false })
//       full    DicomMessage.readFile(buffer) and the Pixel Data ArrayBuffer
// dcmjs parses an in-memory ArrayBuffer only, so each file is read whole with fs.readFileSync in both modes.
// Prints one JSON object: the dcmjs version and the seconds of each timed pass (after one warm-up pass).
"use strict";
const fs = require("fs");
const path = require("path");

const [mode, listFile, runsText, nodeModules] = process.argv.slice(2);
const dcmjs = require(path.join(nodeModules, "dcmjs"));
const version = require(path.join(nodeModules, "dcmjs", "package.json")).version;
dcmjs.log.setLevel("error");
const files = fs.readFileSync(listFile, "utf8").split("\n").filter((l) => l.trim().length > 0);
const options = mode === "header"
  ? { untilTag: "7FE00010", includeUntilTagValue: false, ignoreErrors: false }
  : { ignoreErrors: false };

function onePass() {
  let total = 0;
  for (const file of files) {
    const bytes = fs.readFileSync(file);
    // Files of this size get their own ArrayBuffer, so no copy is needed to hand it to dcmjs.
    const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
    const buffer = whole ? bytes.buffer : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    const dict = dcmjs.data.DicomMessage.readFile(buffer, options);
    if (mode === "header") total += Object.keys(dict.dict).length;
    else total += dict.dict["7FE00010"].Value[0].byteLength;
  }
  return total;
}

onePass();
const seconds = [];
for (let i = 0; i < Number(runsText); i++) {
  const start = process.hrtime.bigint();
  onePass();
  seconds.push(Number(process.hrtime.bigint() - start) / 1e9);
}
console.log(JSON.stringify({ version, seconds }));
