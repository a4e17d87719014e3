package io.github.nn4j.torch7;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * C's {@code printf("%.<p>g")} and {@code scanf} number syntax, as {@code THDiskFile.c} uses them
 * for the ascii encoding: doubles {@code %.17g}, floats {@code %.9g}, integers {@code %d}/{@code %ld}.
 * The formatting rounds the exact binary value half-to-even, as glibc does, so the text is
 * byte-for-byte what Torch prints.
 */
final class AsciiNumbers {

    private AsciiNumbers() {
    }

    /**
     * {@code %.<precision>g} of a value, as glibc prints it ({@code inf}, {@code -inf},
     * {@code nan}, {@code -nan} for the non-finite values).
     */
    static String formatG(double v, int precision) {
        if (Double.isNaN(v)) {
            return Double.doubleToRawLongBits(v) < 0 ? "-nan" : "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0.0) {
            return Double.doubleToRawLongBits(v) < 0 ? "-0" : "0";
        }
        BigDecimal r = new BigDecimal(v).round(new MathContext(precision, RoundingMode.HALF_EVEN));
        // exponent of the rounded value: unscaled has at most `precision` digits
        String digits = r.unscaledValue().abs().toString();
        int exp = digits.length() - 1 - r.scale();
        // pad the digits to `precision` significant digits, then strip trailing zeros later
        StringBuilder sig = new StringBuilder(digits);
        while (sig.length() < precision) {
            sig.append('0');
        }
        if (sig.length() > precision) {
            sig.setLength(precision);
        }
        StringBuilder out = new StringBuilder();
        if (v < 0) {
            out.append('-');
        }
        if (exp < -4 || exp >= precision) {
            out.append(sig.charAt(0));
            String frac = stripZeros(sig.substring(1));
            if (!frac.isEmpty()) {
                out.append('.').append(frac);
            }
            out.append('e').append(exp < 0 ? '-' : '+');
            int a = Math.abs(exp);
            if (a < 10) {
                out.append('0');
            }
            out.append(a);
        } else if (exp >= 0) {
            out.append(sig, 0, exp + 1);
            String frac = stripZeros(sig.substring(exp + 1));
            if (!frac.isEmpty()) {
                out.append('.').append(frac);
            }
        } else {
            StringBuilder frac = new StringBuilder();
            for (int i = 0; i < -exp - 1; i++) {
                frac.append('0');
            }
            frac.append(sig);
            out.append("0.").append(stripZeros(frac.toString()));
        }
        return out.toString();
    }

    private static String stripZeros(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '0') {
            end--;
        }
        return s.substring(0, end);
    }

    /**
     * Parses a floating-point token as {@code scanf("%lg")} would accept it in a Torch file: a
     * decimal number with optional sign, fraction and exponent, or {@code inf}, {@code infinity},
     * {@code nan}, {@code nan(...)} in any case, optionally signed.
     *
     * @return the value, or {@code null} if the token is not a number
     */
    static Double parseDouble(String token) {
        String t = token;
        boolean neg = false;
        if (!t.isEmpty() && (t.charAt(0) == '-' || t.charAt(0) == '+')) {
            neg = t.charAt(0) == '-';
            t = t.substring(1);
        }
        String lower = t.toLowerCase(java.util.Locale.ROOT);
        if (lower.equals("inf") || lower.equals("infinity")) {
            return neg ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (lower.equals("nan") || (lower.startsWith("nan(") && lower.endsWith(")"))) {
            return neg ? Double.longBitsToDouble(0xfff8000000000000L) : Double.NaN;
        }
        if (!isDecimal(t)) {
            return null;
        }
        double d = Double.parseDouble(t);
        return neg ? -d : d;
    }

    /** Digits with an optional fraction and an optional signed exponent; at least one digit. */
    private static boolean isDecimal(String t) {
        int i = 0;
        int n = t.length();
        int mant = 0;
        while (i < n && isDigit(t.charAt(i))) {
            i++;
            mant++;
        }
        if (i < n && t.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(t.charAt(i))) {
                i++;
                mant++;
            }
        }
        if (mant == 0) {
            return false;
        }
        if (i < n && (t.charAt(i) == 'e' || t.charAt(i) == 'E')) {
            i++;
            if (i < n && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
                i++;
            }
            int e = 0;
            while (i < n && isDigit(t.charAt(i))) {
                i++;
                e++;
            }
            if (e == 0) {
                return false;
            }
        }
        return i == n;
    }

    /**
     * Parses an integer token ({@code %d}, {@code %ld}, {@code %hd}): an optional sign and digits.
     *
     * @return the value, or {@code null} if the token is not an integer in {@code long} range
     */
    static Long parseLong(String token) {
        int i = 0;
        int n = token.length();
        if (i < n && (token.charAt(i) == '-' || token.charAt(i) == '+')) {
            i++;
        }
        if (i == n || n > 25) {
            return null;
        }
        for (int j = i; j < n; j++) {
            if (!isDigit(token.charAt(j))) {
                return null;
            }
        }
        try {
            return Long.parseLong(token.charAt(0) == '+' ? token.substring(1) : token);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
