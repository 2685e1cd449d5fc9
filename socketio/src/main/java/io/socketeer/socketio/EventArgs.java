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
     * Returns a numeric argument as the number the client sent: an {@link Integer}, {@link Long} or
     * {@link java.math.BigInteger} for an integral value, a {@link Double} otherwise. JavaScript has one number
     * type, and the text parser writes a {@code Double} with an integral value as JavaScript does (40.0 + 2.0
     * goes out as {@code 42}), so arithmetic on {@link #getDouble(int)} answers what a JavaScript server would;
     * this accessor is for code that must tell {@code 42} from {@code 42.5} or keep large integers exact.
     *
     * @param index the position
     * @return the number, or {@code null} if absent or not a number
     */
    public Number getNumber(int index) {
        JsonNode n = args.get(index);
        return n != null && n.isNumber() ? n.numberValue() : null;
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

    /**
     * Returns the arguments as they came, for passing them on: {@code emit(event, args.toArray())},
     * {@code ack.send(args.toArray())}. Binary arguments stay binary.
     *
     * @return the arguments, as an array of JSON trees
     */
    public Object[] toArray() {
        Object[] a = new Object[args.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = args.get(i);
        }
        return a;
    }

    /**
     * Returns values followed by these arguments, e.g. to answer a catch-all listener with the event name and
     * its arguments, as {@code socket.emit("echo", event, ...args)} does in JavaScript:
     *
     * <pre>{@code
     * socket.onAny((event, args) -> socket.emit("seen", args.prepend(event)));
     * }</pre>
     *
     * @param first the values to put first (any value {@code emit} takes)
     * @return a new array: {@code first}, then the arguments as they came
     */
    public Object[] prepend(Object... first) {
        Object[] a = new Object[first.length + args.size()];
        System.arraycopy(first, 0, a, 0, first.length);
        for (int i = 0; i < args.size(); i++) {
            a[first.length + i] = args.get(i);
        }
        return a;
    }

    /**
     * Returns these arguments followed by values.
     *
     * @param last the values to put after the arguments
     * @return a new array: the arguments as they came, then {@code last}
     */
    public Object[] append(Object... last) {
        Object[] a = new Object[args.size() + last.length];
        for (int i = 0; i < args.size(); i++) {
            a[i] = args.get(i);
        }
        System.arraycopy(last, 0, a, args.size(), last.length);
        return a;
    }

    @Override
    public String toString() {
        return args.toString();
    }
}
