package bufspec.flink;

import bufspec.trace.LineReader;
import bufspec.trace.TraceReader;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.ArrayResultIterator;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.fs.Path;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a log file (NDJSON, gzip recognised by its magic bytes, whatever its name) as records of
 * its lines followed by one end record. A file is one split, read from its start; its checkpointed
 * position is the number of records already emitted, skipped again on restore. A read that fails
 * (a truncated gzip stream, an unreadable file) ends the file with an end record naming the error:
 * it never fails the task, so one host's bad file stops nothing else.
 */
public final class LogFileFormat implements BulkFormat<LogLine, FileSourceSplit> {
    private static final long serialVersionUID = 1L;
    private static final int BATCH = 512;

    private final int maxLineBytes;

    public LogFileFormat(int maxLineBytes) {
        this.maxLineBytes = maxLineBytes;
    }

    @Override
    public Reader<LogLine> createReader(Configuration config, FileSourceSplit split) {
        return new LogReader(split, 0, maxLineBytes);
    }

    @Override
    public Reader<LogLine> restoreReader(Configuration config, FileSourceSplit split) {
        long emitted = split.getReaderPosition().map(CheckpointedPosition::getRecordsAfterOffset).orElse(0L);
        return new LogReader(split, emitted, maxLineBytes);
    }

    @Override
    public boolean isSplittable() {
        return false;
    }

    @Override
    public TypeInformation<LogLine> getProducedType() {
        return TypeInformation.of(LogLine.class);
    }

    /** The process key of a log: host and the header's pid and start, or host and file name. */
    static String processKey(String host, String fileName, byte[] firstLine, int off, int len) {
        Long pid = null;
        String start = null;
        boolean header = false;
        try (JsonParser p = new JsonFactory().createParser(firstLine, off, len)) {
            if (p.nextToken() == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String f = p.currentName();
                    JsonToken v = p.nextToken();
                    if (f.equals("kind")) header = v == JsonToken.VALUE_STRING && p.getText().equals("header");
                    else if (f.equals("pid") && v == JsonToken.VALUE_NUMBER_INT) pid = p.getLongValue();
                    else if (f.equals("start") && v == JsonToken.VALUE_STRING) start = p.getText();
                    else p.skipChildren();
                }
            }
        } catch (IOException | RuntimeException e) {
            header = false; // not a header: keyed by the file's name
        }
        return header && pid != null && start != null ? host + "/" + pid + "@" + start : host + "/" + fileName;
    }

    private static final class LogReader implements BulkFormat.Reader<LogLine> {
        private final String host;
        private final String file;
        private final String fileName;
        private final long skip;
        private final InputStream in;
        private final LineReader lines;
        private String process;
        private long produced;
        private boolean done;
        private String openError;
        private String openErrorType;

        LogReader(FileSourceSplit split, long skip, int maxLineBytes) {
            Path path = split.path();
            this.file = path.toUri().getPath();
            this.fileName = path.getName();
            Path parent = path.getParent();
            this.host = parent == null ? "" : parent.getName();
            this.skip = skip;
            this.process = host + "/" + fileName;
            InputStream s = null;
            try {
                FSDataInputStream raw = path.getFileSystem().open(path);
                s = TraceReader.maybeGunzip(raw);
            } catch (IOException e) {
                openErrorType = e.getClass().getSimpleName();
                openError = e.getMessage();
            }
            this.in = s;
            this.lines = s == null ? null : new LineReader(s, maxLineBytes);
        }

        @Override
        public RecordIterator<LogLine> readBatch() {
            if (done) return null;
            LogLine[] batch = new LogLine[BATCH];
            int n = 0;
            while (n < BATCH && !done) {
                LogLine r = next();
                if (produced++ < skip) continue; // emitted before the checkpoint this reader restores
                batch[n++] = r;
            }
            if (n == 0 && done) return null;
            ArrayResultIterator<LogLine> it = new ArrayResultIterator<>();
            // the records before this batch: the iterator counts each record it hands out on top,
            // so a record's position is the number of records emitted with it (skipped on restore)
            it.set(batch, n, CheckpointedPosition.NO_OFFSET, produced - n);
            return it;
        }

        /** The next record; sets done at the end. */
        private LogLine next() {
            LogLine r = new LogLine();
            r.host = host;
            r.file = file;
            if (lines == null) {
                done = true;
                return end(r, 0, openErrorType, openError);
            }
            boolean more;
            try {
                more = lines.next();
            } catch (IOException e) {
                done = true;
                return end(r, lines.number(), e.getClass().getSimpleName(), e.getMessage());
            }
            if (!more) {
                done = true;
                return end(r, lines.number(), null, null);
            }
            if (lines.number() == 1) process = processKey(host, fileName, lines.bytes(), lines.off(), lines.len());
            r.process = process;
            r.number = lines.number();
            r.bytes = java.util.Arrays.copyOfRange(lines.bytes(), lines.off(), lines.off() + lines.len());
            r.terminated = lines.terminated();
            r.tooLong = lines.tooLong();
            r.length = lines.length();
            return r;
        }

        private LogLine end(LogLine r, long number, String type, String message) {
            r.process = process;
            r.end = true;
            r.number = number;
            r.bytes = new byte[0];
            r.errorType = type;
            r.errorMessage = message;
            return r;
        }

        @Override
        public void close() throws IOException {
            if (in != null) in.close();
        }
    }
}
