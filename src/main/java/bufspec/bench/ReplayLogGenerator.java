package bufspec.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes a large VALID {@code bufspec-trace} log: many exporters (bytearray, array.array with
 * counters; bytes without), copies released instead of originals, identical views (a multiset),
 * memoryview chains, refused writable requests and resizes, several threads, objects dying and new
 * ones reusing their addresses (incarnations). Every rule of the validator is exercised and holds,
 * so the validator must find nothing: the benchmark checks that too.
 */
public final class ReplayLogGenerator {

    private static final String[] TYPES = {"bytearray", "array.array", "bytes"};
    private static final int OBJECTS = 20_000;
    private static final int THREADS = 4;
    private static final int MAX_VIEWS_PER_OBJECT = 6;
    private static final int CHAINS = 64;

    private final SplittableRandom rnd;
    private final StringBuilder sb = new StringBuilder(512);
    private OutputStream out;
    private long seq;
    private long written;

    // Exporter slots: address reuse gives a new incarnation.
    private final int[] incarnation = new int[OBJECTS];
    private final int[] type = new int[OBJECTS];
    private final long[] rc = new long[OBJECTS];
    private final long[] exports = new long[OBJECTS];
    private final int[] live = new int[OBJECTS];
    private final long[] buf = new long[OBJECTS];
    private final long[] len = new long[OBJECTS];
    private final boolean[] held = new boolean[OBJECTS];

    private final List<View> views = new ArrayList<>();
    private final long[] stackTop = new long[THREADS];
    private final Chain[] chains = new Chain[CHAINS];
    private final int[] chainIncarnation = new int[CHAINS];

    private record View(int obj, long struct, boolean fill, int tid) {}

    private static final class Chain {
        int base;
        int phase;
        int tid;
        long mvStruct;
    }

    public ReplayLogGenerator(long seed) {
        this.rnd = new SplittableRandom(seed);
    }

    /** Writes at least {@code events} events (plus header, cleanup and footer); returns the count. */
    public long write(OutputStream sink, long events) throws IOException {
        out = new BufferedOutputStream(sink, 1 << 20);
        for (int i = 0; i < OBJECTS; i++) born(i);
        for (int t = 0; t < THREADS; t++) stackTop[t] = 0x7ffd00000000L + ((long) t << 24);
        line("{\"kind\":\"header\",\"format\":\"bufspec-trace\",\"version\":1,\"producer\":\"bufspec bench replay\","
                + "\"python\":\"3.11.7\",\"pid\":1,\"start\":\"2026-01-01T00:00:00Z\",\"argv\":[\"bench\"],\"attached\":\"start\"}");
        while (seq < events) step();
        // Clean shutdown: every view released, every chain finished, then the footer.
        for (int c = 0; c < CHAINS; c++) while (chains[c] != null) chainStep(c);
        while (!views.isEmpty()) release(views.size() - 1);
        seq++;
        line("{\"seq\":" + seq + ",\"tid\":1,\"kind\":\"footer\",\"events\":" + (seq - 1)
                + ",\"end\":\"2026-01-01T00:01:00Z\",\"finalized\":true}");
        out.flush();
        return seq + 1;
    }

    public long bytesWritten() {
        return written;
    }

    private void step() throws IOException {
        int r = rnd.nextInt(100);
        if (r < 34 && views.size() < 20_000) {
            int o = rnd.nextInt(OBJECTS);
            if (live[o] < MAX_VIEWS_PER_OBJECT) acquire(o, rnd.nextInt(THREADS));
        } else if (r < 72) {
            if (!views.isEmpty()) release(rnd.nextInt(views.size()));
        } else if (r < 76) {
            refuse(rnd.nextInt(OBJECTS), rnd.nextInt(THREADS));
        } else if (r < 81) {
            resize(rnd.nextInt(OBJECTS));
        } else if (r < 88) {
            int o = rnd.nextInt(OBJECTS);
            if (live[o] == 0 && !held[o]) dealloc(o);
        } else {
            int c = rnd.nextInt(CHAINS);
            chainStep(c);
        }
    }

    // ---- exporters ----

    private void born(int o) {
        type[o] = rnd.nextInt(TYPES.length);
        rc[o] = 1;
        exports[o] = 0;
        live[o] = 0;
        len[o] = 16 + rnd.nextInt(4096);
        buf[o] = 0x7f1000000000L + ((long) o << 16) + ((long) (incarnation[o] & 0xff) << 4);
    }

    private boolean counted(int o) {
        return type[o] != 2;
    }

    private String id(int o) {
        return "0x" + Long.toHexString(0x7f0000000000L + ((long) o << 6)) + "#" + incarnation[o];
    }

    private long nextStruct(int tid) {
        stackTop[tid] += 0x60;
        if (stackTop[tid] > 0x7ffd00000000L + ((long) tid << 24) + 0xfff000) stackTop[tid] = 0x7ffd00000000L + ((long) tid << 24);
        return stackTop[tid];
    }

