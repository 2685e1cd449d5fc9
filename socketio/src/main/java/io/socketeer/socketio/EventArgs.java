package io.socketeer.socketio;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The arguments of an event or acknowledgement: JSON values, with binary attachments as
 * {@link com.fasterxml.jackson.databind.node.BinaryNode}s wherever the client put them.
 *
 * <p>Read them raw ({@link #get(int)}), as simple values ({@link #getString(int)}, {@link #getBytes(int)}…),
 * or as your own types through Jackson ({@link #get(int, Class)}). Missing arguments read as {@code null}
 * (or 0 / {@code false}).
 */
public final class EventArgs {

    private final ArrayNode args;
    private final ObjectMapper mapper;

    /**
     * Wraps arguments.
     *
     * @param args the JSON array of arguments (not copied)
     * @param mapper the mapper for typed access
     */
    public EventArgs(ArrayNode args, ObjectMapper mapper) {
        this.args = args;
        this.mapper = mapper;
    }

    /**
     * No arguments.
     *
     * @param mapper the mapper
     * @return empty arguments
     */
    public static EventArgs empty(ObjectMapper mapper) {
        return new EventArgs(JsonNodeFactory.instance.arrayNode(), mapper);
    }

    /** @return the number of arguments */
    public int size() {
        return args.size();
    }

    /** @return whether there are none */
    public boolean isEmpty() {
        return args.isEmpty();
    }

    /**
     * Returns an argument as a JSON tree.
     *
     * @param index the position
     * @return the value, or {@code null} if absent
     */
    public JsonNode get(int index) {
        return args.get(index);
    }

    /**
     * Returns an argument as text.
     *
     * @param index the position
     * @return the string, or {@code null} if absent or JSON null; non-strings as their JSON text
     */
    public String getString(int index) {
        JsonNode n = args.get(index);
        if (n == null || n.isNull()) {
            return null;
        }
        return n.isTextual() ? n.textValue() : n.toString();
    }

    /**
     * Returns an argument as an int.
     *
     * @param index the position
     * @return the number, 0 if absent or not a number
     */
    public int getInt(int index) {
        JsonNode n = args.get(index);
        return n != null && n.isNumber() ? n.asInt() : 0;
    }

    /**
     * Returns an argument as a long.
     *
     * @param index the position
     * @return the number, 0 if absent or not a number
     */
    public long getLong(int index) {
        JsonNode n = args.get(index);
        return n != null && n.isNumber() ? n.asLong() : 0;
    }

    /**
     * Returns an argument as a double.
     *
     * @param index the position
     * @return the number, 0 if absent or not a number
     */
    public double getDouble(int index) {
        JsonNode n = args.get(index);
        return n != null && n.isNumber() ? n.asDouble() : 0;
    }

    /**
     * Returns an argument as a boolean (JavaScript truthiness is not applied).
     *
     * @param index the position
     * @return the value, {@code false} if absent or not a boolean
     */
    public boolean getBoolean(int index) {
        JsonNode n = args.get(index);
        return n != null && n.isBoolean() && n.booleanValue();
    }

    /**
     * Returns a binary argument.
     *
     * @param index the position
     * @return the bytes, or {@code null} if absent or not binary
     */
    public byte[] getBytes(int index) {
        JsonNode n = args.get(index);
        if (n == null || !n.isBinary()) {
            return null;
        }
        try {
            return n.binaryValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Tells whether an argument is binary.
     *
     * @param index the position
     * @return whether it is present and binary
     */
    public boolean isBinary(int index) {
        JsonNode n = args.get(index);
        return n != null && n.isBinary();
    }

    /**
     * Converts an argument to a type with Jackson ({@code byte[]} fields take binary attachments).
     *
     * @param index the position
     * @param type the type
     * @param <T> the type
     * @return the value, or {@code null} if absent
     * @throws IllegalArgumentException if it cannot be converted
     */
    public <T> T get(int index, Class<T> type) {
        JsonNode n = args.get(index);
        if (n == null) {
            return null;
        }
        try {
            return mapper.treeToValue(n, type);
        } catch (IOException e) {
            throw new IllegalArgumentException("argument " + index + " is not a " + type.getSimpleName(), e);
        }
    }

    /**
     * Converts an argument to a generic type with Jackson.
     *
     * @param index the position
     * @param type the type
     * @param <T> the type
     * @return the value, or {@code null} if absent
     * @throws IllegalArgumentException if it cannot be converted
     */
    public <T> T get(int index, TypeReference<T> type) {
        JsonNode n = args.get(index);
        if (n == null) {
            return null;
        }
        return mapper.convertValue(n, type);
    }

    /** @return the arguments as the JSON array they came in (mutable; shared with other listeners) */
    public ArrayNode raw() {
        return args;
    }

    /** @return the arguments as a list of trees */
    public List<JsonNode> asList() {
        List<JsonNode> list = new ArrayList<>(args.size());
        args.forEach(list::add);
        return list;
    }

    /** @return the arguments as an array suitable for {@code emit(event, args.toArray())} */
    public Object[] toArray() {
        Object[] a = new Object[args.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = args.get(i);
        }
        return a;
    }

    @Override
    public String toString() {
        return args.toString();
    }
}
