package bufspec.trace;

/**
 * An object's identity in a trace: its address and its incarnation at that address (how many
 * deallocations the tracer saw there before). Written {@code 0x7f3a5c0012f0#0}. Two objects that
 * lived at the same address one after the other have different ids.
 */
public record ObjectId(long address, int incarnation) implements java.io.Serializable {

    @Override
    public int hashCode() {
        return Hashing.mix(address ^ ((long) incarnation << 56));
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof ObjectId other && other.address == address && other.incarnation == incarnation;
    }

    @Override
    public String toString() {
        return Pointers.format(address) + "#" + incarnation;
    }
}
