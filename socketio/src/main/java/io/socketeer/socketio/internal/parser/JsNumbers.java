package io.socketeer.socketio.internal.parser;

import java.math.BigDecimal;

/**
 * Formats a finite double as JavaScript's {@code Number.prototype.toString} does (ECMAScript's
 * Number::toString, radix 10): an integral value without a fraction ({@code 42}, not {@code 42.0}), plain
 * notation from 1e-6 up to 1e21, exponent notation such as {@code 1e-7} or {@code 1.5e+21} outside. JavaScript
 * has a single number type, so a client cannot tell {@code 42} from {@code 42.0}; writing it the way a
 * JavaScript server would keeps the wire identical to the reference's. The digits are Java's shortest
 * round-trip digits of the value.
 */
final class JsNumbers {

    /** 2^53: below it every integral double is exactly a long and prints without exponent in JavaScript. */
    private static final double EXACT_LONG = 9007199254740992d;

    private JsNumbers() {
    }

    /**
     * Formats a number.
     *
     * @param d a finite value
     * @return its JavaScript text
     */
    static String toString(double d) {
        if (d == 0) {
            return "0"; // also -0, as JavaScript prints it
        }
        if (d == Math.rint(d) && Math.abs(d) < EXACT_LONG) {
            return Long.toString((long) d);
        }
        BigDecimal v = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        String digits = v.unscaledValue().abs().toString();
        int k = digits.length();
        int n = k - v.scale(); // the value is 0.digits × 10^n
        StringBuilder out = new StringBuilder(k + 8);
        if (d < 0) {
            out.append('-');
        }
        if (k <= n && n <= 21) {
            out.append(digits);
            out.append("0".repeat(n - k));
        } else if (0 < n && n <= 21) {
            out.append(digits, 0, n).append('.').append(digits, n, k);
        } else if (-6 < n && n <= 0) {
            out.append("0.").append("0".repeat(-n)).append(digits);
        } else {
            int e = n - 1;
            out.append(digits.charAt(0));
            if (k > 1) {
                out.append('.').append(digits, 1, k);
            }
            out.append('e').append(e < 0 ? '-' : '+').append(Math.abs(e));
        }
        return out.toString();
    }
}
