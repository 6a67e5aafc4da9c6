package bufspec.flink;

import bufspec.bench.ReplayLogGenerator;
import bufspec.replay.Replay;
import bufspec.result.ValidationResult;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * {@code bufspec-flink bench}: generates valid logs on a few hosts, then validates them with
 * {@code validate} (one thread, and {@code --jobs 2}) and with the fleet job on the local
 * MiniCluster at parallelism 1 and 2 (checkpoints every 10 s on the heap state backend), and prints
 * events/s for each, side by side.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "The fleet job's events/s at parallelism 1 and 2 beside validate on the same logs.")
public final class FlinkBench implements Callable<Integer> {

    @Option(names = "--events", defaultValue = "1000000", description = "events per log (default: ${DEFAULT-VALUE})")
    long events;

    @Option(names = "--logs", defaultValue = "4", description = "logs, one host each (default: ${DEFAULT-VALUE})")
    int logs;

    @Option(names = "--dir", description = "directory for the logs (default: a temporary directory)")
    Path dir;

    public static void main(String[] args) {
        System.exit(new CommandLine(new FlinkBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path d = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("bufspec-flink-bench-");
        Path hosts = Files.createDirectories(d.resolve("hosts"));
        List<String> files = new ArrayList<>();
        long total = 0;
        for (int i = 0; i < logs; i++) {
            Path log = Files.createDirectories(hosts.resolve("host-" + i)).resolve("bench-" + i + ".ndjson");
            try (OutputStream out = Files.newOutputStream(log)) {
                total += new ReplayLogGenerator(42 + i).write(out, events);
            }
            files.add(log.toString());
        }
        System.out.printf("%d logs of %,d events (%,d in all) in %s%n", logs, events, total, hosts);
        Replay replay = new Replay(Replay.Options.defaults());
        replay.validate(files.subList(0, 1)); // warm-up
        for (int jobs : new int[] {1, 2}) {
            long t0 = System.nanoTime();
            ValidationResult r = replay.validate(files, jobs);
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("validate --jobs %d   %6.1f s  %,10.0f events/s  exit %d%n", jobs, s, total / s, r.exitCode());
        }
        for (int p : new int[] {1, 2}) {
            Path out = d.resolve("out-" + p);
            FleetJob job = new FleetJob();
            new CommandLine(job).parseArgs("--hosts", hosts.toUri().toString(), "--out", out.toUri().toString(),
                    "--checkpoint-dir", d.resolve("checkpoints-" + p).toUri().toString(), "--checkpoint-interval", "10s");
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(p, job.configuration());
            job.build(env, UnaryOperator.identity());
            long t0 = System.nanoTime();
            env.execute("bench at parallelism " + p);
            double s = (System.nanoTime() - t0) / 1e9;
            long verdicts;
            try (Stream<Path> w = Files.walk(out)) {
                verdicts = w.filter(Files::isRegularFile).mapToLong(FlinkBench::verdictLines).sum();
            }
            System.out.printf("flink parallelism %d %6.1f s  %,10.0f events/s  (%d verdicts; job start included)%n",
                    p, s, total / s, verdicts);
        }
        return 0;
    }

    private static long verdictLines(Path f) {
        try (Stream<String> lines = Files.lines(f)) {
            return lines.filter(l -> l.contains("\"kind\":\"verdict\"")).count();
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}
