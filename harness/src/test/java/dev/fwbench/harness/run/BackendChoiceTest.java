package dev.fwbench.harness.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fwbench.harness.BenchException;
import dev.fwbench.harness.backend.BackendSettings;
import org.junit.jupiter.api.Test;

class BackendChoiceTest {

    private static BackendSettings kind(String kind, String dbUrl) {
        return new BackendSettings(kind, dbUrl, null, null, false);
    }

    @Test
    void explicitKindsAreTakenAsGiven() {
        assertThat(BackendChoice.decide(kind("process", null)).kind()).isEqualTo("process");
        assertThat(BackendChoice.decide(kind("containers", null))).isEqualTo(new BackendChoice.Decision("containers",
                "--backend containers"));
        assertThat(BackendChoice.decide(kind("external", null)).kind()).isEqualTo("external");
    }

    @Test
    void aDatabaseUrlMeansLocalProcesses() {
        assertThat(BackendChoice.decide(kind("auto", "postgresql://u:p@127.0.0.1:5432/x")))
                .isEqualTo(new BackendChoice.Decision("process", "auto: --db-url names a PostgreSQL for local processes"));
        assertThatThrownBy(() -> BackendChoice.decide(kind("containers", "postgresql://u:p@127.0.0.1:5432/x")))
                .isInstanceOf(BenchException.class).hasMessageContaining("--db-url is for the process backend");
    }

    @Test
    void autoSaysWhyItChose() {
        BackendChoice.Decision d = BackendChoice.decide(kind("auto", null));
        assertThat(d.kind()).isIn("containers", "process");
        assertThat(d.why()).startsWith("auto: ");
    }

    @Test
    void unknownKindsAndExternalAsAStarterAreRefused() {
        assertThatThrownBy(() -> kind("vm", null)).hasMessageContaining("unknown backend 'vm'");
        assertThatThrownBy(() -> BackendChoice.openManaged(kind("external", null), null, null))
                .hasMessageContaining("--backend external starts nothing");
    }
}
