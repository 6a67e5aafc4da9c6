"""Workloads over real, unmodified exporters (every log must validate: exit 0).

    python3 -m bufspec_tracer -o real-X.ndjson src/tracer/workloads/real.py X
"""
import array
import ctypes
import io
import mmap
import pickle
import sys
import threading


def bytearrays():
    ba = bytearray(b"hello world")
    v = memoryview(ba)
    for op in (lambda: ba.append(1), lambda: ba.extend(b"xy"), lambda: ba.pop(), ba.clear):
        try:
            op()
        except BufferError:
            pass
    v.release()
    ba.extend(b"more")
    ba.append(33)
    with memoryview(ba) as m:
        bytes(m[2:5])
    ba.clear()
    class Sub(bytearray):
        pass
    s = Sub(b"subclass")
    memoryview(s).release()
    bytes(s)


def bytes_():
    b = b"immutable" * 10
    m = memoryview(b)
    assert m[3] == b[3]
    m2 = m[::2]
    m3 = m.cast("B", shape=[90])
    del m3, m2
    m.release()
    bytes(b).decode()
    bytearray(b)


def arrays():
    a = array.array("d", [1.0, 2.0, 3.0])
    m = memoryview(a)
    try:
        a.append(4.0)
    except BufferError:
        pass
    a[0] = 9.0               # no size change: allowed
    m.release()
    a.append(4.0)
    a.frombytes(bytes(16))
    a.extend([5.0, 6.0])
    b = array.array("b", b"xyz")
    with memoryview(b) as mb:
        mb.tolist()
    a.pop()


def mmaps():
    mm = mmap.mmap(-1, 4096)
    v = memoryview(mm)
    try:
        mm.close()
    except BufferError:
        pass
    try:
        mm.resize(8192)
    except (BufferError, SystemError, OSError):
        pass
    v[0:3] = b"abc"
    v.release()
    with memoryview(mm)[0:16] as s:
        bytes(s)
    mm.close()


def bytesio():
    bio = io.BytesIO(b"0123456789")
    buf = bio.getbuffer()
    for op in (lambda: bio.write(b"x"), lambda: bio.truncate(2), bio.close):
        try:
            op()
        except BufferError:
            pass
    buf[0] = ord("A")
    buf.release()
    bio.write(b"after")
    bio.truncate(4)
    b2 = io.BytesIO()
    b2.write(b"abc")
    with b2.getbuffer() as g:
        bytes(g)
    b2.close()
    bio.close()


def memoryviews():
    data = bytearray(range(64))
    m = memoryview(data)
    s = m[4:20]
    c = m.cast("I")
    r = m.toreadonly()
    mm = memoryview(m)
    inner = memoryview(c)       # getbuffer on a memoryview? no: registers on the same mbuf
    e = memoryview(bytes(m))    # export of the memoryview (bytes(m) acquires m)
    try:
        m.release()             # fine: m has no exports of its own
    except BufferError:
        pass
    # an export of a memoryview held open: release() is refused
    import _testbuffer
    held = _testbuffer.ndarray(c, getbuf=_testbuffer.PyBUF_FULL_RO) if False else None
    arr = array.array("b", bytes(8))
    ma = memoryview(arr)
    keep = memoryview(ma)       # same mbuf
    exp = memoryview(bytearray(ma))
    del s, c, r, mm, inner, e, keep, exp, held
    ma.release()
    # refuse: a memoryview whose buffer is exported by another consumer
    base = bytearray(b"abcdefgh")
    mv = memoryview(base)
    import _testbuffer as tb
    nd = tb.ndarray(mv, getbuf=tb.PyBUF_FULL_RO)   # ndarray holds an export of mv
    try:
        mv.release()
    except BufferError as err:
        print("refused:", err)
    del nd
    mv.release()


def testbuffer():
    import _testbuffer as tb
    nd = tb.ndarray(list(range(12)), shape=[3, 4], format="i", flags=tb.ND_WRITABLE)
    m = memoryview(nd)
    assert m.shape == (3, 4)
    t = m.tolist()
    nd2 = tb.ndarray(nd, getbuf=tb.PyBUF_FULL_RO)
    del nd2
    m.release()
    ex = tb.ndarray(list(range(6)), shape=[6], format="B", flags=tb.ND_WRITABLE | tb.ND_VAREXPORT)
    m1 = memoryview(ex)
    m2 = memoryview(ex)
    m1.release(); m2.release()
    ro = tb.ndarray([1, 2], shape=[2], format="B")
    try:
        tb.ndarray(ro, getbuf=tb.PyBUF_WRITABLE)
    except BufferError:
        pass
    return t


