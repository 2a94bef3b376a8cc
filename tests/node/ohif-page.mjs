// Steps on an OHIF 3.12 viewer page (see ohif-viewer.mjs). The SEG is loaded through the user interface; OHIF's
// window.services (services manager) and window.cornerstone (Cornerstone3D) are used only to find the viewport,
// move to a slice, project patient positions onto the screen and hide the segmentation for the reference picture.
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Clicks the first element whose own text is exactly `text`; `count` 2 double-clicks. False when there is none.
async function clickText(page, text, count = 1) {
  const [element] = await page.$$(`xpath/.//*[normalize-space(text())='${text}']`);
  if (!element) return false;
  const box = await element.boundingBox();
  if (!box) return false;
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2, { clickCount: count });
  return true;
}

async function waitFor(page, what, fn, timeout, ...args) {
  try {
    await page.waitForFunction(fn, { timeout, polling: 250 }, ...args);
  } catch (e) {
    throw new Error(`OHIF: ${what} did not happen within ${timeout / 1000} s (${e.message.split("\n")[0]})`);
  }
}

/**
 * Waits for the study's series (CT and SEG) to be listed, dismisses the first-run tour, double-clicks the SEG
 * thumbnail and clicks LOAD (a div, not a button) in the SEG preview, then waits until a viewport shows the
 * segmentation. Returns { viewportId, viewportType, segments: [{ index, label, color: [r,g,b,a] }] }.
 */
export async function loadSegmentation(page, timeout) {
  await waitFor(page, "listing the CT and SEG series", () => {
    const ds = window.services?.displaySetService?.getActiveDisplaySets() ?? [];
    return ds.some((d) => d.Modality === "SEG") && ds.some((d) => d.Modality === "CT");
  }, timeout);
  await waitFor(page, "the CT image rendering", () => [...document.querySelectorAll("canvas")].some((c) => c.width > 64), timeout);
  // The tour appears shortly after the first render; it would cover the thumbnails.
  for (let i = 0; i < 20 && !(await clickText(page, "Skip all")); i++) await sleep(250);
  if (!(await clickText(page, "SEG", 2))) throw new Error("OHIF: no series thumbnail labelled SEG");
  // The SEG opens as a preview (the viewport holds the SEG display set, drawn over its CT); LOAD (a div in the
  // viewport's header) hydrates it: the viewport then holds the CT, with the SEG as its segmentation. The header
  // re-renders while the SEG loads, so a click may miss: try again.
  const hydrated = () => {
    const { segmentationService, viewportGridService, displaySetService } = window.services;
    const sets = displaySetService.getActiveDisplaySets();
    const seg = sets.find((d) => d.Modality === "SEG"), ct = sets.find((d) => d.Modality === "CT");
    return [...viewportGridService.getState().viewports.entries()].some(([id, v]) =>
      v.displaySetInstanceUIDs.includes(ct.displaySetInstanceUID) && !v.displaySetInstanceUIDs.includes(seg.displaySetInstanceUID)
      && segmentationService.getSegmentationRepresentations(id).some((r) => r.segmentationId === seg.displaySetInstanceUID));
  };
  const deadline = Date.now() + timeout;
  let clicked = 0;
  while (!(await page.evaluate(hydrated))) {
    if (Date.now() > deadline) throw new Error(`OHIF: the SEG was not loaded within ${timeout / 1000} s of opening it`);
    if (Date.now() - clicked > 10000) {
      const [load] = await page.$$(`xpath/.//div[translate(normalize-space(.),'load','LOAD')='LOAD' and not(*)]`);
      const box = load && (await load.boundingBox().catch(() => null));
      if (box) {
        await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
        clicked = Date.now();
      }
    }
    await sleep(250);
  }
  return page.evaluate(() => {
    const { segmentationService, viewportGridService, cornerstoneViewportService } = window.services;
    const ids = [...viewportGridService.getState().viewports.keys()];
    const viewportId = ids.find((id) => segmentationService.getSegmentationRepresentations(id).length > 0);
    const [representation] = segmentationService.getSegmentationRepresentations(viewportId);
    const segmentation = segmentationService.getSegmentation(representation.segmentationId);
    const segments = Object.values(segmentation.segments).filter(Boolean).map((s) => ({
      index: s.segmentIndex,
      label: s.label,
      color: [...segmentationService.getSegmentColor(viewportId, representation.segmentationId, s.segmentIndex)],
    }));
    return { viewportId, viewportType: cornerstoneViewportService.getCornerstoneViewport(viewportId).type, segments };
  });
}

