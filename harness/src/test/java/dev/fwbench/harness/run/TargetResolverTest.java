package dev.fwbench.harness.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fwbench.harness.BenchException;
import dev.fwbench.harness.config.DriverConfig;
import dev.fwbench.harness.targets.ArticleCache;
import dev.fwbench.harness.targets.DbAccess;
import dev.fwbench.harness.targets.Framework;
import dev.fwbench.harness.targets.Profile;
import dev.fwbench.harness.targets.Target;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How every driver turns its settings into targets: managed or external, loopback only unless allowed. */
class TargetResolverTest {

    private static List<Target> resolve(Map<String, String> props) {
        return TargetResolver.resolve(DriverConfig.read(RunSettings.all(), props, Map.of()), "both");
    }

    @Test
    void bothMeansEveryFrameworkWithTheSharedSettings() {
        List<Target> t = resolve(Map.of("workers", "2", "profile", "tuned", "server.cpus", "1"));
        assertThat(t).extracting(Target::name).containsExactly("nestjs", "django");
        assertThat(t).allSatisfy(x -> {
            assertThat(x.isExternal()).isFalse();
            assertThat(x.spec().workers()).isEqualTo(2);
            assertThat(x.spec().profile()).isEqualTo(Profile.TUNED);
            assertThat(x.spec().limits().cpus()).isEqualTo(1);
            assertThat(x.spec().limits().explicit()).isTrue();
        });
    }

    @Test
    void aVariantAppliesToTheFrameworksThatHaveIt() {
        List<Target> t = resolve(Map.of("variant", "fastify"));
        assertThat(t.get(0).spec().variant()).isEqualTo("fastify");
        assertThat(t.get(1).spec().variant()).isEqualTo("gunicorn");
        List<Target> own = resolve(Map.of("variant.django", "uvicorn", "target", "django,nestjs"));
        assertThat(own).extracting(Target::name).containsExactly("django", "nestjs");
        assertThat(own.get(0).spec().variant()).isEqualTo("uvicorn");
        assertThatThrownBy(() -> resolve(Map.of("variant", "tornado"))).isInstanceOf(BenchException.class)
                .hasMessageContaining("-Dvariant=tornado");
        assertThatThrownBy(() -> resolve(Map.of("variant.django", "fastify"))).hasMessageContaining("unknown variant 'fastify'");
    }

    @Test
    void cacheAndDatabaseAccessReachTheSpecsOfTheFrameworksThatHaveThem() {
        List<Target> t = resolve(Map.of("cache", "redis", "db.access", "raw", "target", "nestjs,django,bare"));
        assertThat(t).extracting(Target::name).containsExactly("nestjs", "django", "bare");
        assertThat(t.subList(0, 2)).allSatisfy(x -> {
            assertThat(x.spec().cache()).isEqualTo(ArticleCache.REDIS);
            assertThat(x.spec().dbAccess()).isEqualTo(DbAccess.RAW);
        });
        assertThat(t.get(2).spec().cache()).as("the baseline has no cache").isEqualTo(ArticleCache.OFF);
        assertThat(resolve(Map.of()).get(0).spec().dbAccess()).isEqualTo(DbAccess.ORM);
        assertThatThrownBy(() -> resolve(Map.of("cache", "redis", "target", "bare"))).isInstanceOf(BenchException.class)
                .hasMessageContaining("bare baseline has neither a cache nor an ORM");
        assertThatThrownBy(() -> resolve(Map.of("db.access", "orm", "target", "bare")))
                .hasMessageContaining("bare baseline has neither a cache nor an ORM");
        assertThatThrownBy(() -> resolve(Map.of("cache", "memcached"))).isInstanceOf(BenchException.class)
                .hasMessageContaining("cache");
    }

    @Test
    void theBareBaselineComesOnlyByName() {
        assertThat(TargetResolver.frameworks("both")).doesNotContain(Framework.BARE);
        assertThat(TargetResolver.frameworks("nestjs,bare")).containsExactly(Framework.NESTJS, Framework.BARE);
    }

