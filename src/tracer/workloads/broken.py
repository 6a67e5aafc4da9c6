"""Workloads over src/broken's deliberately broken exporters and consumers.

    python3 -m bufspec_tracer -o broken-X.ndjson src/tracer/workloads/broken.py X

Each variant makes exactly one bug observable in the log (traces/corpus/README.md lists the
property the validator must name). The broken types are registered with the tracer the way an
extension author would (register_counter / register_resize / register_chain)."""
import sys

import bufspec_broken as bb
import bufspec_tracer

OFF = bb.OFFSETS
for t in (bb.Good, bb.ReleaseDecrefsObj, bb.FailedAcquireCounts, bb.FailedAcquireSetsObj,
          bb.FreeOnEveryRelease, bb.TrackByViewAddress, bb.ResizeWhileExported, bb.ReExporter,
          bb.GetbufferNoIncref):
    bufspec_tracer.register_counter(t, OFF["exports"])
bufspec_tracer.register_resize(bb.ResizeWhileExported, "resize", OFF["data"])
bufspec_tracer.register_resize(bb.Good, "resize", OFF["data"])
bufspec_tracer.register_chain(bb.ReExporter, OFF["held"])

W = bb.PyBUF_WRITABLE


def ReleaseDecrefsObj():
    o = bb.ReleaseDecrefsObj(8)
    keep = [o, o]                       # extra references: the bug costs one per release
    bb.acquire_release(o)
    bb.incref(o)                        # repair the count so the process survives
    del keep


def FailedAcquireCounts():
    o = bb.FailedAcquireCounts(8)
    assert bb.acquire_release(o, W)     # "succeeds" with obj NULL, counter now 1


def FailedAcquireSetsObj():
    o = bb.FailedAcquireSetsObj(8)
    assert not bb.acquire_expect_failure(o, W)


def FreeOnEveryRelease():
    o = bb.FreeOnEveryRelease(64)
    v1 = bb.acquire_handle(o)
    v2 = bb.acquire_handle(o)
    bb.release_handle(v1)               # frees the memory v2 still points at
    v3 = bb.acquire_handle(o)           # new memory: v2 dangles
    bb.release_handle(v3)
    bb.release_handle(v2)


def TrackByViewAddress():
    o = bb.TrackByViewAddress(8)
    bb.release_through_copy(o)          # per-view shape/strides, internal NULL, copy released


def ResizeWhileExported():
    o = bb.ResizeWhileExported(8)
    v = bb.acquire_handle(o)
    o.resize(4096)                      # succeeds although v is live
    bb.release_handle(v)


def ReleaseOriginalAndCopy():
    o = bb.Good(8)
    bb.release_original_and_copy(o)


def ReleaseAfterFailedAcquire():
    o = bb.Good(8, readonly=True)       # a correct exporter; the consumer is broken
    bb.release_after_failed_acquire(o)


def ReExporterReleasesBase():
    base = bytearray(b"base data")      # a real exporter as the base
    r = bb.ReExporter(base)
    v = bb.acquire_handle(r)
    r.drop_base()                       # releases the base while v is live
    bb.release_handle(v)


def ViewNeverReleased():
    global leaked
    leaked = bytearray(b"leaked")
    bb.leak_view(leaked)


def GetbufferNoIncref():
    o = bb.GetbufferNoIncref(8)
    keep = [o, o]
    bb.acquire_release(o)
    bb.incref(o)
    del keep


def Good():
    """the correct exporter and consumers: must validate"""
    o = bb.Good(8)
    bb.acquire_release(o)
    bb.release_through_copy(o)
    v = bb.acquire_handle(o)
    try:
        o.resize(16)
    except BufferError:
        pass
    bb.release_handle(v)
    o.resize(32)
    assert not bb.acquire_expect_failure(b"ro", W)
    base = bytearray(b"base")
    r = bb.ReExporter(base)
    v = bb.acquire_handle(r)
    bb.release_handle(v)
    r.drop_base()
    mv = memoryview(o)
    mv2 = mv[1:3]
    mv.release(); mv2.release()


if __name__ == "__main__":
    globals()[sys.argv[1]]()
