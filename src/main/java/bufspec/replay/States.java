package bufspec.replay;

import bufspec.trace.ObjectId;

import java.util.Collection;
import java.util.HashMap;

/**
 * The states of the objects the log has shown, by id. A {@link HashMap} holds them (its iteration
 * order is what the footer's reports follow); in front of it, an open-addressing table by address
 * answers the lookup of nearly every event without boxing or chasing map nodes. The table keeps the
 * latest incarnation seen at each address; an older incarnation still tracked is found in the map.
 */
final class States {
    private final HashMap<ObjectId, ExporterState> map = new HashMap<>();
    private final LongMap<ExporterState> byAddress = new LongMap<>(1024);

    ExporterState get(ObjectId id) {
        ExporterState s = byAddress.get(id.address());
        if (s != null && s.id.incarnation() == id.incarnation()) return s;
        return map.get(id);
    }

    void put(ObjectId id, ExporterState s) {
        map.put(id, s);
        byAddress.put(id.address(), s);
    }

    void remove(ObjectId id) {
        ExporterState s = map.remove(id);
        if (s != null) byAddress.remove(id.address(), s);
    }

    Collection<ExporterState> values() {
        return map.values();
    }
}
