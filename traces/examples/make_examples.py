#!/usr/bin/env python3
"""Writes the hand-written example traces in this directory.

Each example is spelled out event by event below; the helpers only fill in the fields every
event of a kind carries, so the examples stay consistent with docs/trace-format.md. Run it from
anywhere: `python3 traces/examples/make_examples.py`. EXPECTED.tsv is maintained by hand.

Conventions: objects live at 0x7f00000010x0, buffers at 0x7f0000100000.., consumer structs
(Py_buffer on the C stack) at 0x7ffd000001x0. PyBuffer_FillInfo points shape at &view->len
(struct + 16) and strides at &view->itemsize (struct + 24).
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))

BA = "0x7f0000001000#0"      # a bytearray
BA2 = "0x7f0000001000#1"     # a later bytearray at the same address
BY = "0x7f0000001100#0"      # a bytes object
BIO = "0x7f0000001200#0"     # an io.BytesIO
BIOBUF = "0x7f0000001300#0"  # its hidden bytesiobuf (a redirect)
MBUF = "0x7f0000001400#0"    # a managed buffer
MV1 = "0x7f0000001500#0"     # memoryview(ba)
MV2 = "0x7f0000001600#0"     # mv1[2:10]
EXT = "0x7f0000001700#0"     # an extension type with per-view shape arrays
ARR = "0x7f0000001800#0"     # an array.array

BUF = "0x7f0000100000"
BUF2 = "0x7f0000200000"
S1, S2, S3, S4 = "0x7ffd00000100", "0x7ffd00000200", "0x7ffd00000300", "0x7ffd00000400"
MASTER = "0x7f0000001440"    # &mbuf->master, inside the managed buffer object


def plus(ptr, n):
    return hex(int(ptr, 16) + n)


class Log:
    def __init__(self, attached="start"):
        self.lines = []
        self.seq = 0
        self.lines.append({"kind": "header", "format": "bufspec-trace", "version": 1,
                           "producer": "hand-written", "python": "3.11.7", "pid": 4242,
                           "start": "2026-11-21T12:00:00Z", "argv": ["example.py"],
                           "attached": attached})

    def ev(self, kind, tid=1, **fields):
        self.seq += 1
        e = {"seq": self.seq, "tid": tid, "kind": kind}
        e.update(fields)
        self.lines.append(e)
        return e

    def acquire(self, exporter, type, view, buf=BUF, len=16, rc=(2, 3), exports=(0, 1), counter=None,
                tid=1, fill=True, internal=None, shape=None, strides=None, obj=None, readonly=False, flags=284):
        e = dict(exporter=exporter, type=type, view=view, flags=flags, ok=True, error=None, obj_before=None,
                 obj=obj or exporter, buf=buf, len=len, readonly=readonly, itemsize=1, ndim=1, format="B",
                 shape=shape if shape else (plus(view, 16) if fill else None),
                 strides=strides if strides else (plus(view, 24) if fill else None),
                 suboffsets=None, internal=internal)
        if rc is not None:
            e["rc"] = list(rc)
        if exports is not None:
            e["counter"] = counter or exporter
            e["exports"] = list(exports)
        return self.ev("acquire", tid=tid, **e)

    def refuse(self, exporter, type, view, error, rc=(2, 2), exports=(0, 0), obj=None, obj_before=None, tid=1,
               flags=285):
        e = dict(exporter=exporter, type=type, view=view, flags=flags, ok=False, error=error,
                 obj_before=obj_before, obj=obj)
        if rc is not None:
            e["rc"] = list(rc)
        if exports is not None:
            e["counter"] = exporter
            e["exports"] = list(exports)
        return self.ev("acquire", tid=tid, **e)

    def release(self, exporter, type, view, acquired_at=None, buf=BUF, len=16, rc=(3, 3), exports=(1, 0),
                counter=None, has_rb=True, tid=1, fill=True, internal=None, shape=None, strides=None):
        at = acquired_at or view  # a copy still points shape/strides into the original struct
        e = dict(exporter=exporter, type=type, view=view, buf=buf, len=len, readonly=False, itemsize=1, ndim=1,
                 format="B", shape=shape if shape else (plus(at, 16) if fill else None),
                 strides=strides if strides else (plus(at, 24) if fill else None),
                 suboffsets=None, internal=internal, has_releasebuffer=has_rb)
        if rc is not None:
            e["rc"] = list(rc)
        if exports is not None:
            e["counter"] = counter or exporter
            e["exports"] = list(exports)
        return self.ev("release", tid=tid, **e)

    def dealloc(self, obj, type, exports=0, tid=1):
        e = dict(object=obj, type=type)
        if exports is not None:
            e["exports"] = exports
        return self.ev("dealloc", tid=tid, **e)

    def resize(self, exporter, type, op, ok, exports, error=None, buf=None, tid=1):
        e = dict(exporter=exporter, type=type, op=op, ok=ok, error=error, exports=exports)
        if buf:
            e["buf"] = list(buf)
        return self.ev("resize", tid=tid, **e)

    def chain(self, op, tid=1, **fields):
        return self.ev("chain", tid=tid, op=op, **fields)

    def footer(self, finalized=True):
        n = len(self.lines) - 1
        self.seq += 1
        self.lines.append({"seq": self.seq, "tid": 1, "kind": "footer", "events": n,
                           "end": "2026-11-21T12:00:01Z", "finalized": finalized})

    def write(self, name, cut_last=None):
        text = "".join(json.dumps(l, separators=(",", ":")) + "\n" for l in self.lines)
        if cut_last is not None:
            text = text + cut_last
        with open(os.path.join(HERE, name), "w") as f:
            f.write(text)


class FtLog(Log):
    """A free-threaded log (docs/trace-format.md, "Free-threaded logs"): the header names the
    build and its discipline table; a call split in two takes a seq at its start (no line) and
    is written at its end with start_seq and exports [value read, value written]."""

    def __init__(self, discipline, python):
        super().__init__()
        self.lines[0].update({"python": python, "threading": "free", "discipline": discipline})

    def start(self):
        self.seq += 1
        return self.seq

    def footer(self, finalized=True):
        n = len(self.lines) - 1
        self.seq += 1
        self.lines.append({"seq": self.seq, "tid": 1, "kind": "footer", "events": n,
                           "end": "2026-11-21T12:00:01Z", "finalized": finalized})


def ft_examples():
    # Two threads acquire and release one memoryview concurrently on 3.14t, where its exports
    # are updated atomically: each read a stale value, each wrote the counter's value + 1 or - 1.
    g = FtLog("3.14t", "3.14.2t")
    s11 = g.start()
    s12 = g.start()
    g.acquire(MV1, "memoryview", S1, tid=11, rc=(2, 3), exports=(0, 1))["start_seq"] = s11
    g.acquire(MV1, "memoryview", S2, tid=12, rc=(3, 4), exports=(0, 2))["start_seq"] = s12
    s11 = g.start()
    s12 = g.start()
    g.release(MV1, "memoryview", S2, tid=12, rc=(4, 4), exports=(2, 1))["start_seq"] = s12
    g.release(MV1, "memoryview", S1, tid=11, rc=(3, 3), exports=(2, 0))["start_seq"] = s11
    g.footer()
    g.write("ft-valid-atomic-interleaved.ndjson")

    # 3.13t's bytearray: ob_exports++ with no lock (plain). Both threads read 0 and wrote 1:
    # one export is lost, and the counter ends at -1 after both releases.
    g = FtLog("3.13t", "3.13.5t")
    s11 = g.start()
    s12 = g.start()
    g.acquire(BA, "bytearray", S1, tid=11, rc=(2, 3), exports=(0, 1))["start_seq"] = s11
    g.acquire(BA, "bytearray", S2, tid=12, rc=(3, 4), exports=(0, 1))["start_seq"] = s12
    g.release(BA, "bytearray", S1, tid=11, rc=(4, 4), exports=(1, 0))
    g.release(BA, "bytearray", S2, tid=12, rc=(3, 3), exports=(0, -1))
    g.footer()
    g.write("ft-bug-lost-update.ndjson")

    # A resize that tests the counter outside the getbuffer's critical section: thread 12
    # appends (no export counted yet) between thread 11's check and its count.
    g = FtLog("3.15t", "3.15.0t")
    s11 = g.start()
    g.resize(BA, "bytearray", "append", True, 0, tid=12, buf=(BUF, BUF2))
    g.acquire(BA, "bytearray", S1, tid=11, rc=(2, 3), exports=(0, 1))["start_seq"] = s11
    g.release(BA, "bytearray", S1, tid=11, rc=(3, 3), exports=(1, 0))
    g.footer()
    g.write("ft-bug-resize-races-acquire.ndjson")

    # memoryview.release() on thread 12 finds no exports between thread 11's memory_getbuf
    # check and its count (3.14t: atomic, not serialised): the managed buffer gives up the base,
    # and the new view of the released memoryview outlives it.
    MASTER = "0x7f0000001440"  # &mbuf->master
    g = FtLog("3.14t", "3.14.2t")
    g.acquire(BA, "bytearray", MASTER, rc=(2, 3), exports=(0, 1), tid=11)
    g.chain("hold", tid=11, holder=MBUF, holder_type="managedbuffer", view=MASTER, base=BA)
    g.chain("register", tid=11, holder=MBUF, reexporter=MV1)
    s11 = g.start()
    g.chain("unregister", tid=12, holder=MBUF, reexporter=MV1)
    g.chain("drop", tid=12, holder=MBUF, view=MASTER, base=BA)
    g.release(BA, "bytearray", MASTER, rc=(3, 3), exports=(1, 0), tid=12)
    g.acquire(MV1, "memoryview", S1, tid=11, rc=(2, 3), exports=(0, 1))["start_seq"] = s11
    g.footer(finalized=False)
    g.write("ft-bug-release-races-export.ndjson")

    # A header that names no discipline table the model has.
    g = FtLog("3.12t", "3.12.0t")
    g.acquire(BA, "bytearray", S1, tid=11)
    g.release(BA, "bytearray", S1, tid=11)
    g.footer()
    g.write("ft-bad-discipline.ndjson")

    # A start_seq that is not below the event's own seq.
    g = FtLog("3.14t", "3.14.2t")
    g.acquire(BA, "bytearray", S1, tid=11)
    g.release(BA, "bytearray", S1, tid=11)["start_seq"] = 5
    g.footer(finalized=False)
    g.write("ft-bad-start-seq.ndjson")


NOT_WRITABLE = "BufferError: Object is not writable."
BA_RESIZE = "BufferError: Existing exports of data: object cannot be re-sized"


def valid_examples():
    # Plain acquire/release on bytearray and bytes (no counter, no releasebuffer), a refused
    # writable request on bytes, a resize once no view is left.
    g = Log()
    g.acquire(BA, "bytearray", S1)
    g.acquire(BY, "bytes", S2, buf=BUF2, len=5, rc=(1, 2), exports=None, readonly=True)
    g.refuse(BY, "bytes", S3, NOT_WRITABLE, rc=(2, 2), exports=None)
    g.resize(BA, "bytearray", "append", False, 1, error=BA_RESIZE)
    g.release(BY, "bytes", S2, buf=BUF2, len=5, rc=(2, 2), exports=None, has_rb=False)
    g.release(BA, "bytearray", S1)
    g.resize(BA, "bytearray", "append", True, 0, buf=(BUF, BUF2))
    g.footer()
    g.write("valid-basic.ndjson")

    # Copies: the consumer memcpy's the struct and releases the copy (contents match), and two
    # identical views (no ND flag: shape NULL) are a multiset, released in either order.
    g = Log()
    g.acquire(BA, "bytearray", S1)
    g.release(BA, "bytearray", S2, acquired_at=S1)  # the copy at S2 of the view in S1
    g.acquire(BA, "bytearray", S1, fill=False, flags=0, rc=(2, 3), exports=(0, 1))
    g.acquire(BA, "bytearray", S3, fill=False, flags=0, rc=(3, 4), exports=(1, 2))
    g.release(BA, "bytearray", S4, fill=False, rc=(4, 4), exports=(2, 1))  # a copy of either
    g.release(BA, "bytearray", S1, fill=False, rc=(3, 3), exports=(1, 0))
    g.footer()
    g.write("valid-copies.ndjson")

    # Redirect: BytesIO.getbuffer() -> a bytesiobuf whose getbuffer counts on the BytesIO.
    g = Log()
    g.acquire(BIOBUF, "_io._BytesIOBuffer", S1, rc=(1, 2), counter=BIO, exports=(0, 1))
    g.resize(BIO, "_io.BytesIO", "write", False, 1, error=BA_RESIZE)
    g.release(BIOBUF, "_io._BytesIOBuffer", S1, rc=(2, 2), counter=BIO, exports=(1, 0))
    g.dealloc(BIOBUF, "_io._BytesIOBuffer", exports=None)
    g.resize(BIO, "_io.BytesIO", "write", True, 0, buf=(BUF, BUF2))
    g.dealloc(BIO, "_io.BytesIO", exports=0)
    g.footer()
    g.write("valid-redirect-bytesio.ndjson")

    # memoryview chain: memoryview(ba) makes a managed buffer holding ONE export of ba; mv1 and
    # its slice mv2 register on it; a getbuffer on mv1 counts on mv1 itself; mv1.release() is
    # refused while exported; the base export is dropped only after the last unregister.
    g = Log()
    g.acquire(BA, "bytearray", MASTER, rc=(2, 3), exports=(0, 1))
    g.chain("hold", holder=MBUF, holder_type="managedbuffer", view=MASTER, base=BA)
    g.chain("register", holder=MBUF, reexporter=MV1)
    g.chain("register", holder=MBUF, reexporter=MV2)
    g.acquire(MV1, "memoryview", S1, rc=(1, 2), exports=(0, 1))
    g.chain("refuse", reexporter=MV1, error="BufferError: memoryview has 1 exported buffer")
    g.release(MV1, "memoryview", S1, rc=(2, 2), exports=(1, 0))
    g.chain("unregister", holder=MBUF, reexporter=MV2)
    g.dealloc(MV2, "memoryview", exports=0)
    g.chain("unregister", holder=MBUF, reexporter=MV1)
    g.chain("drop", holder=MBUF, view=MASTER, base=BA)
    g.release(BA, "bytearray", MASTER, rc=(3, 3), exports=(1, 0))
    g.dealloc(MV1, "memoryview", exports=0)
    g.dealloc(MBUF, "managedbuffer", exports=None)
    g.footer()
    g.write("valid-memoryview-chain.ndjson")

    # one memoryview over a managed buffer: the model's re-exporter exactly (tla/BufferProtocol.tla
    # ReExportAcquireBase .. ReExportReleaseBase), so the TLC engine matches it step by step.
    def single_memoryview(export_after_release):
        g = Log()
        g.acquire(BA, "bytearray", MASTER, rc=(2, 3), exports=(0, 1))
        g.chain("hold", holder=MBUF, holder_type="managedbuffer", view=MASTER, base=BA)
        g.chain("register", holder=MBUF, reexporter=MV1)
        if not export_after_release:
            g.acquire(MV1, "memoryview", S1, rc=(1, 2), exports=(0, 1))
            g.chain("refuse", reexporter=MV1, error="BufferError: memoryview has 1 exported buffer")
            g.release(MV1, "memoryview", S1, rc=(2, 2), exports=(1, 0))
        g.chain("unregister", holder=MBUF, reexporter=MV1)
        g.chain("drop", holder=MBUF, view=MASTER, base=BA)
        g.release(BA, "bytearray", MASTER, rc=(3, 3), exports=(1, 0))
        if export_after_release:
            # the released memoryview exports anyway (CPython refuses: "operation forbidden on
            # released memoryview object"): it holds no export of its base any more
            g.acquire(MV1, "memoryview", S1, rc=(1, 2), exports=(0, 1))
            g.release(MV1, "memoryview", S1, rc=(2, 2), exports=(1, 0))
        g.dealloc(MV1, "memoryview", exports=0)
        g.dealloc(MBUF, "managedbuffer", exports=None)
        g.footer()
        return g

    single_memoryview(False).write("valid-memoryview-single.ndjson")
    single_memoryview(True).write("prop-ReExporterHoldsBase-export-after-release.ndjson")

    # memoryview released (unregistered) while its own export is live: CPython refuses
    # ("memoryview has 1 exported buffer"); here it gives up its base anyway.
    g = Log()
    g.acquire(BA, "bytearray", MASTER, rc=(2, 3), exports=(0, 1))
    g.chain("hold", holder=MBUF, holder_type="managedbuffer", view=MASTER, base=BA)
    g.chain("register", holder=MBUF, reexporter=MV1)
    g.acquire(MV1, "memoryview", S1, rc=(1, 2), exports=(0, 1))
    g.chain("unregister", holder=MBUF, reexporter=MV1)
    g.chain("drop", holder=MBUF, view=MASTER, base=BA)
    g.release(BA, "bytearray", MASTER, rc=(3, 3), exports=(1, 0))
    g.release(MV1, "memoryview", S1, rc=(2, 2), exports=(1, 0))
    g.dealloc(MV1, "memoryview", exports=0)
    g.dealloc(MBUF, "managedbuffer", exports=None)
    g.footer()
    g.write("prop-ReExporterHoldsBase-release-while-exported.ndjson")

    # memoryview(ba) and mv[:] share one managed buffer; the tracer registers a memoryview
    # lazily (when it is first exported), so only the slice shows. The slice is exported,
    # released and deallocated; the managed buffer gives up its base only when the first
    # memoryview goes, after a consumer's own view of ba over the same memory came and went.
    # Valid. The master's release is the one through MASTER, not the consumer's over the same
    # memory (a mapping that took the first for the second made the TLC engine say "no step
    # matches" on CPython's test_buffer log).
    g = Log()
    g.acquire(BA, "bytearray", MASTER, rc=(2, 3), exports=(0, 1))
    g.chain("hold", holder=MBUF, holder_type="managedbuffer", view=MASTER, base=BA)
    g.acquire(BA, "bytearray", S2, rc=(3, 4), exports=(1, 2))
    g.release(BA, "bytearray", S2, rc=(4, 4), exports=(2, 1))
    g.chain("register", holder=MBUF, reexporter=MV2)
    g.acquire(MV2, "memoryview", S1, rc=(1, 2), exports=(0, 1))
    g.release(MV2, "memoryview", S1, rc=(2, 2), exports=(1, 0))
    g.chain("unregister", holder=MBUF, reexporter=MV2)
    g.dealloc(MV2, "memoryview", exports=0)
    g.chain("drop", holder=MBUF, view=MASTER, base=BA)
    g.release(BA, "bytearray", MASTER, rc=(1, 1), exports=(1, 0))
    g.dealloc(BA, "bytearray", exports=0)
    g.dealloc(MBUF, "managedbuffer", exports=None)
    g.footer()
    g.write("valid-memoryview-unexported-sibling.ndjson")

    # The BytesIO deallocated while its bytesiobuf (which holds a reference to it) is alive.
    g = Log()
    g.acquire(BIOBUF, "_io._BytesIOBuffer", S1, rc=(1, 2), counter=BIO, exports=(0, 1))
    g.release(BIOBUF, "_io._BytesIOBuffer", S1, rc=(2, 2), counter=BIO, exports=(1, 0))
    g.dealloc(BIO, "_io.BytesIO", exports=0)
    g.dealloc(BIOBUF, "_io._BytesIOBuffer", exports=None)
    g.footer()
    g.write("prop-NoDeallocWhileReferenced-bytesio-before-buffer.ndjson")

    # Several threads sharing one bytearray: seq is global, the counter goes 0 1 2 1 2 1 0.
    g = Log()
    g.acquire(BA, "bytearray", S1, tid=11, rc=(2, 3), exports=(0, 1))
    g.acquire(BA, "bytearray", S2, tid=12, rc=(3, 4), exports=(1, 2))
    g.release(BA, "bytearray", S1, tid=11, rc=(4, 4), exports=(2, 1))
    g.acquire(BA, "bytearray", S3, tid=13, rc=(3, 4), exports=(1, 2))
    g.release(BA, "bytearray", S2, tid=12, rc=(4, 4), exports=(2, 1))
    g.release(BA, "bytearray", S3, tid=13, rc=(3, 3), exports=(1, 0))
    g.footer()
    g.write("valid-threads.ndjson")

    # Address reuse: a bytearray dies and a new one is born at the same address (incarnation #1),
    # even with the same buffer address; its views are its own.
    g = Log()
    g.acquire(BA, "bytearray", S1)
    g.release(BA, "bytearray", S1)
    g.dealloc(BA, "bytearray", exports=0)
    g.acquire(BA2, "bytearray", S1)
    g.release(BA2, "bytearray", S2, acquired_at=S1)
    g.dealloc(BA2, "bytearray", exports=0)
    g.footer()
    g.write("valid-address-reuse.ndjson")

    # Attached mid-run: the bytearray already had one export (a view we never saw acquired);
    # its release is "released before tracing began", not a violation.
    g = Log(attached="midrun")
    g.acquire(BA, "bytearray", S1, rc=(3, 4), exports=(1, 2))
    g.release(BA, "bytearray", S1, rc=(4, 4), exports=(2, 1))
    g.release(BA, "bytearray", S4, rc=(3, 3), exports=(1, 0), acquired_at="0x7ffd00000900")
    g.resize(BA, "bytearray", "append", True, 0)
    g.footer()
    g.write("valid-midrun.ndjson")

    # Truncated: the process died while writing; the last line is cut and there is no footer.
    # Everything before is validated; the open view is reported as open, not as a leak.
    g = Log()
    g.acquire(BA, "bytearray", S1)
    g.acquire(BY, "bytes", S2, buf=BUF2, len=5, rc=(1, 2), exports=None, readonly=True)
    g.release(BY, "bytes", S2, buf=BUF2, len=5, rc=(2, 2), exports=None, has_rb=False)
    g.write("truncated.ndjson", cut_last='{"seq":4,"tid":1,"kind":"release","exporter":"0x7f00000')


def tracer_style_examples():
    # The fields as the tracer (src/tracer) writes them: shape/strides as VALUES with the pointers
    # in shape_ptr/strides_ptr, "via" on a redirected acquire, a chain hold whose base is null,
    # an extension type registered as its own holder and re-exporter, and a same-size slice
    # assignment on an exported bytearray (buf unchanged: nothing moved).
    g = Log()
    g.acquire(BA, "bytearray", S1, shape=[16], strides=[1])
    g.lines[-1]["shape_ptr"] = plus(S1, 16)
    g.lines[-1]["strides_ptr"] = plus(S1, 24)
    g.resize(BA, "bytearray", "setitem", True, 1, buf=(BUF, BUF))
    g.resize(BA, "bytearray", "setitem", False, 1, error=BA_RESIZE, buf=(BUF, BUF))
    g.release(BA, "bytearray", S2, acquired_at=S1, shape=[16], strides=[1])  # a copy
    g.lines[-1]["shape_ptr"] = plus(S1, 16)
    g.lines[-1]["strides_ptr"] = plus(S1, 24)
    g.acquire(BY, "bytes", S3, buf=BUF2, len=5, rc=(1, 2), exports=None, readonly=True, fill=False, flags=0)
    g.lines[-1]["via"] = "0x7f0000001900#0"  # a PickleBuffer redirecting to the bytes
    g.release(BY, "bytes", S3, buf=BUF2, len=5, rc=(2, 2), exports=None, has_rb=False, fill=False)
    # a managed buffer over a legacy export whose obj is NULL: nothing to drop, PyBuffer_Release
    # of it is a no-op
    g.chain("hold", holder=MBUF, holder_type="managedbuffer", view=MASTER, base=None)
    g.dealloc(MBUF, "managedbuffer", exports=None)
    # an extension re-exporter registered as its own holder: it holds an export of the bytearray
    held = plus(EXT.split("#")[0], 0x38)
    g.acquire(BA, "bytearray", held, rc=(2, 3), exports=(0, 1))
    g.chain("hold", holder=EXT, holder_type="ext.ReExporter", view=held, base=BA)
    g.chain("register", holder=EXT, reexporter=EXT)
    g.chain("drop", holder=EXT, view=held, base=BA)
    g.release(BA, "bytearray", held, rc=(3, 3), exports=(1, 0))
    g.dealloc(EXT, "ext.ReExporter", exports=0)
    g.footer()
    g.write("valid-tracer-style-fields.ndjson")


def bug_examples():
    # The model's bug variants, one log each.
    g = Log()
    g.acquire(BA, "bytearray", S1, rc=(1, 2))
    g.release(BA, "bytearray", S1, rc=(2, 1))   # releasebuffer Py_DECREF(view->obj)
    g.footer()
    g.write("bug-ReleaseDecrefsObj.ndjson")

    g = Log()
    g.acquire(BA, "bytearray", S1, rc=(2, 2))   # no Py_INCREF on success
    g.release(BA, "bytearray", S1, rc=(2, 2))
    g.footer()
    g.write("bug-GetbufferNoIncref.ndjson")

    # Memory freed on EVERY release instead of when the counter reaches 0: the second view dangles,
    # the next acquire gets a fresh buffer while the old view still points at the freed one.
    g = Log()
    g.acquire(EXT, "broken.FreeOnEveryRelease", S1, rc=(1, 2), exports=(0, 1))
    g.acquire(EXT, "broken.FreeOnEveryRelease", S2, rc=(2, 3), exports=(1, 2))
    g.release(EXT, "broken.FreeOnEveryRelease", S1, rc=(3, 3), exports=(2, 1))
    g.acquire(EXT, "broken.FreeOnEveryRelease", S3, buf=BUF2, rc=(2, 3), exports=(1, 2))
    g.release(EXT, "broken.FreeOnEveryRelease", S2, rc=(3, 3), exports=(2, 1))
    g.release(EXT, "broken.FreeOnEveryRelease", S3, buf=BUF2, rc=(2, 2), exports=(1, 0))
    g.footer()
    g.write("bug-FreeOnEveryRelease.ndjson")

    g = Log()
    g.acquire(ARR, "broken.ResizeWhileExported", S1, rc=(1, 2), exports=(0, 1))
    g.resize(ARR, "broken.ResizeWhileExported", "resize", True, 1, buf=(BUF, BUF2))
    g.release(ARR, "broken.ResizeWhileExported", S1, rc=(2, 2), exports=(1, 0))
    g.footer()
    g.write("bug-ResizeWhileExported.ndjson")

    # Per-view shape array malloc'ed in getbuffer, internal left NULL, looked up by the struct
    # address in releasebuffer: a release through a copy cannot find it.
    g = Log()
    g.acquire(EXT, "broken.TrackByViewAddress", S1, rc=(1, 2), exports=(0, 1),
              shape="0x55550000a000", strides="0x55550000a010")
    g.release(EXT, "broken.TrackByViewAddress", S2, rc=(2, 2), exports=(1, 0),
              shape="0x55550000a000", strides="0x55550000a010")
    g.footer()
    g.write("bug-TrackByViewAddress.ndjson")

    g = Log()
    g.refuse(EXT, "broken.FailedAcquireSetsObj", S1, NOT_WRITABLE, obj="0x7f0000001700", obj_before=None,
             rc=(1, 1), exports=(0, 0))
    g.footer()
    g.write("bug-FailedAcquireSetsObj.ndjson")

    g = Log()
    g.refuse(EXT, "broken.FailedAcquireCounts", S1, NOT_WRITABLE, rc=(1, 1), exports=(0, 1))
    g.footer()
    g.write("bug-FailedAcquireCounts.ndjson")

    # The consumer releases the original and its copy.
    g = Log()
    g.acquire(BA, "bytearray", S1)
    g.release(BA, "bytearray", S1)
    g.release(BA, "bytearray", S2, acquired_at=S1, rc=(2, 2), exports=(0, -1))
    g.footer()
    g.write("bug-ReleaseOriginalAndCopy.ndjson")

    # swig/swig#1640: PyBuffer_Release after a failed PyObject_GetBuffer whose struct held garbage.
    g = Log()
    g.refuse(BY, "bytes", S1, NOT_WRITABLE, rc=(1, 1), exports=None, obj_before="0x7f0000001100",
             obj="0x7f0000001100")
    g.release(BY, "bytes", S1, buf=None, len=0, fill=False, rc=(1, 1), exports=None, has_rb=False)
    g.footer()
    g.write("bug-ReleaseAfterFailedAcquire.ndjson")

    # The managed buffer gives up its export of the base while a memoryview on it has an export.
    g = Log()
    g.acquire(BA, "bytearray", MASTER, rc=(2, 3), exports=(0, 1))
    g.chain("hold", holder=MBUF, holder_type="managedbuffer", view=MASTER, base=BA)
    g.chain("register", holder=MBUF, reexporter=MV1)
    g.acquire(MV1, "memoryview", S1, rc=(1, 2), exports=(0, 1))
    g.chain("drop", holder=MBUF, view=MASTER, base=BA)
    g.release(BA, "bytearray", MASTER, rc=(3, 3), exports=(1, 0))
    g.release(MV1, "memoryview", S1, rc=(2, 2), exports=(1, 0))
    g.chain("unregister", holder=MBUF, reexporter=MV1)
    g.footer()
    g.write("bug-ReExporterReleasesBase.ndjson")

    # Two threads increment the counter without atomics: both read 0 and write 1.
    g = Log()
    g.acquire(EXT, "broken.NonAtomicCounter", S1, tid=11, rc=(1, 2), exports=(0, 1))
    g.acquire(EXT, "broken.NonAtomicCounter", S2, tid=12, rc=(2, 3), exports=(0, 1))
    g.release(EXT, "broken.NonAtomicCounter", S1, tid=11, rc=(3, 3), exports=(1, 0))
    g.release(EXT, "broken.NonAtomicCounter", S2, tid=12, rc=(2, 2), exports=(0, -1))
    g.footer()
    g.write("bug-NonAtomicCounter.ndjson")

    g = Log()
    g.acquire(BA, "bytearray", S1)
    g.acquire(BA, "bytearray", S2, rc=(3, 4), exports=(1, 2))
    g.release(BA, "bytearray", S2, rc=(4, 4), exports=(2, 1))
    g.footer(finalized=True)
    g.write("bug-ViewNeverReleased.ndjson")


def property_examples():
    # Minimal logs for the rules the bug variants do not reach.
    g = Log()
    g.acquire(BA, "bytearray", S1)
    g.dealloc(BA, "bytearray", exports=1)
    g.footer(finalized=False)
    g.write("prop-NoDeallocWhileReferenced.ndjson")

    g = Log()
    g.acquire(EXT, "broken.InternalChanged", S1, rc=(1, 2), exports=(0, 1), internal="0x5555000b0000")
    g.release(EXT, "broken.InternalChanged", S1, rc=(2, 2), exports=(1, 0), internal="0x5555000c0000")
    g.footer()
    g.write("prop-ReleaseSeesOwnInternal-changed.ndjson")

    g = Log()
    g.ev("acquire", exporter=EXT, type="broken.SuccessAfterFailedFill", view=S1, flags=285, ok=True,
         error=None, obj_before=None, obj=None, buf=None, len=0, rc=[1, 1], counter=EXT, exports=[0, 1])
    g.footer(finalized=False)
    g.write("prop-FailedAcquireLeavesNoTrace-ok-null.ndjson")

    g = Log()
    g.release(BA, "bytearray", S1, rc=(2, 2), exports=None)
    g.footer(finalized=False)
    g.write("prop-ReleasedAtMostOnce-never-acquired.ndjson")

    g = Log(attached="midrun")
    g.acquire(BA, "bytearray", S1, rc=(3, 4), exports=(1, 2))
    g.release(BA, "bytearray", S1, rc=(4, 4), exports=(2, 1))
    g.footer(finalized=True)
    g.write("prop-ExportCountsReturnToZero.ndjson")

    g = Log()
    g.acquire(ARR, "array.array", S1, rc=(2, 3), exports=(1, 2))  # attached at start: no export predates
    g.release(ARR, "array.array", S1, rc=(3, 3), exports=(2, 1))
    g.footer(finalized=False)
    g.write("prop-ExportCountMatchesViews-baseline.ndjson")

    # The memory watch (kind freed): an extension type without a counter reallocates its storage
    # while a view is live (a Cython type's extend(), say); nothing but the freed event shows it.
    # And a freed event naming a view the log has released already is no violation.
    grow, old, new = "0x7f0000001900#0", "0x7f0000200000", "0x7f0000300000"
    for name, live in (("prop-NoDanglingView-freed.ndjson", True), ("valid-freed-after-release.ndjson", False)):
        g = Log()
        g.acquire(grow, "authors.GrowBuffer", S1, buf=old, len=64, rc=(1, 2), exports=None)
        if not live:
            g.release(grow, "authors.GrowBuffer", S1, buf=old, len=64, rc=(2, 2), exports=None)
        g.ev("freed", call="PyMem_Realloc", block=old, size=64, new=new, new_size=100064,
             views=[{"view": S1, "obj": grow, "field": "buf"}], stack=["example.py:12 extend", "example.py:30 <module>"])
        if live:
            g.release(grow, "authors.GrowBuffer", S1, buf=old, len=64, rc=(2, 2), exports=None)
        g.dealloc(grow, "authors.GrowBuffer", exports=None)
        g.footer()
        g.write(name)


def bad_examples():
    def write(name, lines):
        with open(os.path.join(HERE, name), "w") as f:
            f.write("".join(l + "\n" for l in lines))

    head = json.dumps(Log().lines[0], separators=(",", ":"))
    ok = Log()
    ok.acquire(BA, "bytearray", S1)
    acq = json.dumps(ok.lines[1], separators=(",", ":"))
    rel = '{"seq":3,"tid":1,"kind":"release","exporter":"0x7f0000001000#0","type":"bytearray","view":"0x7ffd00000100","buf":"0x7f0000100000","len":16,"readonly":false,"itemsize":1,"ndim":1,"format":"B","shape":"0x7ffd00000110","strides":"0x7ffd00000118","suboffsets":null,"internal":null,"has_releasebuffer":true,"rc":[3,3],"counter":"0x7f0000001000#0","exports":[1,0]}'
    foot = '{"seq":4,"tid":1,"kind":"footer","events":3,"end":"2026-11-21T12:00:01Z","finalized":true}'
    write("bad-malformed-json.ndjson", [head, acq, '{"seq":2,"tid":1,"kind":"dealloc","object":', rel, foot])
    write("bad-missing-field.ndjson", [head, acq, '{"seq":2,"tid":1,"kind":"resize","exporter":"0x7f0000001000#0","type":"bytearray","ok":false,"exports":1}', rel, foot])
    write("bad-mistyped-field.ndjson", [head, acq, '{"seq":2,"tid":1,"kind":"dealloc","object":140737488355328,"type":"bytes"}', rel, foot])
    write("bad-unknown-kind.ndjson", [head, acq, '{"seq":2,"tid":1,"kind":"getbuffer","exporter":"0x7f0000001000#0"}', rel, foot])
    write("bad-unknown-version.ndjson", [head.replace('"version":1', '"version":2'), acq, rel, foot])
    write("bad-seq-not-increasing.ndjson", [head, acq, rel.replace('"seq":3', '"seq":1'), rel, foot])


if __name__ == "__main__":
    valid_examples()
    tracer_style_examples()
    bug_examples()
    property_examples()
    bad_examples()
    ft_examples()
