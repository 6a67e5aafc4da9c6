package bufspec.replay;

import bufspec.trace.ObjectId;

import java.util.Collection;
import java.util.LinkedHashMap;

/**
 * The states of the objects the log has shown, by id. Lookups go to an open-addressing table by
 * address (no boxing, no map nodes to chase), whose entry heads the list of the incarnations at
 * that address still tracked (nearly always one). A {@link LinkedHashMap} holds the same states for
 * iteration: the footer's reports follow the order objects were first seen (kept by a snapshot).
 */
final class States implements java.io.Serializable {
    private final LinkedHashMap<ObjectId, ExporterState> all = new LinkedHashMap<>();
    private final LongMap<ExporterState> byAddress = new LongMap<>(1024);

    ExporterState get(ObjectId id) {
        ExporterState s = byAddress.get(id.address());
        while (s != null && s.id.incarnation() != id.incarnation()) s = s.sameAddress;
        return s;
    }

    /** Adds the state of an id not tracked yet. */
    void put(ObjectId id, ExporterState s) {
        all.put(id, s);
        s.sameAddress = byAddress.put(id.address(), s);
    }

    void remove(ObjectId id) {
        ExporterState s = all.remove(id);
        if (s == null) return;
        ExporterState head = byAddress.get(id.address());
        if (head == s) {
            if (s.sameAddress == null) byAddress.remove(id.address(), s);
            else byAddress.put(id.address(), s.sameAddress);
        } else {
            for (ExporterState p = head; p != null; p = p.sameAddress) {
                if (p.sameAddress == s) {
                    p.sameAddress = s.sameAddress;
                    break;
                }
            }
        }
        s.sameAddress = null;
    }

    Collection<ExporterState> values() {
        return all.values();
    }
}
