package bufspec.report;

import bufspec.report.check.CheckJson;
import bufspec.report.check.CheckJsonReader;
import bufspec.result.CheckRun;
import bufspec.tlc.CheckResult;
import bufspec.tlc.ModelConfig;
import bufspec.tlc.TlcListener;
import bufspec.tlc.TlcRunner;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** The check results renderers take in one process are those a {@code check --format json} file reads back into. */
class CheckRunTest {

    @Test
    void inMemoryAndReadBackFromJsonAreTheSameRun() throws Exception {
        Path mini = Fixtures.dir().resolve("mini");
        List<ModelConfig> configs = List.of(ModelConfig.load(mini.resolve("MiniBufferBad.cfg")),
                ModelConfig.load(mini.resolve("MiniBufferGood.cfg")));
        List<CheckResult> results = new ArrayList<>();
        TlcRunner runner = new TlcRunner();
        for (ModelConfig c : configs) {
            results.add(CheckResult.of(mini, c, runner.run(c, TlcRunner.Options.defaults().withWorkers(1), TlcListener.NONE)));
        }
        CheckRun direct = CheckRun.of(results, configs);
        assertNotNull(direct.configs().get(0).trace(), "the bad configuration has a counterexample");
        CheckRun back = CheckJsonReader.read(JsonInput.parse("check.json", CheckJson.text(CheckJson.document(results, configs))));
        assertEquals(direct, back);
    }
}
