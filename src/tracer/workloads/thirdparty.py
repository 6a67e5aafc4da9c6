"""Third-party packages with real exporters and consumers, for the memory watch's no-false-alarm
corpus (traces/corpus/thirdparty-*.ndjson): each function exercises one package the way its users
do, with views live across the package's own allocations, reallocations and frees.

    python3 -m bufspec_tracer -o thirdparty-X.ndjson src/tracer/workloads/thirdparty.py X

Packages come from the local wheel store (target/thirdparty-venv, made by
src/tracer/record_corpus.py --thirdparty); a function whose package is missing exits 3."""
import sys


def need(name):
    import importlib
    try:
        return importlib.import_module(name)
    except ImportError:
        print(f"{name} not installed", file=sys.stderr)
        sys.exit(3)


def numpy_():
    np = need("numpy")
    for n in (1, 100, 10000, 1 << 18):
        a = np.arange(n, dtype=np.float64)
        m = memoryview(a)
        b = np.frombuffer(m, dtype=np.uint8)         # a view of a view
        c = np.asarray(m[::2]) if n > 1 else a
        s = float(c.sum()) + float(b[:8].sum())
        a2 = a.reshape(-1, 1) if n > 1 else a
        t = a2.T.copy()                                 # new allocations while m is live
        r = np.concatenate([a, a])                      # more
        del b, c, t, r, a2
        m.release()
        a.resize(2 * n, refcheck=False)                 # no view left: allowed
        ba = bytearray(a.tobytes())
        v = np.frombuffer(ba, dtype=np.float64)
        v2 = v[::3].copy()
        del v, v2, ba
    x = np.zeros((64, 64), dtype=np.int32)
    with memoryview(x) as mv:
        y = np.array(mv, copy=True)
    rec = np.zeros(10, dtype=[("a", "i4"), ("b", "f8")])
    memoryview(rec).release()
    return s


def msgpack_():
    msgpack = need("msgpack")
    data = {"k": [bytearray(b"x" * 1000), b"y" * 70000, list(range(500))]}
    for _ in range(8):
        p = msgpack.packb(data, use_bin_type=True)
        m = memoryview(p)
        out = msgpack.unpackb(m, raw=False)
        m.release()
        packer = msgpack.Packer(autoreset=False)
        for i in range(100):
            packer.pack({"i": i, "b": b"z" * i})
        buf = packer.getbuffer()                   # a view of the packer's internal buffer
        u = msgpack.Unpacker(raw=False)
        u.feed(buf)
        items = list(u)
        buf.release()
        packer.reset()                             # frees the buffer: no view left
        u2 = msgpack.Unpacker()
        ba = bytearray(p)
        for i in range(0, len(ba), 997):
            u2.feed(memoryview(ba)[i:i + 997])       # the unpacker grows its buffer while fed views
        list(u2)
    return out, items


def lz4_():
    need("lz4.frame")
    import lz4.block
    import lz4.frame
    src = bytearray(b"abcdefgh" * 50000)
    for _ in range(20):
        m = memoryview(src)
        c = lz4.frame.compress(m)
        d = lz4.frame.decompress(memoryview(c))
        cb = lz4.block.compress(m[1000:])
        db = lz4.block.decompress(memoryview(cb))
        comp = lz4.frame.LZ4FrameCompressor()
        parts = [comp.begin()] + [comp.compress(m[i:i + 65536]) for i in range(0, len(m), 65536)] + [comp.flush()]
        dec = lz4.frame.LZ4FrameDecompressor()
        out = dec.decompress(b"".join(parts))
        m.release()
        assert d == src and out == src and db == bytes(src[1000:])


def zstandard_():
    zstd = need("zstandard")
    import io
    src = bytearray(b"0123456789" * 100000)
    cctx, dctx = zstd.ZstdCompressor(level=3), zstd.ZstdDecompressor()
    for _ in range(10):
        m = memoryview(src)
        c = cctx.compress(m)
        d = dctx.decompress(memoryview(c))
        bio = io.BytesIO()
        with cctx.stream_writer(bio, closefd=False) as w:
            for i in range(0, len(m), 131072):
                w.write(m[i:i + 131072])
        r = dctx.stream_reader(io.BytesIO(bio.getvalue()))
        out = bytearray()
        while chunk := r.read(65536):
            out += chunk
        buf = bytearray(200000)
        n = dctx.stream_reader(io.BytesIO(c)).readinto(buf)
        chunker = cctx.chunker(chunk_size=32768)
        ch = list(chunker.compress(m)) + list(chunker.finish())
        m.release()
        assert d == src and out == src and n > 0 and ch


