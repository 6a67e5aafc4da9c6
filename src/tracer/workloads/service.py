"""A production-like workload: a small binary-protocol service over real, unmodified exporters.

    python3 -m bufspec_tracer -o service.ndjson src/tracer/workloads/service.py [REQUESTS] [THREADS]

Four worker threads (default) take requests from a queue, like a thread-pooled server. Each
request goes through the buffer traffic such a service really has:

- receive: a per-worker bytearray receive buffer filled by BytesIO.readinto (a writable export),
  sliced through memoryview chains (frame header, payload), parsed with struct.unpack_from;
- store: the payload written into a shared anonymous mmap (slice assignment acquires the
  payload), read back through a memoryview of the mmap; a refused mmap resize while exported;
- compute: NumPy frombuffer over the payload bytes (no releasebuffer, no counter), a reduction,
  an array.array accumulator extended with frombytes and read through a cast memoryview;
- checksum: zlib.crc32 and hashlib over memoryviews;
- respond: a BytesIO response builder written from memoryviews, its getbuffer() (a redirect
  whose counter is the BytesIO) and a refused write while it is exported, bytes.join of views;
- now and then the receive buffer grows (bytearray resize after its views were released) and a
  write into a bytearray while exported is refused.

Deterministic per request (seeded), the interleaving of threads is the scheduler's. Every
acquire is released: the log must validate (exit 0).
"""
import array
import hashlib
import io
import mmap
import queue
import random
import struct
import sys
import threading
import zlib

import numpy as np

HEADER = struct.Struct("<IHH")          # length, kind, flags
STORE_SIZE = 1 << 16


def make_request(rng, i):
    n = rng.randrange(16, 160)
    payload = bytes(rng.getrandbits(8) for _ in range(n))
    return HEADER.pack(n, i % 7, rng.getrandbits(16)) + payload


class Worker:
    def __init__(self, k, store, lock):
        self.k = k
        self.recv = bytearray(256)
        self.store = store
        self.lock = lock
        self.acc = array.array("d")
        self.handled = 0

    def handle(self, wire, i):
        src = io.BytesIO(wire)
        if len(self.recv) < len(wire):
            self.recv = bytearray(len(wire) * 2)
        got = src.readinto(self.recv)              # writable export of the receive buffer
        with memoryview(self.recv) as rv:
            frame = rv[:got]                       # a chain: slice of a memoryview
            n, kind, flags = HEADER.unpack_from(frame, 0)
            payload = frame[HEADER.size:HEADER.size + n]
            body = bytes(payload)                  # copy out of the receive buffer
            crc = zlib.crc32(payload)
            digest = hashlib.sha1(payload).digest()
            payload.release()
            frame.release()
        # store: the shared mmap region of this worker
        off = (self.k * 4096 + (i * 160) % 3840) % STORE_SIZE
        with self.lock:
            self.store[off:off + n] = body         # acquires body
            with memoryview(self.store)[off:off + n] as sv:
                assert sv.tobytes() == body
        # compute: NumPy over the bytes, an array accumulator
        vec = np.frombuffer(body, dtype=np.uint8)
        total = int(vec.sum())
        if i % 4 == 0:
            with memoryview(vec[: n // 4]) as nv:   # an export of a NumPy ndarray
                nv.tolist()
        self.acc.frombytes(struct.pack("<d", total))
        if len(self.acc) > 64:
            del self.acc[:32]
        with memoryview(self.acc).cast("B") as raw:
            mean = sum(struct.unpack_from("<d", raw, 8 * j)[0] for j in range(min(4, len(self.acc))))
        del vec
        # respond: a BytesIO response from views, getbuffer, bytes.join
        out = io.BytesIO()
        out.write(HEADER.pack(n, kind | 0x80, flags))
        with memoryview(body) as bv:
            out.write(bv[: n // 2])
            out.write(bv[n // 2:])
        out.write(struct.pack("<Id", crc, mean))
        gb = out.getbuffer()
        if i % 50 == 0:
            try:
                out.write(b"!")                    # refused: exported
            except BufferError:
                pass
        reply = b"".join([gb[:8], digest, gb[8:]])
        gb.release()
        out.close()
        if i % 97 == 0:
            self.housekeeping()
        self.handled += 1
        return len(reply)

    def housekeeping(self):
        v = memoryview(self.recv)
        try:
            self.recv.extend(b"\0" * 64)           # refused while exported
        except BufferError:
            pass
        v.release()
        self.recv.extend(b"\0" * 64)               # grows once released
        with self.lock, memoryview(self.store) as held:
            try:
                self.store.resize(STORE_SIZE * 2)  # refused: the store is exported
            except (BufferError, SystemError, OSError):
                pass
            held[0] = self.k


def main():
    requests = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    nthreads = int(sys.argv[2]) if len(sys.argv) > 2 else 4
    rng = random.Random(3118)
    wires = [make_request(rng, i) for i in range(requests)]
    store = mmap.mmap(-1, STORE_SIZE)
    lock = threading.Lock()
    workers = [Worker(k, store, lock) for k in range(nthreads)]
    q = queue.Queue()
    total = [0] * nthreads

    def run(w):
        while True:
            item = q.get()
            if item is None:
                return
            i, wire = item
            total[w.k] += w.handle(wire, i)

    ts = [threading.Thread(target=run, args=(w,)) for w in workers]
    for t in ts:
        t.start()
    for i, wire in enumerate(wires):
        q.put((i, wire))
    for _ in ts:
        q.put(None)
    for t in ts:
        t.join()
    store.close()
    print(f"{requests} requests, {sum(w.handled for w in workers)} handled, {sum(total)} reply bytes")


if __name__ == "__main__":
    main()
