package bufspec.replay;

import bufspec.trace.Hashing;

import java.util.Arrays;

/**
 * An open-addressing map from {@code long} (a struct address) to a value: no boxing, and hashes
 * mixed so that aligned addresses spread. Keys must not be {@link Long#MIN_VALUE} (the free marker);
 * pointers never are in user space.
 */
final class LongMap<V> implements java.io.Serializable {
    private static final long FREE = Long.MIN_VALUE;

    private long[] keys;
    private Object[] values;
    private int size;
    private int mask;

    LongMap() {
        this(64);
    }

    LongMap(int capacity) {
        int n = Integer.highestOneBit(Math.max(16, capacity) * 2 - 1);
        keys = new long[n];
        Arrays.fill(keys, FREE);
        values = new Object[n];
        mask = n - 1;
    }

    int size() {
        return size;
    }

    @SuppressWarnings("unchecked")
    V get(long key) {
        int i = Hashing.mix(key) & mask;
        while (true) {
            long k = keys[i];
            if (k == key) return (V) values[i];
            if (k == FREE) return null;
            i = (i + 1) & mask;
        }
    }

    @SuppressWarnings("unchecked")
    V put(long key, V value) {
        int i = Hashing.mix(key) & mask;
        while (true) {
            long k = keys[i];
            if (k == key) {
                V old = (V) values[i];
                values[i] = value;
                return old;
            }
            if (k == FREE) {
                keys[i] = key;
                values[i] = value;
                if (++size * 2 > keys.length) grow();
                return null;
            }
            i = (i + 1) & mask;
        }
    }

    /** Removes the entry if it maps to exactly {@code value}. */
    boolean remove(long key, V value) {
        int i = Hashing.mix(key) & mask;
        while (true) {
            long k = keys[i];
            if (k == FREE) return false;
            if (k == key) {
                if (values[i] != value) return false;
                deleteAt(i);
                return true;
            }
            i = (i + 1) & mask;
        }
    }

    /** Backward-shift deletion keeps probe chains intact without tombstones. */
    private void deleteAt(int i) {
        size--;
        int gap = i;
        int j = i;
        while (true) {
            j = (j + 1) & mask;
            long k = keys[j];
            if (k == FREE) break;
            int home = Hashing.mix(k) & mask;
            // move k into the gap if its home is not cyclically in (gap, j]
            if (((j - home) & mask) >= ((j - gap) & mask)) {
                keys[gap] = k;
                values[gap] = values[j];
                gap = j;
            }
        }
        keys[gap] = FREE;
        values[gap] = null;
    }

    private void grow() {
        long[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        Arrays.fill(keys, FREE);
        values = new Object[oldKeys.length * 2];
        mask = keys.length - 1;
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != FREE) {
                @SuppressWarnings("unchecked") V v = (V) oldValues[i];
                put(oldKeys[i], v);
            }
        }
    }
}
