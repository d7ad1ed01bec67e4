package dev.fwbench.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fwbench.harness.targets.Framework;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The frameworks answer the deterministic routes with the same data: what one framework
 * serves can be compared with what the other serves, byte for byte after normalising the
 * spellings the contract leaves free (timestamps, escapes, whitespace between tags).
 */
@ExtendWith(Targets.class)
class CrossTargetEqualityTest {

    private static List<Framework> targets() {
        List<Framework> all = Targets.all().map(n -> n.getPayload()).toList();
        assumeTrue(all.size() >= 2, "needs at least two targets");
        return all;
    }

    @Test
    void fortunesPagesAreEqual() {
        List<Framework> all = targets();
        String reference = FortunesHtml.normalize(new Http(Targets.service(all.get(0))).get("/fortunes").body());
        for (Framework f : all.subList(1, all.size())) {
            assertThat(FortunesHtml.normalize(new Http(Targets.service(f)).get("/fortunes").body()))
                    .as("%s vs %s", f, all.get(0)).isEqualTo(reference);
        }
    }

    @Test
    void articlePagesAndDetailsAreEqual() {
        List<Framework> all = targets();
        for (String path : List.of("/api/articles?limit=5", "/api/articles?limit=3&offset=9990", "/api/articles/42")) {
            JsonNode reference = normalized(new Http(Targets.service(all.get(0))).get(path).json());
            for (Framework f : all.subList(1, all.size())) {
                JsonNode other = normalized(new Http(Targets.service(f)).get(path).json());
                if (reference.isObject() && other.isObject()) {
                    // other tests create and delete articles: the total may differ by those in flight
                    // (removed from both, each time: the reference is compared with every other target)
                    ((ObjectNode) reference).remove("count");
                    ((ObjectNode) other).remove("count");
                }
                assertThat(other).as("%s on %s vs %s", path, f, all.get(0)).isEqualTo(reference);
            }
        }
    }

    @Test
    void healthObjectsHaveTheSameKeys() {
        List<Framework> all = targets();
        JsonNode reference = new Http(Targets.service(all.get(0))).get("/health").json();
        for (Framework f : all.subList(1, all.size())) {
            JsonNode other = new Http(Targets.service(f)).get("/health").json();
            for (String key : List.of("status", "framework", "frameworkVersion", "runtime", "runtimeVersion", "server",
                    "workers", "threads", "database", "dbPoolSize", "passwordHasher")) {
                assertThat(other.has(key)).as("%s reports %s", f, key).isTrue();
                assertThat(reference.has(key)).as("%s reports %s", all.get(0), key).isTrue();
            }
        }
    }

    /** created_at rewritten as an Instant's canonical form, everywhere in the tree. */
    static JsonNode normalized(JsonNode node) {
        JsonNode copy = node.deepCopy();
        normalize(copy);
        return copy;
    }

    private static void normalize(JsonNode node) {
        if (node.isObject()) {
            ObjectNode o = (ObjectNode) node;
            if (o.has("created_at") && o.get("created_at").isTextual()) {
                o.put("created_at", Instant.parse(o.get("created_at").asText()).toString());
            }
            o.elements().forEachRemaining(CrossTargetEqualityTest::normalize);
        } else if (node.isArray()) {
            node.elements().forEachRemaining(CrossTargetEqualityTest::normalize);
        }
    }
}
