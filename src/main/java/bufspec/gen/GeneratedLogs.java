package bufspec.gen;

import bufspec.exact.Conformance;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Logs generated from the spec: TLC simulation of GENBufferProtocol, each behaviour rendered. */
public final class GeneratedLogs {
    private GeneratedLogs() {}

    /** One case per simulated behaviour, named after the seed and its number. */
    public static List<Conformance.Case> generate(Simulation.Options o) throws IOException, InterruptedException {
        List<Behaviour> bs = Simulation.run(o);
        List<Conformance.Case> out = new ArrayList<>(bs.size());
        String cfg = o.cfg().getFileName().toString().replaceFirst("\\.cfg$", "");
        for (int i = 0; i < bs.size(); i++) {
            out.add(new Conformance.Case("gen:" + cfg + ":seed" + o.seed() + ":" + i, LogRenderer.render(bs.get(i), i)));
        }
        return out;
    }
}
