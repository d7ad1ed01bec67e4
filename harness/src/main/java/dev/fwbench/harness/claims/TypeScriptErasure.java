package dev.fwbench.harness.claims;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.fwbench.harness.BenchException;
import dev.fwbench.harness.BenchHome;
import dev.fwbench.harness.Console;
import dev.fwbench.harness.app.NestJsApp;
import dev.fwbench.harness.process.ChildProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Claim 10's experiment: handlers written twice ({@code claims/typescript/typed/} and
 * {@code untyped/}, the same code with and without type annotations), compiled by the NestJS
 * app's own TypeScript ({@code reference-apps/nestjs/node_modules}, installed as a NestJS
 * start installs it) with the app's own compiler options ({@code tsconfig.json}, extended),
 * and the emitted JavaScript compared byte for byte, with its SHA-256. Both compilations use
 * the same options, {@code noImplicitAny} off for both (a type-check option: it changes no
 * emitted byte, and without it the untyped file fails the type check).
 *
 * <pre>
 *   &lt;claims run&gt;/typescript/
 *     typed/src/*.ts, typed/tsconfig.json, typed/js/*.js        the sources as compiled, the options, the output
 *     untyped/...                                               the same without types
 *     tsc-typed.log, tsc-untyped.log                            the compiler's output
 * </pre>
 * The pair that decides is {@code updates-handler} (the /updates route's work, as the app's
 * service writes it); {@code queries-route} (a Nest controller method and pipe, decorated) is
 * reported beside it: with {@code emitDecoratorMetadata}, the type of a decorated parameter
 * is emitted as {@code design:paramtypes} metadata ({@code Number} typed, {@code Object}
 * untyped), which Nest reads at start-up for injection and a pipe's metatype.
 */
public final class TypeScriptErasure {
    static final String DECIDES = "updates-handler";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TypeScriptErasure() {
    }

    /** Compiles both variants into {@code out} (a folder of the claims run named {@code rel} there). */
    public static ErasureEvidence run(BenchHome home, Path out, String rel) {
        Path app = home.app("nestjs");
        Path sources = home.root().resolve("claims/typescript");
        try {
            new NestJsApp(app).prepare(out); // npm ci when the lockfile changed: the pinned TypeScript
        } catch (BenchException e) {
            return new ErasureEvidence(null, DECIDES, List.of(), "the NestJS app's dependencies could not be installed: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        Path tsc = app.resolve("node_modules/typescript/bin/tsc");
        String compiler;
        try {
            compiler = "tsc " + JSON.readTree(app.resolve("node_modules/typescript/package.json").toFile()).path("version")
                    .asText() + " (reference-apps/nestjs/node_modules) with the app's tsconfig.json options";
            for (String variant : List.of("typed", "untyped")) {
                compile(tsc, app, sources.resolve(variant), out.resolve(variant), out.resolve("tsc-" + variant + ".log"));
            }
        } catch (IOException | BenchException e) {
            return new ErasureEvidence(null, DECIDES, List.of(), "compiling failed: " + e.getMessage().lines().findFirst()
                    .orElse(""));
        }
        List<ErasureEvidence.Pair> pairs = new ArrayList<>();
        try (Stream<Path> files = Files.list(sources.resolve("typed"))) {
            for (Path ts : files.filter(f -> f.toString().endsWith(".ts")).sorted().toList()) {
                String name = ts.getFileName().toString().replace(".ts", "");
                pairs.add(pair(out, rel, name));
            }
        } catch (IOException e) {
            return new ErasureEvidence(compiler, DECIDES, List.of(), "reading the output failed: " + e.getMessage());
        }
        pairs.sort((x, y) -> x.name().equals(DECIDES) ? -1 : y.name().equals(DECIDES) ? 1 : x.name().compareTo(y.name()));
        Console.info("typescript: %s", String.join("; ", pairs.stream().map(p -> p.name() + (p.identical()
                ? " byte-identical" : " differs in " + p.differingLines().size() + " line(s)")).toList()));
        return new ErasureEvidence(compiler, DECIDES, pairs, null);
    }

    /** One variant: its sources copied, a tsconfig extending the app's, tsc; its output in {@code dir/js}. */
    private static void compile(Path tsc, Path app, Path sources, Path dir, Path log) throws IOException {
        Files.createDirectories(dir.resolve("src"));
        try (Stream<Path> files = Files.list(sources)) {
            for (Path f : files.filter(x -> x.toString().endsWith(".ts")).toList()) {
                Files.copy(f, dir.resolve("src").resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("rootDir", "src");
        options.put("outDir", "js");
        options.put("noImplicitAny", false);
        options.put("typeRoots", List.of(app.resolve("node_modules/@types").toString()));
        options.put("baseUrl", ".");
        options.put("paths", Map.of("*", List.of(app.resolve("node_modules").toString() + "/*")));
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("extends", app.resolve("tsconfig.json").toString());
        config.put("compilerOptions", options);
        config.put("include", List.of("src/**/*.ts"));
        JSON.writeValue(dir.resolve("tsconfig.json").toFile(), config);
        ChildProcess.run("tsc (" + dir.getFileName() + ")", List.of("node", tsc.toString(), "-p",
                dir.resolve("tsconfig.json").toString()), dir, Map.of(), log, Duration.ofMinutes(3));
    }

    private static ErasureEvidence.Pair pair(Path out, String rel, String name) throws IOException {
        Path typed = out.resolve("typed/js/" + name + ".js");
        Path untyped = out.resolve("untyped/js/" + name + ".js");
        byte[] t = Files.readAllBytes(typed);
        byte[] u = Files.readAllBytes(untyped);
        List<String> tl = Files.readAllLines(typed);
        List<String> ul = Files.readAllLines(untyped);
        List<String> differ = new ArrayList<>();
        for (int i = 0; i < Math.max(tl.size(), ul.size()); i++) {
            String a = i < tl.size() ? tl.get(i) : "";
            String b = i < ul.size() ? ul.get(i) : "";
            if (!a.equals(b)) {
                differ.add("line " + (i + 1) + ": typed '" + a.trim() + "' untyped '" + b.trim() + "'");
            }
        }
        String what = name.equals(DECIDES) ? "/updates handler (the app's service code)"
                : "/queries route (a decorated Nest controller method and pipe)";
        return new ErasureEvidence.Pair(name, what, rel + "/typed/src/" + name + ".ts", rel + "/untyped/src/" + name + ".ts",
                rel + "/typed/js/" + name + ".js", rel + "/untyped/js/" + name + ".js", sha256(t), sha256(u), t.length, u.length,
                java.util.Arrays.equals(t, u), differ);
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
