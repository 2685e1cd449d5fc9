package io.socketeer.spring.boot.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.socketeer.socketio.Socket;
import io.socketeer.socketio.SocketIoServer;
import io.socketeer.spring.boot.annotation.OnAnyEvent;
import io.socketeer.spring.boot.annotation.OnConnect;
import io.socketeer.spring.boot.annotation.OnDisconnect;
import io.socketeer.spring.boot.annotation.OnEvent;
import io.socketeer.spring.boot.annotation.SocketIoController;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.ApplicationContext;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Finds the {@link SocketIoController} beans once every singleton exists and registers their methods on the
 * server: one connection listener per namespace (or namespace pattern) that runs the {@link OnConnect}
 * methods and adds the socket's event, catch-all and disconnect listeners.
 */
public final class AnnotatedHandlerRegistrar implements SmartInitializingSingleton {

    private static final String VALIDATOR = "jakarta.validation.Validator";

    private final ApplicationContext context;
    private final SocketIoServer io;

    /**
     * Creates the registrar.
     *
     * @param context where the controllers are
     * @param io the server
     */
    public AnnotatedHandlerRegistrar(ApplicationContext context, SocketIoServer io) {
        this.context = context;
        this.io = io;
    }

    @Override
    public void afterSingletonsInstantiated() {
        ObjectMapper mapper = io.options().mapper();
        Object validator = validator();
        Map<String, NamespaceHandlers> byNamespace = new LinkedHashMap<>();
        for (String name : context.getBeanNamesForAnnotation(SocketIoController.class)) {
            Object bean = context.getBean(name);
            Class<?> type = AopUtils.getTargetClass(bean);
            SocketIoController ann = AnnotatedElementUtils.findMergedAnnotation(type, SocketIoController.class);
            if (ann == null) {
                continue;
            }
            String key = ann.pattern().isEmpty() ? "n:" + normalise(ann.namespace()) : "p:" + ann.pattern();
            NamespaceHandlers handlers = byNamespace.computeIfAbsent(key, k -> new NamespaceHandlers());
            collect(bean, type, handlers, mapper, validator);
        }
        byNamespace.forEach((key, handlers) -> {
            String value = key.substring(2);
            if (key.startsWith("p:")) {
                io.of(Pattern.compile(value)).onConnection(handlers::bind);
            } else {
                io.of(value).onConnection(handlers::bind);
            }
        });
    }

    private static String normalise(String namespace) {
        return namespace.startsWith("/") ? namespace : "/" + namespace;
    }

    private Object validator() {
        ClassLoader loader = getClass().getClassLoader();
        if (!ClassUtils.isPresent(VALIDATOR, loader)) {
            return null;
        }
        return context.getBeanProvider(ClassUtils.resolveClassName(VALIDATOR, loader)).getIfAvailable();
    }

    private static void collect(Object bean, Class<?> type, NamespaceHandlers into, ObjectMapper mapper,
                                Object validator) {
        Map<Method, HandlerMethod.Kind> methods = MethodIntrospector.selectMethods(type,
                (MethodIntrospector.MetadataLookup<HandlerMethod.Kind>) m -> {
                    if (AnnotatedElementUtils.hasAnnotation(m, OnEvent.class)) {
                        return HandlerMethod.Kind.EVENT;
                    } else if (AnnotatedElementUtils.hasAnnotation(m, OnConnect.class)) {
                        return HandlerMethod.Kind.CONNECT;
                    } else if (AnnotatedElementUtils.hasAnnotation(m, OnDisconnect.class)) {
                        return HandlerMethod.Kind.DISCONNECT;
                    } else if (AnnotatedElementUtils.hasAnnotation(m, OnAnyEvent.class)) {
                        return HandlerMethod.Kind.ANY;
                    }
                    return null;
                });
        methods.forEach((m, kind) -> {
            Method invocable = AopUtils.selectInvocableMethod(m, bean.getClass());
            HandlerMethod h = new HandlerMethod(bean, invocable, kind, mapper, validator);
            switch (kind) {
                case CONNECT -> into.connect.add(h);
                case DISCONNECT -> into.disconnect.add(h);
                case ANY -> into.any.add(h);
                case EVENT -> {
                    OnEvent on = AnnotatedElementUtils.findMergedAnnotation(m, OnEvent.class);
                    String event = on.value().isEmpty() ? m.getName() : on.value();
                    HandlerMethod previous = into.events.putIfAbsent(event, h);
                    if (previous != null) {
                        throw new IllegalStateException("event \"" + event + "\" is handled twice: by "
                                + previous.describe() + " and " + h.describe());
                    }
                }
                default -> throw new IllegalStateException(kind.toString());
            }
        });
    }

    /** The handler methods of one namespace, from every controller bean naming it. */
    private static final class NamespaceHandlers {
        final List<HandlerMethod> connect = new ArrayList<>();
        final List<HandlerMethod> disconnect = new ArrayList<>();
        final List<HandlerMethod> any = new ArrayList<>();
        final Map<String, HandlerMethod> events = new HashMap<>();

        void bind(Socket socket) {
            // listeners first, so events the client sends as soon as it is connected find them
            events.forEach((event, h) -> socket.on(event, (args, ack) ->
                    HandlerReplies.handleEvent(h, new HandlerInvocation(socket, event, args, ack, null))));
            if (!any.isEmpty()) {
                socket.onAny((event, args) -> {
                    if (!events.containsKey(event)) {
                        for (HandlerMethod h : any) {
                            HandlerReplies.handleEvent(h, new HandlerInvocation(socket, event, args, null, null));
                        }
                    }
                });
            }
            if (!disconnect.isEmpty()) {
                socket.onDisconnect(reason -> {
                    for (HandlerMethod h : disconnect) {
                        HandlerReplies.handleLifecycle(h, new HandlerInvocation(socket, null, null, null, reason));
                    }
                });
            }
            for (HandlerMethod h : connect) {
                HandlerReplies.handleLifecycle(h, new HandlerInvocation(socket, null, null, null, null));
            }
        }
    }
}
