// The OHIF viewer's prebuilt dist/ (npm @ohif/app, fetched by scripts/test-setup.sh) served on 127.0.0.1 on a port
// the system picks, with a same-origin proxy of /dicom-web and /wado to Orthanc (Orthanc 1.10 has no CORS option).
// The proxy adds Orthanc's basic-auth credentials, so they never reach the page. It passes the browser's Host on:
// Orthanc builds absolute BulkDataURIs from it, which then point back at this server.
import { createReadStream, statSync } from "node:fs";
import http from "node:http";
import path from "node:path";

const CONTENT_TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8", ".json": "application/json", ".wasm": "application/wasm", ".svg": "image/svg+xml",
  ".png": "image/png", ".ico": "image/x-icon", ".woff": "font/woff", ".woff2": "font/woff2", ".ttf": "font/ttf",
  ".map": "application/json", ".txt": "text/plain; charset=utf-8", ".webmanifest": "application/manifest+json",
};

// OHIF reads window.config from app-config.js; ours names one DICOMweb data source: this server's own origin.
function appConfig(origin) {
  const config = {
    routerBasename: "/",
    extensions: [],
    modes: [],
    showStudyList: true,
    maxNumberOfWebWorkers: 2,
    showWarningMessageForCrossOrigin: false,
    showCPUFallbackMessage: false,
    investigationalUseDialog: { option: "never" },
    defaultDataSourceName: "orthanc",
    dataSources: [{
      namespace: "@ohif/extension-default.dataSourcesModule.dicomweb",
      sourceName: "orthanc",
      configuration: {
        friendlyName: "MOSMOS test Orthanc",
        name: "orthanc",
        wadoUriRoot: `${origin}/wado`,
        qidoRoot: `${origin}/dicom-web`,
        wadoRoot: `${origin}/dicom-web`,
        qidoSupportsIncludeField: false,
        imageRendering: "wadors",
        thumbnailRendering: "wadors",
        enableStudyLazyLoad: true,
        supportsFuzzyMatching: false,
        supportsWildcard: true,
        omitQuotationForMultipartRequest: true,
        bulkDataURI: { enabled: true },
      },
    }],
  };
  return `window.config = ${JSON.stringify(config, null, 2)};\n`;
}

/**
 * Starts the server. dist: the OHIF dist/ folder; orthanc: Orthanc's HTTP root (http://127.0.0.1:PORT);
 * user/password: Orthanc's credentials. Resolves to { origin, stats: { requests, failures }, close() }.
 */
export async function startOhifServer({ dist, orthanc, user, password }) {
  const root = path.resolve(dist);
  const upstream = new URL(orthanc);
  const authorization = "Basic " + Buffer.from(`${user}:${password}`).toString("base64");
  const stats = { requests: 0, failures: [] };
  let origin = "";

  // Only what the viewer reads: GET/HEAD under /dicom-web/ and /wado, after URL normalisation (no "..").
  const proxy = (req, res, url) => {
    const headers = { host: req.headers.host, authorization };
    for (const name of ["accept", "accept-encoding", "range"]) if (req.headers[name]) headers[name] = req.headers[name];
    const out = http.request({ hostname: upstream.hostname, port: upstream.port, path: url.pathname + url.search, method: req.method, headers }, (up) => {
      if (up.statusCode >= 400) stats.failures.push(`${up.statusCode} ${req.method} ${req.url}`);
      const pass = {};
      for (const name of ["content-type", "content-length", "content-encoding"]) if (up.headers[name]) pass[name] = up.headers[name];
      res.writeHead(up.statusCode, pass);
      up.pipe(res);
    });
    out.on("error", (e) => {
      stats.failures.push(`502 ${req.method} ${req.url}: ${e.message}`);
      res.writeHead(502, { "content-type": "text/plain" }).end(`Orthanc unreachable: ${e.message}`);
    });
    out.end();
  };

  const serveFile = (req, res) => {
    const urlPath = decodeURIComponent(new URL(req.url, origin).pathname);
    if (urlPath === "/app-config.js") {
      res.writeHead(200, { "content-type": CONTENT_TYPES[".js"] }).end(appConfig(origin));
      return;
    }
    let file = path.join(root, path.normalize(urlPath));
    if (!file.startsWith(root + path.sep)) { res.writeHead(403).end(); return; }
    let size = -1;
    try { const s = statSync(file); if (s.isFile()) size = s.size; } catch { /* not a file: the single-page app answers */ }
    if (size < 0) { file = path.join(root, "index.html"); size = statSync(file).size; }
    res.writeHead(200, { "content-type": CONTENT_TYPES[path.extname(file)] ?? "application/octet-stream", "content-length": size });
    if (req.method === "HEAD") res.end(); else createReadStream(file).pipe(res);
  };

  const server = http.createServer((req, res) => {
    stats.requests++;
    const url = new URL(req.url, origin);
    if (req.method !== "GET" && req.method !== "HEAD") res.writeHead(405).end();
    else if (url.pathname.startsWith("/dicom-web/") || url.pathname === "/wado" || url.pathname.startsWith("/wado/")) proxy(req, res, url);
    else serveFile(req, res);
  });
  await new Promise((resolve, reject) => { server.once("error", reject); server.listen(0, "127.0.0.1", resolve); });
  origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    stats,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}