def pyzmq_():
    zmq = need("zmq")
    ctx = zmq.Context()
    a, b = ctx.socket(zmq.PAIR), ctx.socket(zmq.PAIR)
    a.bind("inproc://bufspec")
    b.connect("inproc://bufspec")
    payload = bytearray(b"p" * 200000)
    for i in range(50):
        m = memoryview(payload)
        t = a.send(m, copy=False, track=True)      # zero-copy: zmq holds the view until sent
        f = b.recv(copy=False)
        fb = f.buffer                              # a memoryview of the frame
        assert fb[0] == ord("p")
        small = bytearray(b"s" * 100)
        a.send(small)                              # copied
        assert b.recv() == bytes(small)
        del fb, f                                  # the receiver's frame shares the message (inproc)
        t.wait(timeout=10)
        m.release()
        fr = zmq.Frame(bytes(1000 + i))
        memoryview(fr).release()
    a.close(linger=0); b.close(linger=0); ctx.term()


def pillow_():
    Image = need("PIL.Image")
    import io
    for size in (16, 256, 1024):
        raw = bytearray(range(256)) * (size * size // 256 + 1)
        raw = raw[:size * size]
        im = Image.frombuffer("L", (size, size), raw, "raw", "L", 0, 1)   # shares raw's memory
        im2 = im.resize((size // 2 + 1, size // 2 + 1))
        im3 = im.rotate(45)
        out = io.BytesIO()
        im2.save(out, format="PNG")
        back = Image.open(io.BytesIO(out.getvalue()))
        back.load()
        tb = im3.tobytes()
        fb = Image.frombytes("L", (size, size), memoryview(raw))
        del im, im2, im3, back, fb
        assert len(tb) == size * size


def pyarrow_():
    pa = need("pyarrow")
    import numpy as np
    import pyarrow.ipc
    for n in (10, 10000, 1 << 18):
        ba = bytearray(b"a" * n)
        buf = pa.py_buffer(ba)                      # holds a view of ba
        mv = memoryview(buf)                        # and exports its own
        arr = pa.array(np.arange(n))
        nb = arr.buffers()[1]
        m2 = memoryview(nb)
        x = np.frombuffer(nb, dtype=np.int64)
        tbl = pa.table({"a": arr, "b": pa.array([str(i) for i in range(min(n, 2000))] * (n // min(n, 2000)) +
                                                   [""] * (n % min(n, 2000)))})
        sink = pa.BufferOutputStream()
        with pa.ipc.new_stream(sink, tbl.schema) as w:
            w.write_table(tbl)
        out = sink.getvalue()
        r = pa.ipc.open_stream(pa.BufferReader(memoryview(out)))
        t2 = r.read_all()
        assert t2.num_rows == tbl.num_rows
        del x, r, t2
        m2.release(); mv.release()
        del buf, nb, arr, tbl, out


def h5py_():
    h5py = need("h5py")
    import numpy as np
    import os
    import tempfile
    d = tempfile.mkdtemp()
    path = os.path.join(d, "t.h5")
    with h5py.File(path, "w") as f:
        for n in (10, 1000, 100000):
            a = np.arange(n, dtype=np.float64)
            ds = f.create_dataset(f"d{n}", data=a, chunks=True, compression="gzip")
            out = np.empty_like(a)
            ds.read_direct(out)
            assert (out == a).all()
            ds[:n // 2] = memoryview(a[:n // 2])
            f.attrs[f"b{n}"] = np.void(bytes(n % 100 + 1))
    with h5py.File(path, "r") as f:
        for k in f:
            v = f[k][()]
            memoryview(v).release()
    os.remove(path)
    os.rmdir(d)


def torch_():
    torch = need("torch")
    import numpy as np
    for n in (10, 10000, 1 << 18):
        a = np.arange(n, dtype=np.float32)
        t = torch.from_numpy(a)                    # shares a's memory
        u = t * 2
        ba = bytearray(a.tobytes())
        tb = torch.frombuffer(ba, dtype=torch.float32)   # holds a view of ba
        s = float((tb + u).sum())
        mv = memoryview(u.numpy())
        mv.release()
        del t, u, tb


if __name__ == "__main__":
    globals()[sys.argv[1]]()