/**
 * Shows the slice through `position` (patient mm): a stack viewport moves to the image whose ImagePositionPatient
 * is nearest, a volume viewport moves its camera along the view normal. Returns { imageIndex, sliceDistance }.
 */
export async function showSlice(page, viewportId, position, timeout) {
  const shown = await page.evaluate(async (viewportId, target) => {
    const viewport = window.services.cornerstoneViewportService.getCornerstoneViewport(viewportId);
    const dot = (a, b) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    if (viewport.type === "stack") {
      const distances = viewport.getImageIds().map((imageId) => {
        const p = window.cornerstone.metaData.get("imagePlaneModule", imageId).imagePositionPatient;
        return Math.hypot(p[0] - target[0], p[1] - target[1], p[2] - target[2]);
      });
      const imageIndex = distances.indexOf(Math.min(...distances));
      await viewport.setImageIdIndex(imageIndex);
      return { imageIndex, sliceDistance: distances[imageIndex] };
    }
    const camera = viewport.getCamera();
    const n = camera.viewPlaneNormal;
    const d = dot(target, n) - dot(camera.focalPoint, n);
    const move = (p) => [p[0] + d * n[0], p[1] + d * n[1], p[2] + d * n[2]];
    viewport.setCamera({ focalPoint: move(camera.focalPoint), position: move(camera.position) });
    viewport.render();
    return { imageIndex: viewport.getSliceIndex?.() ?? -1, sliceDistance: 0 };
  }, viewportId, position);
  // the labelmap is drawn in a later frame than the image: let both settle
  await waitFor(page, "two rendered frames", () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(true)))), timeout);
  await sleep(1500);
  return shown;
}

/** Page coordinates (CSS px, viewport scale 1) of patient positions on the viewport's canvas. */
export function project(page, viewportId, worlds) {
  return page.evaluate((viewportId, worlds) => {
    const viewport = window.services.cornerstoneViewportService.getCornerstoneViewport(viewportId);
    const box = viewport.canvas.getBoundingClientRect();
    return worlds.map((w) => {
      const [x, y] = viewport.worldToCanvas(w);
      return [box.left + x, box.top + y];
    });
  }, viewportId, worlds);
}

/** Shows or hides every segment of the viewport's segmentation, then lets it render. */
export async function setSegmentationVisible(page, viewportId, visible, timeout) {
  await page.evaluate((viewportId, visible) => {
    const { segmentationService } = window.services;
    for (const r of segmentationService.getSegmentationRepresentations(viewportId)) {
      if (r.visible !== visible) segmentationService.toggleSegmentationRepresentationVisibility(viewportId, r);
    }
  }, viewportId, visible);
  await waitFor(page, `the segmentation ${visible ? "shown" : "hidden"}`, (viewportId, visible) =>
    window.services.segmentationService.getSegmentationRepresentations(viewportId).every((r) => r.visible === visible),
  timeout, viewportId, visible);
  await sleep(1500);
}

/**
 * The mean RGB of the 3×3 pixels around each point of a PNG screenshot; the browser decodes the PNG (no colour
 * management: screenshots carry no colour profile).
 */
export function samplePng(page, png, points) {
  return page.evaluate(async (base64, points) => {
    const image = new Image();
    image.src = `data:image/png;base64,${base64}`;
    await image.decode();
    const canvas = new OffscreenCanvas(image.width, image.height);
    const context = canvas.getContext("2d", { willReadFrequently: true });
    context.drawImage(image, 0, 0);
    return points.map(([x, y]) => {
      const data = context.getImageData(Math.round(x) - 1, Math.round(y) - 1, 3, 3).data;
      const sum = [0, 0, 0];
      for (let i = 0; i < 9; i++) for (let c = 0; c < 3; c++) sum[c] += data[i * 4 + c];
      return sum.map((s) => Math.round(s / 9));
    });
  }, png.toString("base64"), points);
}
