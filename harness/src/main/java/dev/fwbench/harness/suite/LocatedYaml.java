package dev.fwbench.harness.suite;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.fwbench.harness.BenchException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A YAML file read as a tree (Jackson's YAML module) that still knows on which line every
 * value stood, so that a validation error can name the file, the line and the fix:
 * {@code plans/quick.yaml line 14: 'rate' must be a number in (0, 200000] (got 'fast')}.
 */
public final class LocatedYaml {
    private static final YAMLFactory YAML = new YAMLFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper(YAML);

    private final String source;
    private final JsonNode root;
    private final Map<String, Integer> lines;

    private LocatedYaml(String source, JsonNode root, Map<String, Integer> lines) {
        this.source = source;
        this.root = root;
        this.lines = lines;
    }

    /** @param source how errors name the file ({@code plans/quick.yaml}) */
    public static LocatedYaml read(Path file, String source) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new BenchException("cannot read " + source + ": " + e.getMessage());
        }
        return parse(text, source);
    }

    public static LocatedYaml parse(String text, String source) {
        try {
            JsonNode root = MAPPER.readTree(text);
            if (root == null || root.isMissingNode()) {
                throw new BenchException(source + " is empty: a plan needs at least 'targets' and 'workloads'");
            }
            return new LocatedYaml(source, root, lines(text));
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new BenchException(source + (at != null ? " line " + at.getLineNr() : "") + ": not valid YAML ("
                    + e.getOriginalMessage().lines().findFirst().orElse("") + ")");
        }
    }

    /** Line of every value and field, by JSON pointer ({@code /workloads/0/rate}). */
    private static Map<String, Integer> lines(String text) throws JsonProcessingException {
        Map<String, Integer> m = new HashMap<>();
        try (JsonParser p = YAML.createParser(text)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                JsonPointer at = p.getParsingContext().pathAsPointer();
                int line = p.currentTokenLocation().getLineNr();
                if (t == JsonToken.FIELD_NAME) {
                    m.putIfAbsent(at.toString(), line);
                } else if (t.isScalarValue() || t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    m.putIfAbsent(at.toString(), line);
                }
            }
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new BenchException("cannot read YAML: " + e.getMessage());
        }
        return m;
    }

    public JsonNode root() {
        return root;
    }

    public String source() {
        return source;
    }

    /** The line of the value at {@code pointer}, or of its closest parent that has one. */
    public int line(String pointer) {
        for (String p = pointer; ; p = p.substring(0, p.lastIndexOf('/'))) {
            Integer l = lines.get(p);
            if (l != null) {
                return l;
            }
            if (p.isEmpty()) {
                return 1;
            }
        }
    }

    /** A one-line error at {@code pointer}: "FILE line N: MESSAGE". */
    public BenchException error(String pointer, String message) {
        return new BenchException(source + " line " + line(pointer) + ": " + message);
    }
}
