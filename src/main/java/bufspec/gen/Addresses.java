package bufspec.gen;

import bufspec.model.Zoo;
import bufspec.trace.Pointers;

/**
 * Made-up but consistent addresses for a rendered log: one object per exporter (and one managed
 * buffer per memoryview), one stack struct per {@code <<consumer, slot>>}, the master struct
 * inside the managed buffer, memory per exporter and generation (a resize moves it), and a fresh
 * {@code internal} per acquisition. Objects are deallocated at most once in a behaviour, so every
 * id is incarnation {@code #0}.
 */
final class Addresses {
    static final long OBJECTS = 0x7f0000001000L;
    static final long MANAGED = 0x7f0000008000L;
    static final long STACKS = 0x7ffd00000000L;
    static final long MEMORY = 0x7f0010000000L;
    static final long INTERNALS = 0x7f0020000000L;
    /** bytes exported per buffer */
    static final int LEN = 16;

    private long internals;

    static long object(String exporter) {
        return OBJECTS + 0x100L * Zoo.index(exporter);
    }

    static String id(String exporter) {
        return Pointers.format(object(exporter)) + "#0";
    }

    /** The managed buffer a memoryview's base export lives in. */
    static String managedBufferId(String reexporter) {
        return Pointers.format(MANAGED + 0x100L * Zoo.index(reexporter)) + "#0";
    }

    /** {@code &mbuf->master}: the struct holding a memoryview's export of its base. */
    static long masterStruct(String reexporter) {
        return MANAGED + 0x100L * Zoo.index(reexporter) + 0x40;
    }

    /** {@code c1}, slot 2 -> a struct in c1's stack. */
    static long struct(Step.Struct s) {
        return STACKS + 0x10000L * consumerNumber(s.consumer()) + 0x100L * s.slot();
    }

    static long buf(String memoryOwner, int gen) {
        return MEMORY + 0x100000L * Zoo.index(memoryOwner) + 0x8000L * gen;
    }

    long freshInternal() {
        return INTERNALS + 0x40L * ++internals;
    }

    /** Thread id of a consumer ({@code c3} -> 4); exporter-side steps run on thread 1. */
    static int tid(String consumer) {
        return 1 + consumerNumber(consumer);
    }

    static int consumerNumber(String consumer) {
        int i = consumer.length();
        while (i > 0 && Character.isDigit(consumer.charAt(i - 1))) i--;
        if (i == consumer.length()) throw new IllegalArgumentException("consumer " + consumer + " has no number");
        return Integer.parseInt(consumer.substring(i));
    }
}
