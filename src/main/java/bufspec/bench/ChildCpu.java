package bufspec.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU seconds of this process's ended child processes (the TLC JVMs), from Linux's
 * {@code /proc/self/stat} (cutime + cstime, in USER_HZ = 100 ticks per second). On a shared
 * machine the wall time of a run depends on the other load; its CPU time does much less.
 * NaN where there is no /proc.
 */
final class ChildCpu {

    private ChildCpu() {}

    static double seconds() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            // fields after the command name (which may hold spaces) in parentheses
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            // f[0] is field 3 (state); cutime, cstime are fields 16, 17
            return (Long.parseLong(f[13]) + Long.parseLong(f[14])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
