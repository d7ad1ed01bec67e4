package dev.fwbench.harness.claims;

import java.util.List;

/**
 * What the TypeScript compiler emitted for handlers written twice, with types and without
 * ({@link TypeScriptErasure} compiles them): per pair, the two JavaScript files, their SHA-256
 * and whether they are byte-identical, and the lines that differ when they are not.
 *
 * @param compiler "tsc 5.9.3 (reference-apps/nestjs/node_modules), the app's tsconfig.json options"
 * @param decides  the pair the rule is applied to (the others are reported beside it)
 * @param error    why nothing could be compiled (no Node, no install), else null
 */
public record ErasureEvidence(String compiler, String decides, List<Pair> pairs, String error) {

    /** One handler: what it is, the files (relative to the claims run) and what they hold. */
    public record Pair(String name, String what, String typedSource, String untypedSource, String typedJs, String untypedJs,
                       String typedSha256, String untypedSha256, long typedBytes, long untypedBytes, boolean identical,
                       List<String> differingLines) {
    }

    public Pair pair(String name) {
        return pairs.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
    }
}
