package network.mmc.jobs.web;

import java.math.BigInteger;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * What is wrong with a request's input, in the caller's terms: the field, what it must be; no Java names. The REST API
 * answers with it, and so do commands that read the same JSON from a file.
 */
public final class InputProblems {

    private static final Pattern DUPLICATE = Pattern.compile("Duplicate Object property \"([^\"]*)\"");
    /** How Jackson words its stream limits: "Number value length (1001) exceeds the maximum allowed (1000, …". */
    private static final Pattern READ_LIMIT = Pattern.compile(
            "([A-Za-z ]+) \\((\\d+)\\) exceeds the maximum allowed \\((\\d+)");

    private InputProblems() {
    }

    /** @param cause why the body could not be read (a Jackson exception, or null when there was no body) */
    public static String unreadableBody(Throwable cause) {
        JacksonException json = jacksonIn(cause);
        if (json == null) {
            return "the request body is missing or is not JSON";
        }
        if (json instanceof StreamConstraintsException limit) {
            // the parser's limits are the document's: the path it knows by then names no field reliably
            return readLimit(limit.getOriginalMessage());
        }
        String field = path(json.getPath());
        if (json instanceof UnrecognizedPropertyException unknown) {
            return "unknown field '" + field + "'; the fields are "
                    + unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
        }
        if (field.isEmpty()) {
            // Jackson marks these two only in its message
            String message = json.getOriginalMessage();
            Matcher duplicate = DUPLICATE.matcher(message);
            if (duplicate.lookingAt()) {
                return "field '" + duplicate.group(1) + "' appears twice";
            }
            if (message.startsWith("Trailing token")) {
                return malformed(json.getLocation()) + ": more after the end of the JSON value";
            }
            if (json instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
                return "the request body must be " + expected(mismatch.getTargetType());
            }
            return malformed(json.getLocation());
        }
        if (json instanceof InputCoercionException range) {
            return "field '" + field + "' is out of range: it must be " + expected(range.getTargetType());
        }
        if (json instanceof MismatchedInputException mismatch) {
            return "field '" + field + "' must be " + expected(elementOrTarget(mismatch));
        }
        return "field '" + field + "' holds a value that cannot be read";
    }

    /** One of the parser's limits, in the caller's terms: what is too large, by how much. */
    private static String readLimit(String message) {
        Matcher limit = READ_LIMIT.matcher(message);
        if (!limit.lookingAt()) {
            return "the JSON holds a number too large or too precise to read";
        }
        String actual = limit.group(2);
        String max = limit.group(3);
        return switch (limit.group(1)) {
            case "Document nesting depth" -> "the JSON nests " + actual + " levels deep, more than the " + max
                    + " allowed";
            case "Number value length" -> "a number has " + actual + " characters, more than the " + max + " allowed";
            case "String value length" -> "a string has " + actual + " characters, more than the " + max + " allowed";
            case "Name length" -> "a field name has " + actual + " characters, more than the " + max + " allowed";
            case "Token count" -> "the JSON holds more than " + max + " values";
            default -> "the JSON is longer than " + max + " characters";
        };
    }

    /**
     * A primitive array (a float[] row) names itself as the target when one of its elements is wrong: then the element's
     * type is what was expected.
     */
    private static Class<?> elementOrTarget(MismatchedInputException mismatch) {
        Class<?> target = mismatch.getTargetType();
        List<JacksonException.Reference> path = mismatch.getPath();
        if (target != null && target.isArray() && target.getComponentType().isPrimitive() && !path.isEmpty()
                && target.isInstance(path.get(path.size() - 1).from())) {
            return target.getComponentType();
        }
        return target;
    }

    /** How a value of this type is written, e.g. "a whole number from 0 to 2147483647", "one of [A, B]". */
    static String expected(Class<?> type) {
        if (type == null) {
            return "a valid value";
        }
        if (type == long.class || type == Long.class) {
            return "a whole number from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE;
        }
        if (type == int.class || type == Integer.class) {
            return "a whole number from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE;
        }
        if (type == short.class || type == Short.class || type == byte.class || type == Byte.class
                || type == BigInteger.class) {
            return "a whole number";
        }
        if (type.isPrimitive() && type != boolean.class || Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (CharSequence.class.isAssignableFrom(type)) {
            return "a string";
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "an ISO-8601 time such as 2026-11-25T10:00:00Z";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.toString(type.getEnumConstants());
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "a JSON array";
        }
        return Map.class.isAssignableFrom(type) || !type.isInterface() ? "a JSON object" : "a valid value";
    }

    private static String malformed(TokenStreamLocation at) {
        return at == null || at.getLineNr() < 0 ? "malformed JSON"
                : "malformed JSON at line " + at.getLineNr() + ", column " + at.getColumnNr();
    }

    private static JacksonException jacksonIn(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof JacksonException json) {
                return json;
            }
        }
        return null;
    }

    private static String path(List<JacksonException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : references) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
