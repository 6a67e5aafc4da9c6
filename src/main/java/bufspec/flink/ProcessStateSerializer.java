package bufspec.flink;

import bufspec.replay.ProcessReplay;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/**
 * A process's state in Flink's keyed state: its counters and the bytes of
 * {@link ProcessReplay#snapshot()}. On the heap state backend the state lives as objects and is
 * written only by checkpoints; on RocksDB every access goes through these bytes.
 */
public final class ProcessStateSerializer extends TypeSerializer<ProcessState> {
    private static final long serialVersionUID = 1L;

    @Override public boolean isImmutableType() { return false; }
    @Override public TypeSerializer<ProcessState> duplicate() { return this; }
    @Override public ProcessState createInstance() { return null; }
    @Override public int getLength() { return -1; }

    @Override
    public ProcessState copy(ProcessState from) {
        ProcessState c = new ProcessState(ProcessReplay.restore(from.replay.snapshot()));
        c.violationsEmitted = from.violationsEmitted;
        c.lastSeenMillis = from.lastSeenMillis;
        c.quietReported = from.quietReported;
        return c;
    }

    @Override
    public ProcessState copy(ProcessState from, ProcessState reuse) {
        return copy(from);
    }

    @Override
    public void serialize(ProcessState s, DataOutputView out) throws IOException {
        out.writeInt(s.violationsEmitted);
        out.writeLong(s.lastSeenMillis);
        out.writeBoolean(s.quietReported);
        byte[] b = s.replay.snapshot();
        out.writeInt(b.length);
        out.write(b);
    }

    @Override
    public ProcessState deserialize(DataInputView in) throws IOException {
        int emitted = in.readInt();
        long seen = in.readLong();
        boolean quiet = in.readBoolean();
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        ProcessState s = new ProcessState(ProcessReplay.restore(b));
        s.violationsEmitted = emitted;
        s.lastSeenMillis = seen;
        s.quietReported = quiet;
        return s;
    }

    @Override
    public ProcessState deserialize(ProcessState reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        out.writeInt(in.readInt());
        out.writeLong(in.readLong());
        out.writeBoolean(in.readBoolean());
        int n = in.readInt();
        out.writeInt(n);
        out.write(in, n);
    }

    @Override public boolean equals(Object o) { return o instanceof ProcessStateSerializer; }
    @Override public int hashCode() { return ProcessStateSerializer.class.hashCode(); }

    @Override
    public TypeSerializerSnapshot<ProcessState> snapshotConfiguration() {
        return new Snapshot();
    }

    /** No configuration: the format is that of this class. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<ProcessState> {
        public Snapshot() {
            super(ProcessStateSerializer::new);
        }
    }
}