    private void acquire(int o, int tid) throws IOException {
        long struct = nextStruct(tid);
        boolean fill = rnd.nextInt(4) != 0;
        acquireInto(o, struct, fill, tid);
        views.add(new View(o, struct, fill, tid));
    }

    private void acquireInto(int o, long struct, boolean fill, int tid) throws IOException {
        StringBuilder s = start("acquire", tid);
        s.append(",\"exporter\":\"").append(id(o)).append("\",\"type\":\"").append(TYPES[type[o]])
                .append("\",\"view\":\"0x").append(Long.toHexString(struct)).append("\",\"flags\":").append(fill ? 284 : 0)
                .append(",\"ok\":true,\"error\":null,\"obj_before\":null,\"obj\":\"").append(id(o)).append('"');
        fields(s, o, struct, fill);
        s.append(",\"rc\":[").append(rc[o]).append(',').append(rc[o] + 1).append(']');
        rc[o]++;
        if (counted(o)) {
            s.append(",\"counter\":\"").append(id(o)).append("\",\"exports\":[").append(exports[o]).append(',')
                    .append(exports[o] + 1).append(']');
            exports[o]++;
        }
        live[o]++;
        end(s);
    }

    private void fields(StringBuilder s, int o, long struct, boolean fill) {
        s.append(",\"buf\":\"0x").append(Long.toHexString(buf[o])).append("\",\"len\":").append(len[o])
                .append(",\"readonly\":").append(type[o] == 2).append(",\"itemsize\":1,\"ndim\":1,\"format\":\"B\"");
        if (fill) {
            s.append(",\"shape\":\"0x").append(Long.toHexString(struct + 16)).append("\",\"strides\":\"0x")
                    .append(Long.toHexString(struct + 24)).append('"');
        } else {
            s.append(",\"shape\":null,\"strides\":null");
        }
        s.append(",\"suboffsets\":null,\"internal\":null");
    }

    private void release(int index) throws IOException {
        View v = views.get(index);
        views.set(index, views.get(views.size() - 1));
        views.remove(views.size() - 1);
        // A third of the releases go through a copy of the struct (memcpy'd elsewhere on the stack).
        long via = rnd.nextInt(3) == 0 ? nextStruct(v.tid()) : v.struct();
        releaseFrom(v.obj(), v.struct(), via, v.fill(), v.tid());
    }

    private void releaseFrom(int o, long struct, long via, boolean fill, int tid) throws IOException {
        StringBuilder s = start("release", tid);
        s.append(",\"exporter\":\"").append(id(o)).append("\",\"type\":\"").append(TYPES[type[o]])
                .append("\",\"view\":\"0x").append(Long.toHexString(via)).append('"');
        fields(s, o, struct, fill);
        s.append(",\"has_releasebuffer\":").append(counted(o));
        s.append(",\"rc\":[").append(rc[o]).append(',').append(rc[o]).append(']');
        if (counted(o)) {
            s.append(",\"counter\":\"").append(id(o)).append("\",\"exports\":[").append(exports[o]).append(',')
                    .append(exports[o] - 1).append(']');
            exports[o]--;
        }
        rc[o]--;
        live[o]--;
        end(s);
    }

    private void refuse(int o, int tid) throws IOException {
        if (type[o] != 2) return; // writable request on read-only bytes
        StringBuilder s = start("acquire", tid);
        long struct = nextStruct(tid);
        s.append(",\"exporter\":\"").append(id(o)).append("\",\"type\":\"bytes\",\"view\":\"0x")
                .append(Long.toHexString(struct)).append("\",\"flags\":285,\"ok\":false,")
                .append("\"error\":\"BufferError: Object is not writable.\",\"obj_before\":null,\"obj\":null")
                .append(",\"rc\":[").append(rc[o]).append(',').append(rc[o]).append("]");
        end(s);
    }

    private void resize(int o) throws IOException {
        if (!counted(o)) return;
        boolean ok = live[o] == 0 && !held[o];
        StringBuilder s = start("resize", 1 + rnd.nextInt(THREADS));
        s.append(",\"exporter\":\"").append(id(o)).append("\",\"type\":\"").append(TYPES[type[o]])
                .append("\",\"op\":\"append\",\"ok\":").append(ok);
        if (ok) {
            long old = buf[o];
            buf[o] += 0x10;
            len[o] += 1;
            s.append(",\"error\":null,\"exports\":0,\"buf\":[\"0x").append(Long.toHexString(old)).append("\",\"0x")
                    .append(Long.toHexString(buf[o])).append("\"]");
        } else {
            s.append(",\"error\":\"BufferError: Existing exports of data: object cannot be re-sized\",\"exports\":")
                    .append(exports[o]);
        }
        end(s);
    }

    private void dealloc(int o) throws IOException {
        StringBuilder s = start("dealloc", 1 + rnd.nextInt(THREADS));
        s.append(",\"object\":\"").append(id(o)).append("\",\"type\":\"").append(TYPES[type[o]]).append('"');
        if (counted(o)) s.append(",\"exports\":0");
        end(s);
        incarnation[o]++;
        born(o);
    }