def ctypes_():
    a = (ctypes.c_int * 8)(*range(8))
    m = memoryview(a)
    assert m.format == "<i"
    m.release()
    s = ctypes.create_string_buffer(b"ctypes!", 16)
    bytes(memoryview(s))
    class P(ctypes.Structure):
        _fields_ = [("x", ctypes.c_double), ("y", ctypes.c_double)]
    p = P(1.0, 2.0)
    with memoryview(p) as mp:
        mp.nbytes
    b = bytearray(16)
    c = (ctypes.c_char * 16).from_buffer(b)   # ctypes keeps an export of b
    try:
        b.append(1)
    except BufferError:
        pass
    del c


def pickle5():
    ba = bytearray(b"x" * 1000)
    pb = pickle.PickleBuffer(ba)
    bufs = []
    data = pickle.dumps(pb, protocol=5, buffer_callback=bufs.append)
    out = pickle.loads(data, buffers=bufs)
    assert bytes(out) == bytes(ba)
    with pb.raw() as raw:
        raw.nbytes
    pb.release()
    del bufs, out


def threads():
    shared = bytearray(4096)
    arr = array.array("i", range(256))
    def work(k):
        for i in range(200):
            with memoryview(shared) as m:
                m[k] = i % 256
            with memoryview(arr)[k:k + 8] as s:
                s.tolist()
            bytes(memoryview(b"t" * (k + 1)))
    ts = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()


def numpy_():
    import numpy as np
    a = np.arange(24, dtype=np.int32).reshape(4, 6)
    m = memoryview(a)
    assert m.shape == (4, 6)
    m.release()
    b = np.frombuffer(bytearray(b"abcdefgh"), dtype=np.uint8)
    c = np.frombuffer(b"ro bytes", dtype=np.uint8)
    ba = bytearray(16)
    d = np.frombuffer(ba, dtype=np.uint8)
    try:
        ba.append(1)            # the ndarray holds an export of ba
    except BufferError:
        pass
    del d
    ba.append(1)
    e = np.asarray(memoryview(array.array("f", [1.0, 2.0])))
    s = a[::2, 1:3]
    with memoryview(s) as ms:
        ms.tolist()
    bytes(a)
    del b, c, e


def pep688():
    """Python exporters (PEP 688, 3.12+): __buffer__ / __release_buffer__ on a plain class (its
    views' obj is a hidden _buffer_wrapper), on a subclass of bytearray, and the slot wrappers
    called directly; no-op before 3.12."""
    if sys.version_info < (3, 12):
        return
    class Exporter:
        def __init__(self, n):
            self.data = bytearray(b"p" * n)
            self.released = 0
        def __buffer__(self, flags):
            return memoryview(self.data)
        def __release_buffer__(self, view):
            self.released += 1
            view.release()
    x = Exporter(48)
    with memoryview(x) as m:
        assert m.nbytes == 48 and type(m.obj).__name__ == "_buffer_wrapper"
        try:
            x.data.append(1)     # the bytearray is exported through the inner memoryview
        except BufferError:
            pass
        else:
            raise AssertionError("resized while exported")
    assert x.released == 1, x.released
    bytes(x)
    assert x.released == 2, x.released
    x.data.append(1)             # every export is gone

    class Sub(bytearray):
        def __release_buffer__(self, view):
            super().__release_buffer__(view)
    s = Sub(b"sub688" * 4)
    with memoryview(s) as m:
        m[0] = 0x53
    s.extend(b"!")

    ba = bytearray(b"explicit")
    mv = bytearray.__buffer__(ba, 0)      # the slot wrapper, not PyObject_GetBuffer
    assert mv.obj is ba
    mv.release()
    ba.append(1)


ALL = ["bytearrays", "bytes_", "arrays", "mmaps", "bytesio", "memoryviews", "testbuffer",
       "ctypes_", "pickle5", "threads", "numpy_", "pep688"]

if __name__ == "__main__":
    names = sys.argv[1:] or ALL
    for n in names:
        globals()[n]()
