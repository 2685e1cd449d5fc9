package io.socketeer.spring.boot.internal;

import io.socketeer.spring.boot.annotation.SocketIoErrorReply;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Valid;
import jakarta.validation.Validator;

import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/** Jakarta Bean Validation of {@code @Valid} payloads, in a class of its own: loaded only when the API is present. */
final class BeanValidation {

    private BeanValidation() {
    }

    static boolean wanted(Parameter parameter) {
        return parameter.isAnnotationPresent(Valid.class);
    }

    static void validate(Object validator, Object value, int index) {
        if (value == null) {
            return;
        }
        Set<ConstraintViolation<Object>> found = ((Validator) validator).validate(value);
        if (found.isEmpty()) {
            return;
        }
        List<SocketIoErrorReply.Violation> violations = new ArrayList<>(found.size());
        for (ConstraintViolation<Object> v : found) {
            violations.add(new SocketIoErrorReply.Violation(v.getPropertyPath().toString(), v.getMessage()));
        }
        violations.sort(Comparator.comparing(SocketIoErrorReply.Violation::path));
        throw new BadArgumentException("argument " + index + " is not valid", List.copyOf(violations));
    }
}
