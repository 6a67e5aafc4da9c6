package bufspec.replay;

import bufspec.trace.Hashing;
import bufspec.trace.ObjectId;
import bufspec.trace.ViewFields;

/**
 * What a view looks like, without its struct address: how a release through a copy (memcpy of
 * the struct, invisible to the tracer) is matched to its acquire. Identical keys form a multiset.
 */
record ViewKey(ObjectId obj, long buf, long len, long internal, long shape, long strides, long suboffsets)
        implements java.io.Serializable {

    @Override
    public int hashCode() {
        return obj.hashCode() * 31 + Hashing.mix(buf ^ len * 0x100000001B3L ^ Long.rotateLeft(internal, 17)
                ^ Long.rotateLeft(shape, 29) ^ Long.rotateLeft(strides, 41) ^ Long.rotateLeft(suboffsets, 53));
    }

    /** Whether this is the key {@link #of} these would make (without making it). */
    boolean is(ObjectId obj, ViewFields f) {
        return buf == f.buf() && len == f.len() && internal == f.internal() && shape == f.shape()
                && strides == f.strides() && suboffsets == f.suboffsets() && this.obj.equals(obj);
    }

    static ViewKey of(ObjectId obj, ViewFields f) {
        return new ViewKey(obj, f.buf(), f.len(), f.internal(), f.shape(), f.strides(), f.suboffsets());
    }
}
