package bufspec.tlc;

import java.nio.file.Path;
import java.time.Duration;

/** Test helper run in its own JVM by {@link TlcRunnerShutdownTest}: runs TLC on Forever until killed. */
public final class RunForeverMain {
    private RunForeverMain() {
    }

    public static void main(String[] args) throws Exception {
        TlcRunner.Options options = new TlcRunner.Options(1, "256m", Duration.ofMinutes(2), false, 0);
        new TlcRunner().run(ModelConfig.load(Path.of(args[0])), options, new TlcListener() {
            private boolean said;

            @Override
            public void onMessage(TlcMessage m) {
                if (!said && m.code() == MessageCode.TLC_STARTING) {
                    said = true;
                    System.out.println("tlc-started");
                    System.out.flush();
                }
            }
        });
    }
}
