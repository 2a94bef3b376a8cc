// The pinned OHIF build in front of the demo's Orthanc (tests/node/ohif-server.mjs: static dist/ plus a same-origin
// DICOMweb proxy that adds Orthanc's credentials), until SIGTERM. Prints its origin as the first line of stdout.
// Usage: node demo/ohif.mjs OHIF_DIST ORTHANC_URL USER PASSWORD_FILE   (the password is read from a file, never argv)
import { readFileSync } from "node:fs";
import { startOhifServer } from "../tests/node/ohif-server.mjs";

const [dist, orthanc, user, passwordFile] = process.argv.slice(2);
if (!passwordFile) {
  console.error("usage: node demo/ohif.mjs OHIF_DIST ORTHANC_URL USER PASSWORD_FILE");
  process.exit(2);
}
const server = await startOhifServer({ dist, orthanc, user, password: readFileSync(passwordFile, "utf8").trim() });
console.log(server.origin);
process.on("SIGTERM", async () => { await server.close(); process.exit(0); });
