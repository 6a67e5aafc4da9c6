package bufspec.trace;

/**
 * The fields of a {@code Py_buffer} struct as the tracer read them (pointers as {@code long}, 0 for
 * NULL). {@code shape}, {@code strides} and {@code suboffsets} are the pointers, not the arrays.
 */
public record ViewFields(long buf, long len, boolean readonly, long itemsize, int ndim, String format,
                         long shape, long strides, long suboffsets, long internal) implements java.io.Serializable {

    /** sizeof(Py_buffer) on a 64-bit build: a pointer into [view, view + SIZE) points into the struct. */
    public static final long STRUCT_SIZE = 80;

    /** Whether {@code pointer} points into the struct at {@code structAddress} (PyBuffer_FillInfo's shape and strides do). */
    public static boolean pointsInto(long pointer, long structAddress) {
        return pointer != Pointers.NULL
                && Long.compareUnsigned(pointer, structAddress) >= 0
                && Long.compareUnsigned(pointer, structAddress + STRUCT_SIZE) < 0;
    }
}
