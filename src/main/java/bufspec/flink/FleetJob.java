package bufspec.flink;

import bufspec.trace.TraceReader;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.SimpleStringEncoder;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.filesystem.rollingpolicies.OnCheckpointRollingPolicy;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;

/**
 * The fleet job: validates the logs of many hosts as they arrive, one process per key. Reads
 * {@code HOSTS/<host>/<log>.ndjson[.gz]} (a directory per host; a file is one process's log), keys
 * lines by process (host and the header's pid and start time), replays each process with its
 * validator state in keyed state, and writes JSON lines to {@code OUT}: each violation once, and
 * each process's verdicts when its log ends (or when it has gone quiet).
 */
@Command(name = "bufspec-flink", mixinStandardHelpOptions = true,
        description = "Validates the bufspec-trace logs of many hosts on Apache Flink (one process per key).")
public final class FleetJob implements Callable<Integer> {

    @Option(names = "--hosts", required = true, paramLabel = "DIR",
            description = "a directory holding one directory per host, each holding that host's logs")
    String hosts;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "where violations and verdicts go (JSON lines, committed at each checkpoint)")
    String out;

    @Option(names = "--checkpoint-dir", paramLabel = "URI",
            description = "where checkpoints go (file:///..., s3://..., hdfs://...); default: the cluster's")
    String checkpointDir;

    @Option(names = "--checkpoint-interval", defaultValue = "10s", paramLabel = "DURATION",
            description = "time between checkpoints (default: ${DEFAULT-VALUE})", converter = DurationConverter.class)
    Duration checkpointInterval;

    @Option(names = "--monitor", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "keep watching the host directories for new logs this often (default: read what is"
                    + " there, then finish)")
    Duration monitor;

    @Option(names = "--quiet", defaultValue = "5m", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "a process with no new line for this long gets provisional verdicts (default: ${DEFAULT-VALUE})")
    Duration quiet;

    @Option(names = "--state-backend", defaultValue = "hashmap",
            description = "hashmap (state on the heap, written at checkpoints) or rocksdb (default: ${DEFAULT-VALUE})")
    String stateBackend;

    @Option(names = "--parallelism", defaultValue = "0", description = "the job's parallelism (0: the environment's)")
    int parallelism;

    @Option(names = "--max-line-bytes", defaultValue = "" + TraceReader.DEFAULT_MAX_LINE_BYTES,
            description = "longest acceptable line in bytes (default: ${DEFAULT-VALUE})")
    int maxLineBytes;

    public static void main(String[] args) {
        System.exit(new CommandLine(new FleetJob()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(configuration());
        if (parallelism > 0) env.setParallelism(parallelism);
        build(env, UnaryOperator.identity());
        env.execute("bufspec fleet validation of " + hosts);
        return 0;
    }

    /** The job's settings as Flink configuration: checkpoints, state backend, restarts. */
    public Configuration configuration() {
        Configuration c = new Configuration();
        c.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, checkpointInterval);
        if (checkpointDir != null) c.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpointDir);
        c.set(StateBackendOptions.STATE_BACKEND, stateBackend);
        c.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        c.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, Integer.MAX_VALUE);
        c.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofSeconds(1));
        return c;
    }

    /** Source, keyed replay, sink; {@code tap} sees the lines before they are keyed (tests inject faults there). */
    public void build(StreamExecutionEnvironment env, UnaryOperator<DataStream<LogLine>> tap) {
        FileSource.FileSourceBuilder<LogLine> source = FileSource.forBulkFileFormat(new LogFileFormat(maxLineBytes),
                new Path(hosts));
        if (monitor != null) source.monitorContinuously(monitor);
        DataStream<LogLine> lines = env.fromSource(source.build(), WatermarkStrategy.noWatermarks(), "logs");
        tap.apply(lines)
                .keyBy(l -> l.process)
                .process(new ValidateProcess(maxLineBytes, quiet.toMillis()))
                .name("replay")
                .sinkTo(FileSink.forRowFormat(new Path(out), new SimpleStringEncoder<String>("UTF-8"))
                        .withRollingPolicy(OnCheckpointRollingPolicy.build())
                        .build())
                .name("findings");
    }

    /** {@code 10s}, {@code 500ms}, {@code 5m}, {@code 1h}. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String s) {
            String t = s.trim().toLowerCase(java.util.Locale.ROOT);
            if (t.endsWith("ms")) return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            return switch (t.charAt(t.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                default -> throw new CommandLine.TypeConversionException("a duration such as 10s, 500ms, 5m: " + s);
            };
        }
    }
}
