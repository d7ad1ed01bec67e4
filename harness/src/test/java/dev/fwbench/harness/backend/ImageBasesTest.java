package dev.fwbench.harness.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ImageBasesTest {

    @Test
    void imageBasesComeFromTheEnvironmentThenTheCommandLine() {
        ImageBases b = ImageBases.fromEnvironment(Map.of("FWBENCH_NODE_IMAGE", "local/node:20", "FWBENCH_REDIS_IMAGE", " "));
        assertThat(b.node()).isEqualTo("local/node:20");
        assertThat(b.redis()).isEqualTo(ImageBases.OFFICIAL.redis());
        assertThat(b.override("python=local/py:3.11").python()).isEqualTo("local/py:3.11");
        assertThatThrownBy(() -> b.override("python")).hasMessageContaining("KEY=IMAGE");
        assertThatThrownBy(() -> b.override("ruby=x")).hasMessageContaining("unknown image base 'ruby'");
    }

    @Test
    void imagesByKey() {
        assertThat(ImageBases.OFFICIAL.forKey("python")).isEqualTo("python:3.12-slim-bookworm");
        assertThatThrownBy(() -> ImageBases.OFFICIAL.forKey("ruby")).hasMessageContaining("unknown image base");
    }
}
