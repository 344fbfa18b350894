package network.mmc.jobs.calls;

import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads call records from JSON (the REST array and NDJSON lines) token by token, holding each value to the JSON
 * type of its column: text fields are strings, {@code credits} and {@code latency_ms} whole numbers. Nothing is
 * coerced: an object, a number where text belongs or {@code "7"} where a number belongs is refused by name.
 */
final class JsonCallRecord {

    // no field holds more than 128 characters: a longer string is refused before it is read whole
    static final int MAX_STRING = 10_000;

    private static final int FIELDS = CallField.values().length;

    static final JsonMapper JSON = JsonMapper.builder(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(MAX_STRING).maxNameLength(MAX_STRING).maxNumberLength(100).build())
            .build()).build();

    private JsonCallRecord() {
    }

    /**
     * Reads the value the parser stands on, consuming all of it even when it is refused, so that the next
     * record can be read.
     *
     * @return each field's text (a number's literal digits), null when absent or JSON null
     */
    static Function<CallField, String> read(JsonParser parser) throws InvalidRowException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            String kind = kind(parser.currentToken());
            parser.skipChildren();
            throw new InvalidRowException("is " + kind + ", not a JSON object");
        }
        // an array and a bit mask rather than an EnumMap and EnumSet: this runs once per record of every batch
        String[] values = new String[FIELDS];
        int seen = 0;
        String problem = null;
        for (String name = parser.nextName(); name != null; name = parser.nextName()) {
            JsonToken token = parser.nextToken();
            CallField field = CallField.byColumn(name);
            int bit = field == null ? 0 : 1 << field.ordinal();
            String error = field == null ? "has an unknown field" + shownName(name)
                    : (seen & bit) != 0 ? field.column + " is given twice"
                    : typeError(field, token, parser);
            seen |= bit;
            if (error == null && token != JsonToken.VALUE_NULL) {
                values[field.ordinal()] = parser.getString();
            } else if (error != null && problem == null) {
                problem = error;
            }
            parser.skipChildren();
        }
        if (problem != null) {
            throw new InvalidRowException(problem);
        }
        return field -> values[field.ordinal()];
    }

    private static String typeError(CallField field, JsonToken token, JsonParser parser) {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (!field.numeric) {
            return token == JsonToken.VALUE_STRING ? null : field.column + " must be a JSON string, not " + kind(token);
        }
        if (token == JsonToken.VALUE_NUMBER_INT) {
            return null;
        }
        return token == JsonToken.VALUE_NUMBER_FLOAT
                ? field.column + " must be a whole number, got " + parser.getString()
                : field.column + " must be a JSON number, not " + kind(token);
    }

    private static String kind(JsonToken token) {
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> "not a value";
        };
    }

    private static String shownName(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (!CallRowValidator.isIdCharacter(name.charAt(i))) {
                return "";
            }
        }
        return name.length() > 40 ? "" : " '" + name + "'";
    }

    /** What is wrong with unreadable JSON, in the reader's terms. */
    static String describe(JacksonException e) {
        if (e instanceof StreamConstraintsException) {
            return "has a string longer than " + MAX_STRING + " characters or a number longer than 100 digits";
        }
        return "is not valid JSON: " + e.getOriginalMessage();
    }
}
