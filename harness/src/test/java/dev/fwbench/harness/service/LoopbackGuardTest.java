package dev.fwbench.harness.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class LoopbackGuardTest {

    @Test
    void loopbackNamesAndAddressesPass() {
        assertThat(LoopbackGuard.isLoopback("127.0.0.1")).isTrue();
        assertThat(LoopbackGuard.isLoopback("127.3.4.5")).isTrue();
        assertThat(LoopbackGuard.isLoopback("::1")).isTrue();
        assertThat(LoopbackGuard.isLoopback("localhost")).isTrue();
        assertThatCode(() -> LoopbackGuard.check(URI.create("http://[::1]:8080"), false, "-Dbase.url")).doesNotThrowAnyException();
    }

    @Test
    void otherAddressesAreRefusedUnlessAllowed() {
        assertThat(LoopbackGuard.isLoopback("192.0.2.1")).isFalse();
        assertThat(LoopbackGuard.isLoopback("0.0.0.0")).isFalse();
        assertThatThrownBy(() -> LoopbackGuard.check(URI.create("http://192.0.2.1"), false, "x"))
                .hasMessageContaining("--allow-remote");
        assertThatCode(() -> LoopbackGuard.check(URI.create("http://192.0.2.1"), true, "x")).doesNotThrowAnyException();
        assertThatThrownBy(() -> LoopbackGuard.isLoopback("no-such-host.invalid")).hasMessageContaining("cannot resolve");
    }
}
