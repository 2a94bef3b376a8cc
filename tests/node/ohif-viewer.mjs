// node ohif-viewer.mjs REQUEST.json — opens studies in the real OHIF viewer (ohif-server.mjs in front of Orthanc)
// in Debian's headless Chromium through puppeteer-core, loads each study's SEG the way a user does (double-click
// the SEG thumbnail, then LOAD), shows a given slice, and reads back what the screen shows at given patient
// positions, with the segmentation visible and hidden. It judges nothing: the caller compares the colours.
//
// REQUEST.json: { dist, orthanc, chrome?, timeoutSeconds?, cases: [{ name, studyInstanceUid, slicePosition: [x,y,z],
//   points: [{ name, world: [x,y,z] }], screenshot, screenshotHidden }] }
// Orthanc's credentials come from MOSMOS_ORTHANC_USER / MOSMOS_ORTHANC_PASSWORD and stay in the proxy.
// Prints one JSON object: { origin, cases: [{ name, viewportId, viewportType, imageIndex, segments: [{ index, label,
//   color }], samples: [{ name, page: [x,y], shown: [r,g,b], hidden: [r,g,b] }] }], pageErrors, proxyFailures }.
import { readFileSync } from "node:fs";
import puppeteer from "puppeteer-core";
import { startOhifServer } from "./ohif-server.mjs";
import { loadSegmentation, showSlice, project, setSegmentationVisible, samplePng } from "./ohif-page.mjs";

const request = JSON.parse(readFileSync(process.argv[2], "utf8"));
const user = process.env.MOSMOS_ORTHANC_USER, password = process.env.MOSMOS_ORTHANC_PASSWORD;
if (!user || !password) throw new Error("MOSMOS_ORTHANC_USER and MOSMOS_ORTHANC_PASSWORD must be set");
const timeout = (request.timeoutSeconds ?? 60) * 1000;

const server = await startOhifServer({ dist: request.dist, orthanc: request.orthanc, user, password });
const browser = await puppeteer.launch({
  executablePath: request.chrome ?? "/usr/bin/chromium-headless-shell",
  args: [
    // root in a container: no sandbox; a small /dev/shm: use /tmp
    "--no-sandbox", "--disable-dev-shm-usage",
    // software WebGL (SwiftShader): without these Chromium may refuse WebGL and OHIF renders nothing
    "--use-angle=swiftshader", "--enable-unsafe-swiftshader", "--ignore-gpu-blocklist",
    // no background traffic: the test stays on loopback
    "--disable-background-networking", "--disable-component-update", "--disable-default-apps", "--disable-sync",
    "--disable-domain-reliability", "--metrics-recording-only", "--no-first-run", "--no-pings", "--disable-breakpad",
    "--window-size=1400,900",
  ],
});
const result = { origin: server.origin, cases: [], pageErrors: [], proxyFailures: server.stats.failures };
try {
  for (const c of request.cases) {
    const page = await browser.newPage();
    await page.setViewport({ width: 1400, height: 900, deviceScaleFactor: 1 });
    page.on("pageerror", (e) => result.pageErrors.push(`${c.name}: ${e.message}`));
    page.on("console", (m) => { if (m.type() === "error") result.pageErrors.push(`${c.name}: ${m.text()}`); });
    await page.goto(`${server.origin}/viewer?StudyInstanceUIDs=${encodeURIComponent(c.studyInstanceUid)}`, { waitUntil: "load", timeout });
    const t0 = Date.now(), timings = {};
    let loaded, shown;
    try {
      loaded = await loadSegmentation(page, timeout);
      timings.loadSeconds = (Date.now() - t0) / 1000;
      shown = await showSlice(page, loaded.viewportId, c.slicePosition, timeout);
    } catch (e) {
      await page.screenshot({ path: c.screenshot }).catch(() => {});  // what the viewer showed when it failed
      throw new Error(`${c.name}: ${e.message} (screen: ${c.screenshot}; page errors: ${result.pageErrors.slice(0, 5).join(" | ")})`);
    }
    const points = await project(page, loaded.viewportId, c.points.map((p) => p.world));
    await page.screenshot({ path: c.screenshot });
    await setSegmentationVisible(page, loaded.viewportId, false, timeout);
    await page.screenshot({ path: c.screenshotHidden });
    const shownRgb = await samplePng(page, readFileSync(c.screenshot), points);
    const hiddenRgb = await samplePng(page, readFileSync(c.screenshotHidden), points);
    timings.totalSeconds = (Date.now() - t0) / 1000;
    result.cases.push({
      name: c.name,
      ...loaded,
      ...shown,
      timings,
      samples: c.points.map((p, i) => ({ name: p.name, page: points[i], shown: shownRgb[i], hidden: hiddenRgb[i] })),
    });
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}
process.stdout.write(JSON.stringify(result));
