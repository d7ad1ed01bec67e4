package dev.fwbench.harness.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The machine a result belongs to, as the regression gate keys its baselines: architecture and
 * CPU model must be known on x86 and on ARM, whose kernels print no "model name".
 */
class EnvironmentFingerprintTest {

    /** The head of an arm64 /proc/cpuinfo as the kernel prints it for a Neoverse-N2 core (implementer 0x41 = ARM, part 0xd49); typed from the kernel's format, not copied from a runner. */
    private static final String ARM64_CPUINFO = """
            processor\t: 0
            BogoMIPS\t: 2000.00
            Features\t: fp asimd evtstrm aes pmull sha1 sha2 crc32 atomics fphp asimdhp cpuid
            CPU implementer\t: 0x41
            CPU architecture: 8
            CPU variant\t: 0x0
            CPU part\t: 0xd49
            CPU revision\t: 0
            """;

    @Test
    void x86NamesItsModel(@TempDir Path tmp) throws Exception {
        Path cpuinfo = Files.writeString(tmp.resolve("cpuinfo"), "processor\t: 0\nvendor_id\t: GenuineIntel\n"
                + "model name\t: Intel(R) Xeon(R) Processor\n");
        assertThat(EnvironmentFingerprint.cpuModel(cpuinfo, tmp)).isEqualTo("Intel(R) Xeon(R) Processor");
    }

    @Test
    void arm64TakesLscpusNameOrElseThePartNumbers() {
        assertThat(EnvironmentFingerprint.armModel("Architecture:  aarch64\nVendor ID:     ARM\nModel name:    Neoverse-N2\n",
                "0x41", "0xd49")).isEqualTo("Neoverse-N2");
        assertThat(EnvironmentFingerprint.armModel("Architecture:  aarch64\nModel name:    -\n", "0x41", "0xd49"))
                .isEqualTo("ARM implementer 0x41 part 0xd49");
        assertThat(EnvironmentFingerprint.armModel(null, "0x41", "0xd49")).isEqualTo("ARM implementer 0x41 part 0xd49");
    }

    @Test
    void anArmCpuinfoNeverLeavesTheModelUnknown(@TempDir Path tmp) throws Exception {
        Path cpuinfo = Files.writeString(tmp.resolve("cpuinfo"), ARM64_CPUINFO);
        // lscpu on this (x86) machine names its own CPU, not the file's: only non-null is checked here
        assertThat(EnvironmentFingerprint.cpuModel(cpuinfo, tmp)).isNotBlank();
        assertThat(EnvironmentFingerprint.cpuModel(tmp.resolve("missing"), tmp)).isNull();
    }

    @Test
    void theArchitectureIsRecorded() {
        assertThat(EnvironmentFingerprint.collect(Path.of("").toAbsolutePath()).get("arch")).isEqualTo(System.getProperty("os.arch"));
    }
}
