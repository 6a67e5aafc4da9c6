package bufspec.report.diagram;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A sequence diagram, independent of how it is drawn: lifelines left to right and rows top to
 * bottom. {@link MermaidWriter} and {@link SvgWriter} draw the same value.
 */
public record SequenceDiagram(List<Participant> participants, List<Item> items) {

    public SequenceDiagram {
        participants = List.copyOf(participants);
        items = List.copyOf(items);
        Set<String> ids = new HashSet<>();
        for (Participant p : participants) {
            if (!ids.add(p.id())) {
                throw new IllegalArgumentException("two participants with id " + p.id());
            }
        }
        for (Item i : items) {
            for (String end : ends(i)) {
                if (!ids.contains(end)) {
                    throw new IllegalArgumentException("row refers to unknown participant " + end);
                }
            }
        }
    }

    /** The lifelines a row touches. */
    public static List<String> ends(Item i) {
        if (i instanceof Item.Message m) {
            return List.of(m.from(), m.to());
        }
        Item.Note n = (Item.Note) i;
        return List.of(n.from(), n.to());
    }

    public int indexOf(String id) {
        for (int i = 0; i < participants.size(); i++) {
            if (participants.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    /** Collects participants (first added wins its place within its role) and rows. */
    public static final class Builder {
        private final List<Participant> participants = new ArrayList<>();
        private final List<Item> items = new ArrayList<>();

        public Builder participant(Participant p) {
            if (participants.stream().noneMatch(q -> q.id().equals(p.id()))) {
                participants.add(p);
            }
            return this;
        }

        public Builder add(Item item) {
            items.add(item);
            return this;
        }

        /** A note across every lifeline the finished diagram shows. */
        public Builder noteAcross(String text, boolean highlighted) {
            items.add(new Item.Note(FIRST, LAST, text, highlighted));
            return this;
        }

        public boolean isEmpty() {
            return items.isEmpty();
        }

        /** Participants actually used by a row, in the order given; unused ones are dropped. */
        public SequenceDiagram build() {
            Set<String> used = new HashSet<>();
            items.forEach(i -> used.addAll(ends(i)));
            List<Participant> shown = participants.stream().filter(p -> used.contains(p.id())).toList();
            if (shown.isEmpty() && !participants.isEmpty()) {
                shown = List.of(participants.get(0));
            }
            if (shown.isEmpty()) {
                throw new IllegalStateException("a diagram needs at least one participant");
            }
            String first = shown.get(0).id();
            String last = shown.get(shown.size() - 1).id();
            List<Item> resolved = items.stream().map(i -> i instanceof Item.Note n && n.from().equals(FIRST)
                    ? (Item) new Item.Note(first, last, n.text(), n.highlighted()) : i).toList();
            return new SequenceDiagram(shown, resolved);
        }

        private static final String FIRST = "\u0000first";
        private static final String LAST = "\u0000last";
    }
}
