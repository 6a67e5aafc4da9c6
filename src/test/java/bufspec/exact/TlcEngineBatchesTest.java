package bufspec.exact;

import bufspec.trace.Event;
import bufspec.trace.Footer;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the TLC engine spreads slices over TLC runs (no TLC is run here). */
class TlcEngineBatchesTest {

    static Slice slice(int index, int events) {
        Event e = new Footer(1, 1, 1, 0, "", true, 0);
        return new Slice(index, Collections.nCopies(events, e));
    }

    static List<List<Slice>> batches(int parallel, int batchEvents, int... sizes) {
        TlcEngine.Options o = TlcEngine.Options.defaults(Path.of("tla")).withBatchEvents(batchEvents);
        o = new TlcEngine.Options(o.tlaDir(), true, parallel, o.batchEvents(), false, o.maxLineBytes(), o.heap(), o.timeout(), null);
        List<Slice> slices = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++) slices.add(slice(i, sizes[i]));
        return new TlcEngine(o).batches(slices);
    }

    static long load(List<Slice> b) {
        return b.stream().mapToLong(s -> s.events().size()).sum();
    }

    @Test
    void aSmallLogIsOneRun() {
        assertEquals(1, batches(2, 60_000, 100, 200, 300, 5).size());
    }

    @Test
    void aLargeLogIsOneBalancedRunPerCore() {
        int[] sizes = new int[400];
        for (int i = 0; i < sizes.length; i++) sizes[i] = 10 + (i * 37) % 500;
        sizes[7] = 9_000;
        List<List<Slice>> b = batches(2, 60_000, sizes);
        assertEquals(2, b.size());
        long total = b.stream().mapToLong(TlcEngineBatchesTest::load).sum();
        assertTrue(Math.abs(load(b.get(0)) - load(b.get(1))) <= 500, () -> load(b.get(0)) + " vs " + load(b.get(1)));
        assertEquals(sizes.length, b.stream().mapToInt(List::size).sum(), "every slice exactly once");
        assertEquals(total, java.util.Arrays.stream(sizes).sum());
        for (List<Slice> x : b) {
            for (int i = 1; i < x.size(); i++) assertTrue(x.get(i - 1).index() < x.get(i).index(), "log order in a run");
        }
    }

    @Test
    void noRunMuchAboveTheBatchSize() {
        int[] sizes = new int[100];
        java.util.Arrays.fill(sizes, 1_000);
        List<List<Slice>> b = batches(2, 20_000, sizes);
        assertEquals(5, b.size());
        b.forEach(x -> assertEquals(20_000, load(x)));
    }
}
