package dev.fwbench.harness.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fwbench.harness.BenchHome;
import dev.fwbench.harness.targets.Framework;
import dev.fwbench.harness.targets.Profile;
import dev.fwbench.harness.targets.ResourceLimits;
import dev.fwbench.harness.targets.TargetSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Which virtualenv a Django target runs in, and what the two dependency sets pin
 * (reference-apps/django/README.md, "Profiles"). The live check, /health naming the server and
 * driver actually loaded, is HealthAndErrorsConformanceTest's.
 */
class DjangoAppTest {
    private static final Path DJANGO = BenchHome.locate().app("django");
    private static final Pattern PIN = Pattern.compile("^([A-Za-z0-9._-]+)(?:\\[[a-z,]*\\])?==([^\\s;\\\\]+)", Pattern.MULTILINE);

    private static TargetSpec django(Profile profile, String variant) {
        return new TargetSpec(Framework.DJANGO, variant, 2, 0, 0, profile, ResourceLimits.defaults());
    }

    @Test
    void onlyTunedUnderGunicornRunsTheTunedSet() {
        assertThat(DjangoApp.venvFor(django(Profile.TUNED, "gunicorn"))).isEqualTo(DjangoApp.Venv.TUNED);
        assertThat(DjangoApp.venvFor(django(Profile.PRODUCTION, "gunicorn"))).isEqualTo(DjangoApp.Venv.MAIN);
        // Django's connection pool under ASGI needs psycopg 3: the tuned uvicorn variant keeps the main set
        assertThat(DjangoApp.venvFor(django(Profile.TUNED, "uvicorn"))).isEqualTo(DjangoApp.Venv.MAIN);
        assertThat(DjangoApp.venvFor(django(Profile.PRODUCTION, "uvicorn"))).isEqualTo(DjangoApp.Venv.MAIN);
    }

    @Test
    void theProcessRunsTheVirtualenvItWasPreparedFor() {
        DjangoApp app = new DjangoApp(DJANGO);
        Map<String, String> tuned = app.processEnvironment(django(Profile.TUNED, "gunicorn"));
        assertThat(tuned.get("PATH")).startsWith(DJANGO.resolve(".venv-tuned/bin") + ":");
        assertThat(tuned.get("VIRTUAL_ENV")).isEqualTo(DJANGO.resolve(".venv-tuned").toString());
        Map<String, String> production = app.processEnvironment(django(Profile.PRODUCTION, "gunicorn"));
        assertThat(production.get("PATH")).startsWith(DJANGO.resolve(".venv/bin") + ":");
    }

    @Test
    void theTunedSetSwapsOnlyTheServerAndTheDriver() throws IOException {
        Map<String, String> main = pins(DJANGO.resolve("requirements.in"));
        Map<String, String> tuned = pins(DJANGO.resolve("requirements-tuned.in"));
        assertThat(tuned).containsEntry("gunicorn", "23.0.0").containsKey("psycopg2-binary")
                .doesNotContainKeys("psycopg", "psycopg-binary", "psycopg-pool");
        assertThat(main).containsKeys("psycopg", "uvicorn").doesNotContainKey("psycopg2-binary");
        assertThat(main.get("gunicorn")).startsWith("27.");
        Map<String, String> rest = new TreeMap<>(main);
        rest.keySet().removeIf(name -> name.equals("gunicorn") || name.startsWith("psycopg"));
        tuned.keySet().removeIf(name -> name.equals("gunicorn") || name.startsWith("psycopg"));
        assertThat(tuned).as("requirements-tuned.in beside requirements.in").isEqualTo(rest);
    }

    @Test
    void eachLockPinsWhatItsInputAsksFor() throws IOException {
        for (String set : new String[] {"requirements", "requirements-tuned"}) {
            Map<String, String> lock = pins(DJANGO.resolve(set + ".txt"));
            pins(DJANGO.resolve(set + ".in")).forEach((name, version) ->
                    assertThat(lock).as("%s.txt", set).containsEntry(name, version));
            assertThat(Files.readString(DJANGO.resolve(set + ".txt"))).as("%s.txt is hashed", set).contains("--hash=sha256:");
        }
    }

    /** name (lower case, '_' as '-') to version, of every {@code name==version} line. */
    private static Map<String, String> pins(Path file) throws IOException {
        Map<String, String> pins = new TreeMap<>();
        Matcher m = PIN.matcher(Files.readString(file));
        while (m.find()) {
            pins.put(m.group(1).toLowerCase(java.util.Locale.ROOT).replace('_', '-'), m.group(2));
        }
        return pins;
    }
}
