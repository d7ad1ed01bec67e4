package dev.fwbench.harness.report;

import dev.fwbench.harness.BenchException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;

/**
 * uPlot (https://github.com/leeoniya/uPlot, MIT), the chart library every report inlines: its
 * minified script (about 50 KB) and style sheet, read at report time from the WebJar on the
 * class path ({@code org.webjars.npm:uplot}, pinned in the root pom), so that the page needs no
 * network and the version is Maven's to manage. The version is the WebJar's own
 * {@code pom.properties}: a new WebJar needs no change here.
 *
 * <p>The texts go into the page unescaped (they are code), so they are checked not to close
 * their element early.
 */
public record ChartLibrary(String name, String version, String script, String styleSheet) {
    private static final String POM = "META-INF/maven/org.webjars.npm/uplot/pom.properties";

    static ChartLibrary load() {
        Properties pom = new Properties();
        try (InputStream in = resource(POM)) {
            pom.load(in);
        } catch (IOException e) {
            throw new BenchException("cannot read " + POM + ": " + e.getMessage(), e);
        }
        String version = pom.getProperty("version");
        String dist = "META-INF/resources/webjars/uplot/" + version + "/dist/";
        String script = text(dist + "uPlot.iife.min.js");
        String css = text(dist + "uPlot.min.css");
        requireNo(script, "</script", dist + "uPlot.iife.min.js");
        requireNo(css, "</style", dist + "uPlot.min.css");
        return new ChartLibrary("uPlot", version, script, css);
    }

    /** The page's own style sheet or script ({@code report.css}, {@code report.js}), checked as the library's are. */
    static String asset(String name, String closing) {
        String resource = "dev/fwbench/harness/report/" + name;
        String text = text(resource);
        requireNo(text, closing, resource);
        return text;
    }

    private static void requireNo(String text, String closing, String what) {
        if (text.toLowerCase(Locale.ROOT).contains(closing)) {
            throw new BenchException(what + " contains '" + closing + "': it cannot be inlined into the page as it is");
        }
    }

    static String text(String resource) {
        try (InputStream in = resource(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BenchException("cannot read " + resource + " from the class path: " + e.getMessage(), e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = ChartLibrary.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new BenchException(name + " is not on the class path: the report needs the harness's runtime "
                    + "libraries (harness/target/lib, or the Maven dependencies)");
        }
        return in;
    }
}