    @Test
    void unknownTargetsAreRefused() {
        assertThatThrownBy(() -> resolve(Map.of("target", "rails"))).isInstanceOf(BenchException.class)
                .hasMessageContaining("unknown target 'rails'");
        assertThatThrownBy(() -> resolve(Map.of("target", " , "))).hasMessageContaining("-Dtarget is empty");
    }

    @Test
    void aBaseUrlIsAnExternalTargetNamedAfterItsFramework() {
        List<Target> t = resolve(Map.of("base.url", "http://127.0.0.1:8080", "target", "django"));
        assertThat(t).hasSize(1);
        assertThat(t.get(0).name()).isEqualTo("django");
        assertThat(t.get(0).isExternal()).isTrue();
        assertThat(t.get(0).wsUrl()).isEqualTo(URI.create("ws://127.0.0.1:8080"));
        assertThat(resolve(Map.of("base.url", "http://localhost:1")).get(0).name()).isEqualTo("external");
        assertThat(resolve(Map.of("base.url", "http://[::1]:1", "ws.url", "ws://127.0.0.1:2")).get(0).wsUrl())
                .isEqualTo(URI.create("ws://127.0.0.1:2"));
    }

    @Test
    void namedExternalTargets() {
        List<Target> t = resolve(Map.of("target.mine.url", "http://127.0.0.1:8080", "target.mine.ws.url", "ws://127.0.0.1:8081",
                "target.theirs.url", "http://127.0.0.1:9090"));
        assertThat(t).extracting(Target::name).containsExactly("mine", "theirs");
        assertThat(t.get(0).wsUrl()).isEqualTo(URI.create("ws://127.0.0.1:8081"));
        assertThat(t.get(1).wsUrl()).isEqualTo(URI.create("ws://127.0.0.1:9090"));
    }

    @Test
    void anAddressOffThisMachineIsRefusedUnlessAllowed() {
        // 192.0.2.0/24 is TEST-NET-1 (RFC 5737): never routed, and a literal needs no DNS
        assertThatThrownBy(() -> resolve(Map.of("base.url", "http://192.0.2.7:8080")))
                .isInstanceOf(BenchException.class)
                .hasMessage("-Dbase.url http://192.0.2.7:8080 is not on this machine: load would leave loopback; "
                        + "allow it explicitly with --allow-remote (-Dallow.remote=true)");
        assertThatThrownBy(() -> resolve(Map.of("base.url", "http://127.0.0.1:1", "ws.url", "ws://192.0.2.7:1")))
                .hasMessageContaining("-Dws.url");
        assertThatThrownBy(() -> resolve(Map.of("target.far.url", "http://192.0.2.7:1"))).hasMessageContaining("-Dtarget.far.url");
        assertThat(resolve(Map.of("base.url", "http://192.0.2.7:8080", "allow.remote", "true"))).hasSize(1);
    }

    @Test
    void backendAndUrlsMustAgree() {
        assertThatThrownBy(() -> resolve(Map.of("backend", "external"))).hasMessageContaining("-Dbackend=external starts nothing");
        assertThatThrownBy(() -> resolve(Map.of("backend", "process", "base.url", "http://127.0.0.1:1")))
                .hasMessageContaining("-Dbackend=process starts targets");
        assertThatThrownBy(() -> resolve(Map.of("ws.url", "ws://127.0.0.1:1"))).hasMessageContaining("needs -Dbase.url");
        assertThatThrownBy(() -> resolve(Map.of("base.url", "http://127.0.0.1:1", "target", "nestjs,django")))
                .hasMessageContaining("give each its own -Dtarget.NAME.url");
        assertThat(resolve(Map.of("backend", "external", "base.url", "http://127.0.0.1:1"))).hasSize(1);
    }

    @Test
    void frameworksOfTarget() {
        assertThat(TargetResolver.frameworks("both")).containsExactly(Framework.NESTJS, Framework.DJANGO);
        assertThat(TargetResolver.frameworks("Django, nestjs, django")).containsExactly(Framework.DJANGO, Framework.NESTJS);
    }
}
