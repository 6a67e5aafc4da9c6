package bufspec.replay;

import bufspec.trace.ObjectId;

/**
 * A successful acquire not yet released.
 *
 * @param struct         the struct address the acquire filled
 * @param counter        the object whose export counter counted it
 * @param perViewPointer a shape/strides pointer outside the struct, or 0: per-view resources an
 *                       exporter must find again through {@code internal}
 */
record LiveView(ViewKey key, long struct, long acquireLine, long acquireSeq, ObjectId counter, long perViewPointer)
        implements java.io.Serializable {

    ObjectId obj() {
        return key.obj();
    }

    /** Each acquire is its own view, even when two look identical. */
    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
