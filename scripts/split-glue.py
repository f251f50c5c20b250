#!/usr/bin/env python3
"""Teaches wasm-bindgen's JavaScript glue (pkg/berth_web.js) about the rest module that
tools/split cut from the page's wasm: the import `berth_rest.load` instantiates
berth_web_rest.wasm on the first call into it, sharing this module's memory, table and
globals; `prefetchRest()` fetches it ahead of time. With --profile, the import
`berth_rest.mark` records which functions run instead (globalThis.berthSeen).

Usage: split-glue.py GLUE.js [--profile]
"""
import sys

ANCHOR = '"./berth_web_bg.js": import0,'

LOADER = r'''
// The rest of the engine: the code a course's first steps do not use, cut into a second
// module (tools/split) and instantiated on the first call into it, with this module's
// memory, table and globals. prefetchRest() fetches it ahead of that call.
let berthRestBytes = null;
const berthRestUrl = () => new URL('berth_web_rest.wasm', import.meta.url);
export function prefetchRest() {
    if (berthRestBytes) return Promise.resolve();
    return fetch(berthRestUrl())
        .then((r) => {
            if (!r.ok) throw new Error(`${r.status} fetching ${r.url}`);
            return r.arrayBuffer();
        })
        .then((b) => { berthRestBytes = berthRestBytes || new Uint8Array(b); });
}
function berthLoadRest() {
    if (wasm.__berth_rest_loaded.value) return;
    let bytes = berthRestBytes;
    if (!bytes) {
        // Called from inside the engine, which cannot wait: a synchronous request.
        const xhr = new XMLHttpRequest();
        xhr.open('GET', berthRestUrl(), false);
        xhr.overrideMimeType('text/plain; charset=x-user-defined');
        xhr.send();
        if (xhr.status !== 200) throw new Error(`${xhr.status} fetching ${berthRestUrl()}`);
        const text = xhr.responseText;
        bytes = new Uint8Array(text.length);
        for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) & 0xff;
        berthRestBytes = bytes;
    }
    new WebAssembly.Instance(new WebAssembly.Module(bytes), { primary: wasm });
    wasm.__berth_rest_loaded.value = 1;
}
'''

PROFILER = r'''
// Profiling build: records which functions run (tools/split instrument).
globalThis.berthSeen = new Set();
function berthMark(i) { globalThis.berthSeen.add(i); }
'''


def main():
    if len(sys.argv) not in (2, 3) or (len(sys.argv) == 3 and sys.argv[2] != '--profile'):
        sys.exit(__doc__)
    path = sys.argv[1]
    profile = len(sys.argv) == 3
    with open(path, encoding='utf-8') as f:
        glue = f.read()
    if glue.count(ANCHOR) != 1:
        sys.exit(f'split-glue: {path} does not have the imports object this script expects')
    imports = 'berth_rest: { mark: berthMark },' if profile else 'berth_rest: { load: berthLoadRest },'
    glue = glue.replace(ANCHOR, f'{ANCHOR}\n        {imports}')
    glue += PROFILER if profile else LOADER
    with open(path, 'w', encoding='utf-8') as f:
        f.write(glue)


main()
