package dev.sequent.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void parsesEveryValueKind() {
        Object parsed = Json.parse("{\"a\": [1, -2.5e1, true, false, null], \"b\": \"q\\\"\\u00e9\\n\"}");

        Map<?, ?> map = (Map<?, ?>) parsed;
        List<?> list = (List<?>) map.get("a");
        assertEquals(1.0, list.get(0));
        assertEquals(-25.0, list.get(1));
        assertEquals(Boolean.TRUE, list.get(2));
        assertEquals(Boolean.FALSE, list.get(3));
        assertNull(list.get(4));
        assertEquals("q\"\u00e9\n", map.get("b"));
    }

    @Test
    void writeThenParseRoundTrips() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("units", 64);
        value.put("rate", 0.001f);
        value.put("shape", Arrays.asList(null, 30, 8));
        value.put("name", "dense \"1\"");
        value.put("nested", Map.of("empty", List.of()));

        Map<?, ?> parsed = (Map<?, ?>) Json.parse(Json.write(value));

        assertEquals(64.0, parsed.get("units"));
        // The float is written with Float.toString, so it reads back as the same float.
        assertEquals(0.001f, ((Double) parsed.get("rate")).floatValue());
        assertEquals(Arrays.asList(null, 30.0, 8.0), parsed.get("shape"));
        assertEquals("dense \"1\"", parsed.get("name"));
    }

    @Test
    void rejectsSyntaxErrorsWithPosition() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\": tru}"));

        assertTrue(error.getMessage().contains("character 6"), error.getMessage());
    }

    @Test
    void rejectsDeepNesting() {
        String deep = "[".repeat(Json.MAX_DEPTH + 2) + "]".repeat(Json.MAX_DEPTH + 2);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Json.parse(deep));

        assertTrue(error.getMessage().contains("nesting deeper than 64"), error.getMessage());
    }

    @Test
    void rejectsDuplicateKeys() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Json.parse("{\"a\": 1, \"a\": 2}"));

        assertTrue(error.getMessage().contains("duplicate key 'a'"), error.getMessage());
    }
}
