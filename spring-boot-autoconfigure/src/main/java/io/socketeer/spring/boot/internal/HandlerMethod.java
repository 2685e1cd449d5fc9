package io.socketeer.spring.boot.internal;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socketeer.socketio.Ack;
import io.socketeer.socketio.DisconnectReason;
import io.socketeer.socketio.EventArgs;
import io.socketeer.socketio.Handshake;
import io.socketeer.socketio.Socket;
import io.socketeer.spring.boot.annotation.Auth;
import io.socketeer.spring.boot.annotation.EventName;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;

/**
 * One annotated handler method with the resolvers of its parameters, chosen once at start-up so that an
 * event costs a loop over them and one reflective call.
 */
final class HandlerMethod {

    /** What the method handles; it decides which parameter types make sense. */
    enum Kind { CONNECT, DISCONNECT, EVENT, ANY }

    private final Object bean;
    private final Method method;
    private final Kind kind;
    private final ParameterResolver[] resolvers;
    private final boolean takesAck;

    HandlerMethod(Object bean, Method method, Kind kind, ObjectMapper mapper, Object validator) {
        this.bean = bean;
        this.method = method;
        this.kind = kind;
        method.trySetAccessible();
        Parameter[] params = method.getParameters();
        this.resolvers = new ParameterResolver[params.length];
        int position = 0;
        boolean ack = false;
        for (int i = 0; i < params.length; i++) {
            Parameter p = params[i];
            Class<?> type = p.getType();
            if (type == Socket.class) {
                resolvers[i] = HandlerInvocation::socket;
            } else if (type == Handshake.class) {
                resolvers[i] = inv -> inv.socket().handshake();
            } else if (type == Ack.class && kind == Kind.EVENT) {
                resolvers[i] = HandlerInvocation::ack;
                ack = true;
            } else if (type == EventArgs.class && (kind == Kind.EVENT || kind == Kind.ANY)) {
                resolvers[i] = HandlerInvocation::args;
            } else if (p.isAnnotationPresent(EventName.class)) {
                requireType(p, String.class);
                resolvers[i] = HandlerInvocation::event;
            } else if (type == DisconnectReason.class && kind == Kind.DISCONNECT) {
                resolvers[i] = HandlerInvocation::reason;
            } else if (type == String.class && kind == Kind.DISCONNECT) {
                resolvers[i] = inv -> inv.reason() == null ? null : inv.reason().reason();
            } else if (p.isAnnotationPresent(Auth.class)) {
                resolvers[i] = auth(p, mapper);
            } else if (kind == Kind.EVENT || kind == Kind.ANY) {
                resolvers[i] = payload(p, position++, mapper, validator);
            } else {
                throw new IllegalStateException("cannot resolve parameter " + i + " (" + type.getSimpleName()
                        + ") of " + describe());
            }
        }
        this.takesAck = ack;
    }

    private void requireType(Parameter p, Class<?> type) {
        if (p.getType() != type) {
            throw new IllegalStateException("parameter " + p.getName() + " of " + describe() + " must be a "
                    + type.getSimpleName());
        }
    }

    private static ParameterResolver auth(Parameter p, ObjectMapper mapper) {
        JavaType type = mapper.getTypeFactory().constructType(p.getParameterizedType());
        return inv -> convert(mapper, inv.socket().handshake().auth(), type, "auth");
    }

    private static ParameterResolver payload(Parameter p, int index, ObjectMapper mapper, Object validator) {
        Class<?> raw = p.getType();
        boolean validate = validator != null && BeanValidation.wanted(p);
        if (raw == byte[].class) {
            return inv -> {
                JsonNode n = inv.args().get(index);
                if (n == null || n.isNull()) {
                    return null;
                }
                if (!n.isBinary()) {
                    throw new BadArgumentException("argument " + index + " is not binary");
                }
                return inv.args().getBytes(index);
            };
        }
        if (raw == JsonNode.class) {
            return inv -> inv.args().get(index);
        }
        JavaType type = mapper.getTypeFactory().constructType(p.getParameterizedType());
        return inv -> {
            JsonNode n = inv.args().get(index);
            if (n == null || n.isNull()) {
                if (raw.isPrimitive()) {
                    throw new BadArgumentException("argument " + index + " is missing");
                }
                return null;
            }
            Object value = convert(mapper, n, type, "argument " + index);
            if (validate) {
                BeanValidation.validate(validator, value, index);
            }
            return value;
        };
    }

    private static Object convert(ObjectMapper mapper, JsonNode node, JavaType type, String what) {
        try {
            return mapper.treeToValue(node, type);
        } catch (IOException | IllegalArgumentException e) {
            throw new BadArgumentException(what + " is not a " + type.getRawClass().getSimpleName());
        }
    }

    /**
     * Calls the method.
     *
     * @param inv the call's sources
     * @return what the method returned
     * @throws BadArgumentException when an argument does not fit
     * @throws Throwable what the method threw
     */
    Object invoke(HandlerInvocation inv) throws Throwable {
        Object[] values = new Object[resolvers.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = resolvers[i].resolve(inv);
        }
        try {
            return method.invoke(bean, values);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    Kind kind() {
        return kind;
    }

    /** @return whether the method answers the acknowledgement itself */
    boolean takesAck() {
        return takesAck;
    }

    /** @return whether the method returns nothing */
    boolean isVoid() {
        return method.getReturnType() == void.class;
    }

    String describe() {
        return method.getDeclaringClass().getSimpleName() + "." + method.getName();
    }
}
