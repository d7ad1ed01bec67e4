package dev.fwbench.harness.suite;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A trial whose target did not run as its cell asked is flagged, from what the target's /health reported. */
class TrialReaderTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Cell cell(Map<String, String> settings) {
        return new Cell("nestjs/article", null, null, Map.of(), settings);
    }

    private static JsonNode health(String json) throws Exception {
        return JSON.readTree(json);
    }

    @Test
    void aCacheOrDatabaseAccessOtherThanAskedIsAConfigurationDifference() throws Exception {
        JsonNode uncached = health("{\"workers\": 2, \"server\": \"express\", \"profile\": \"production\", "
                + "\"cache\": \"off\", \"dbAccess\": \"orm\"}");
        assertThat(TrialReader.differs(cell(Map.of("cache", "redis", "db.access", "raw")), uncached))
                .hasValue("configuration differs: cache redis asked, off reported, db.access raw asked, orm reported");
        assertThat(TrialReader.differs(cell(Map.of("cache", "off", "db.access", "orm", "workers", "2")), uncached)).isEmpty();
    }

    @Test
    void anAppThatDoesNotReportASettingIsNotFlaggedForIt() throws Exception {
        // an external service of the user's, written before the variants: nothing to compare with
        assertThat(TrialReader.differs(cell(Map.of("cache", "redis")), health("{\"workers\": 2}"))).isEmpty();
    }
}
