package bufspec.cli;

import bufspec.spec.BundledSpecs;
import bufspec.trace.Header;
import picocli.CommandLine;

/** {@code bufspec --version}: the tool, the trace format it reads, and the specs it carries. */
final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String spec;
        try {
            spec = BundledSpecs.bundledVersion();
        } catch (RuntimeException e) {
            spec = "none bundled (" + e.getMessage() + ")";
        }
        return new String[]{
                "bufspec " + BundledSpecs.toolVersion(),
                "trace format: " + Header.FORMAT + " version " + Header.VERSION,
                "spec: " + spec + " (tla/BufferProtocol.tla and its models, bundled; `bufspec spec` lists them)",
                "java: " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
        };
    }
}
