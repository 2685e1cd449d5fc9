package io.socketeer.socketio.internal.parser;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Doubles written as JavaScript's {@code String(n)} writes them (values checked against Node.js). */
class JsNumbersTest {

    private static void js(String expected, double value) {
        assertEquals(expected, JsNumbers.toString(value), "for " + value);
    }

    @Test
    void integralValuesHaveNoFraction() {
        js("42", 42.0);
        js("-7", -7.0);
        js("0", 0.0);
        js("0", -0.0);
        js("9007199254740991", 9007199254740991.0);
        js("9007199254740992", 9007199254740992.0);
        js("100000000000000000000", 1e20);
    }

    @Test
    void fractionsAreWrittenPlainFromAMillionthUp() {
        js("0.75", 0.75);
        js("0.1", 0.1);
        js("0.30000000000000004", 0.1 + 0.2);
        js("-1.5", -1.5);
        js("123.456", 123.456);
        js("0.000001", 1e-6);
        js("12345678.9", 12345678.9);
    }

    @Test
    void veryLargeAndVerySmallValuesUseExponents() {
        js("1e+21", 1e21);
        js("1.5e+21", 1.5e21);
        js("1e-7", 1e-7);
        js("-2.5e-8", -2.5e-8);
        js("1.7976931348623157e+308", Double.MAX_VALUE);
    }
}
