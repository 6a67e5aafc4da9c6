"""Sanity check of a bufspec-trace log written by this tracer (not a validator).

    python3 -m bufspec_tracer.check FILE...

Checks the shape of each line (header first, required fields per kind, pointer and identity
syntax, strictly increasing seq, footer last) and pairs releases with acquires by exporter and
contents, reporting counts. The real judgement (properties) is `bufspec validate`.
Exit 0 when every file is well formed, 1 otherwise."""
import gzip
import json
import re
import sys
from collections import Counter

PTR = re.compile(r"^0x[0-9a-f]+$")
ID = re.compile(r"^0x[0-9a-f]+#[0-9]+$")
REQ = {
    "acquire": ["exporter", "type", "view", "flags", "ok", "error", "obj_before", "obj", "rc"],
    "release": ["exporter", "type", "view", "buf", "len", "readonly", "itemsize", "ndim", "format",
                "shape", "strides", "suboffsets", "internal", "has_releasebuffer", "rc"],
    "dealloc": ["object", "type"],
    "resize": ["exporter", "type", "op", "ok", "error", "buf"],
    "chain": ["op"],
    "test": ["phase", "nodeid"],
    "footer": ["events", "end", "finalized"],
}
CHAIN = {"hold": ["holder", "holder_type", "view", "base"], "register": ["holder", "reexporter"],
         "unregister": ["holder", "reexporter"], "drop": ["holder", "view", "base"],
         "refuse": ["reexporter", "error"]}
ACQ_OK = ["buf", "len", "readonly", "itemsize", "ndim", "format", "shape", "strides",
          "suboffsets", "internal"]


def _open(path):
    return gzip.open(path, "rt", encoding="utf-8") if path.endswith(".gz") else open(path, encoding="utf-8")


def check(path):
    errors = []
    kinds = Counter()
    live = Counter()           # (exporter, buf, len) -> live acquires
    live_at = Counter()        # (exporter, view) -> live acquires
    unmatched = 0
    last_seq = 0
    footer = None
    n = 0

    def err(line, msg):
        if len(errors) < 20:
            errors.append(f"{path}:{line}: {msg}")

    with _open(path) as f:
        for n, raw in enumerate(f, 1):
            try:
                e = json.loads(raw)
            except ValueError as x:
                err(n, f"not JSON: {x}")
                continue
            k = e.get("kind")
            kinds[k] += 1
            if n == 1:
                if k != "header" or e.get("format") != "bufspec-trace" or e.get("version") != 1:
                    err(n, "first line must be the bufspec-trace v1 header")
                if e.get("attached") not in ("start", "midrun"):
                    err(n, "header.attached must be start or midrun")
                continue
            if footer is not None:
                err(n, "line after the footer")
            if not isinstance(e.get("seq"), int) or e["seq"] <= last_seq:
                err(n, f"seq {e.get('seq')} not increasing after {last_seq}")
            else:
                last_seq = e["seq"]
            if not isinstance(e.get("tid"), int):
                err(n, "tid missing")
            req = REQ.get(k)
            if req is None:
                err(n, f"unknown kind {k!r}")
                continue
            req = req + (CHAIN.get(e.get("op"), []) if k == "chain" else [])
            req = req + (ACQ_OK if k == "acquire" and e.get("ok") else [])
            for fld in req:
                if fld not in e:
                    err(n, f"{k}: field {fld!r} missing")
            for fld in ("exporter", "object", "holder", "base", "reexporter", "counter"):
                v = e.get(fld)
                if v is not None and not ID.match(v):
                    err(n, f"{k}.{fld}: {v!r} is not an ADDR#N identity")
            for fld in ("view", "obj_before", "internal"):
                v = e.get(fld)
                if v is not None and not PTR.match(v):
                    err(n, f"{k}.{fld}: {v!r} is not a pointer string")
            # pairing: the same struct first (consumers may edit buf/len/shape of their
            # struct, e.g. _testbuffer's slices), else a copy with the same contents
            if k == "acquire" and e.get("ok") and e.get("obj"):
                live[(e["obj"], e.get("buf"), e.get("len"))] += 1
                live_at[(e["obj"], e["view"])] += 1
            elif k == "release":
                key = (e["exporter"], e.get("buf"), e.get("len"))
                at = (e["exporter"], e["view"])
                if live_at[at] > 0:
                    live_at[at] -= 1
                    if live[key] > 0:
                        live[key] -= 1
                    else:  # edited in place: drop one content entry of this exporter
                        for k2 in live:
                            if k2[0] == e["exporter"] and live[k2] > 0:
                                live[k2] -= 1
                                break
                elif live[key] > 0:
                    live[key] -= 1
                else:
                    unmatched += 1
            elif k == "footer":
                footer = e
                if e.get("events") != n - 2:
                    err(n, f"footer.events {e.get('events')} but {n - 2} events")
    open_views = sum(live.values())
    return errors, {"lines": n, "kinds": dict(kinds), "open_views_at_end": open_views,
                    "releases_without_acquire": unmatched, "footer": footer is not None}


def main(argv=None):
    bad = 0
    for path in (argv if argv is not None else sys.argv[1:]):
        errors, stats = check(path)
        for e in errors:
            print(e)
        print(path, json.dumps(stats))
        bad += bool(errors)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
