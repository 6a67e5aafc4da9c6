package bufspec.flink;

import bufspec.model.Property;
import bufspec.replay.ProcessReplay;
import bufspec.result.FileResult;
import bufspec.result.Verdict;
import bufspec.result.Violation;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.util.List;
import java.util.Map;

/**
 * The replay validator of one process, keyed by process: each line goes through its
 * {@link ProcessReplay} held in keyed state; each violation kept in full is emitted once, as a JSON
 * line, when it is found; the process's verdicts are emitted when its log ends, or (provisionally)
 * when it has been quiet for {@code quietMillis}.
 */
public final class ValidateProcess extends KeyedProcessFunction<String, LogLine, String> {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int maxLineBytes;
    private final long quietMillis;
    private transient ValueState<ProcessState> state;

    public ValidateProcess(int maxLineBytes, long quietMillis) {
        this.maxLineBytes = maxLineBytes;
        this.quietMillis = quietMillis;
    }

    @Override
    public void open(OpenContext ctx) {
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("process", new ProcessStateSerializer()));
    }

    @Override
    public void processElement(LogLine l, Context ctx, Collector<String> out) throws Exception {
        ProcessState s = state.value();
        if (s == null) s = new ProcessState(new ProcessReplay(l.file, maxLineBytes));
        ProcessReplay p = s.replay;
        if (l.end) {
            if (l.errorType != null) p.unreadable(l.errorType, l.errorMessage);
            p.end();
        } else {
            p.line(l.number, l.bytes, 0, l.bytes.length, l.terminated, l.tooLong, l.length);
        }
        List<Violation> found = p.violationsSoFar();
        for (int i = s.violationsEmitted; i < found.size(); i++) out.collect(violation(l, found.get(i)));
        s.violationsEmitted = found.size();
        if (l.end) {
            out.collect(verdict(l.process, l.host, p, "end"));
            state.clear();
            return;
        }
        long now = ctx.timerService().currentProcessingTime();
        s.lastSeenMillis = now;
        s.quietReported = false;
        state.update(s);
        if (quietMillis > 0) {
            // one timer per process and second at most: timers on the same timestamp coalesce
            ctx.timerService().registerProcessingTimeTimer((now + quietMillis) / 1000 * 1000 + 1000);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<String> out) throws Exception {
        ProcessState s = state.value();
        if (s == null || s.quietReported || timestamp - s.lastSeenMillis < quietMillis) return;
        s.quietReported = true;
        state.update(s);
        String key = ctx.getCurrentKey();
        out.collect(verdict(key, key.substring(0, Math.max(0, key.indexOf('/'))), s.replay, "quiet"));
    }

    static String violation(LogLine l, Violation v) {
        ObjectNode n = JSON.createObjectNode();
        n.put("kind", "violation");
        n.put("process", l.process);
        n.put("host", l.host);
        n.put("file", v.file());
        n.put("property", v.property().name());
        n.put("line", v.line());
        n.put("seq", v.seq());
        n.put("event", v.event());
        n.put("explanation", v.explanation());
        return n.toString();
    }

    /** The process's verdicts: {@code end} when its log ended, {@code quiet} while it may go on. */
    static String verdict(String process, String host, ProcessReplay p, String status) {
        FileResult r = p.result();
        ObjectNode n = JSON.createObjectNode();
        n.put("kind", "verdict");
        n.put("status", status);
        n.put("process", process);
        n.put("host", host);
        n.put("file", r.file());
        var h = p.validator().header();
        if (h != null && h.pid() != null) n.put("pid", h.pid());
        if (h != null && h.start() != null) n.put("start", h.start());
        n.put("ending", r.ending().name());
        n.put("events", r.stats().events());
        n.put("errors", r.errorCount());
        ObjectNode verdicts = n.putObject("verdicts");
        for (Map.Entry<Property, Verdict> e : new java.util.TreeMap<>(r.verdicts()).entrySet()) {
            verdicts.put(e.getKey().name(), e.getValue().name());
        }
        ObjectNode counts = n.putObject("violations");
        for (Map.Entry<Property, Long> e : new java.util.TreeMap<>(r.violationCounts()).entrySet()) {
            counts.put(e.getKey().name(), e.getValue());
        }
        return n.toString();
    }
}