    // ---- memoryview chains: a managed buffer holding one export of its base ----

    private String mbuf(int c) {
        return "0x" + Long.toHexString(0x7f2000000000L + ((long) c << 8)) + "#" + chainIncarnation[c];
    }

    private String mv(int c) {
        return "0x" + Long.toHexString(0x7f2000000000L + ((long) c << 8) + 0x80) + "#" + chainIncarnation[c];
    }

    private long master(int c) {
        return 0x7f2000000000L + ((long) c << 8) + 0x20;
    }

    private void chainStep(int c) throws IOException {
        Chain ch = chains[c];
        if (ch == null) {
            int base = rnd.nextInt(OBJECTS);
            if (!counted(base) || held[base] || live[base] >= MAX_VIEWS_PER_OBJECT) return;
            ch = new Chain();
            ch.base = base;
            ch.tid = rnd.nextInt(THREADS);
            chains[c] = ch;
            held[base] = true;
            acquireInto(base, master(c), true, ch.tid);
            StringBuilder s = start("chain", ch.tid);
            s.append(",\"op\":\"hold\",\"holder\":\"").append(mbuf(c)).append("\",\"holder_type\":\"managedbuffer\",\"view\":\"0x")
                    .append(Long.toHexString(master(c))).append("\",\"base\":\"").append(id(base)).append('"');
            end(s);
            return;
        }
        switch (ch.phase++) {
            case 0 -> chainOp(c, "register");
            case 1 -> { // getbuffer on the memoryview: counted on the memoryview itself
                ch.mvStruct = nextStruct(ch.tid);
                StringBuilder s = start("acquire", ch.tid);
                s.append(",\"exporter\":\"").append(mv(c)).append("\",\"type\":\"memoryview\",\"view\":\"0x")
                        .append(Long.toHexString(ch.mvStruct)).append("\",\"flags\":284,\"ok\":true,\"error\":null,")
                        .append("\"obj_before\":null,\"obj\":\"").append(mv(c)).append('"');
                fields(s, ch.base, ch.mvStruct, true);
                s.append(",\"rc\":[1,2],\"counter\":\"").append(mv(c)).append("\",\"exports\":[0,1]");
                end(s);
            }
            case 2 -> {
                StringBuilder s = start("chain", ch.tid);
                s.append(",\"op\":\"refuse\",\"reexporter\":\"").append(mv(c))
                        .append("\",\"error\":\"BufferError: memoryview has 1 exported buffer\"");
                end(s);
            }
            case 3 -> {
                StringBuilder s = start("release", ch.tid);
                s.append(",\"exporter\":\"").append(mv(c)).append("\",\"type\":\"memoryview\",\"view\":\"0x")
                        .append(Long.toHexString(ch.mvStruct)).append('"');
                fields(s, ch.base, ch.mvStruct, true);
                s.append(",\"has_releasebuffer\":true,\"rc\":[2,2],\"counter\":\"").append(mv(c)).append("\",\"exports\":[1,0]");
                end(s);
            }
            case 4 -> chainOp(c, "unregister");
            default -> {
                StringBuilder s = start("chain", ch.tid);
                s.append(",\"op\":\"drop\",\"holder\":\"").append(mbuf(c)).append("\",\"view\":\"0x")
                        .append(Long.toHexString(master(c))).append("\",\"base\":\"").append(id(ch.base)).append('"');
                end(s);
                releaseFrom(ch.base, master(c), master(c), true, ch.tid);
                held[ch.base] = false;
                s = start("dealloc", ch.tid);
                s.append(",\"object\":\"").append(mv(c)).append("\",\"type\":\"memoryview\",\"exports\":0");
                end(s);
                s = start("dealloc", ch.tid);
                s.append(",\"object\":\"").append(mbuf(c)).append("\",\"type\":\"managedbuffer\"");
                end(s);
                chainIncarnation[c]++;
                chains[c] = null;
            }
        }
    }

    private void chainOp(int c, String op) throws IOException {
        StringBuilder s = start("chain", chains[c].tid);
        s.append(",\"op\":\"").append(op).append("\",\"holder\":\"").append(mbuf(c)).append("\",\"reexporter\":\"")
                .append(mv(c)).append('"');
        end(s);
    }

    // ---- lines ----

    private StringBuilder start(String kind, int tid) {
        sb.setLength(0);
        seq++;
        return sb.append("{\"seq\":").append(seq).append(",\"tid\":").append(1000 + tid).append(",\"kind\":\"").append(kind).append('"');
    }

    private void end(StringBuilder s) throws IOException {
        s.append('}');
        line(s.toString());
    }

    private void line(String l) throws IOException {
        byte[] b = l.getBytes(StandardCharsets.ISO_8859_1);
        out.write(b);
        out.write('\n');
        written += b.length + 1;
    }
}
